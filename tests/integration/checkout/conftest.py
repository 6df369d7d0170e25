import re
import threading

import pytest
from django.db import connection
from oscar.apps.basket.models import Basket
from oscar.apps.partner.strategy import Selector

from storefront.order import services
from storefront.places.models import Province, Ward
from tests.factories import ProducerFactory, ProductFactory


def ward_of(province_code):
    return Ward.objects.filter(province_id=province_code).order_by("code").first()


def details(**overrides):
    """A valid checkout form for a buyer in Hồ Chí Minh City."""
    data = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "lan@example.com",
        "province": 79,
        "ward": ward_of(79).pk,
        "street": "12 Lê Lợi",
        "notes": "",
        "payment_method": "cod",
        "consent": "on",
    }
    data.update(overrides)
    return data


def buyer(province_code=79):
    return services.Buyer(
        name="Nguyễn Thị Lan",
        phone="+84912345678",
        email="lan@example.com",
        street="12 Lê Lợi",
        ward=ward_of(province_code),
        province=Province.objects.get(pk=province_code),
    )


def basket_with(*lines, owner=None):
    """A basket outside any request: [(product, quantity), ...]."""
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy()
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def fingerprint_from(response):
    return re.search(r'name="fingerprint" value="([0-9a-f]+)"', response.content.decode()).group(1)


def to_review(client, method="cod", language_prefix="", **overrides):
    """Fill in the details page; returns the review page."""
    response = client.post(
        f"{language_prefix}/shop/checkout/", details(payment_method=method, **overrides)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    review = client.get(f"{language_prefix}/shop/checkout/review/")
    assert review.status_code == 200
    return review


def place_from(client, review, language_prefix=""):
    """Press "Place order" on this review page; returns the response."""
    return client.post(
        f"{language_prefix}/shop/checkout/review/", {"fingerprint": fingerprint_from(review)}
    )


def checkout(client, method="cod", **overrides):
    """Go through the two checkout pages; returns the response to "Place order"."""
    return place_from(client, to_review(client, method, **overrides))


@pytest.fixture
def dong_nai_producer(db):
    return ProducerFactory(province=Province.objects.get(pk=75))


@pytest.fixture
def two_producers(db):
    """A producer in Đồng Nai (same region as HCMC) and one in Hà Nội (far)."""
    south = ProducerFactory(province=Province.objects.get(pk=75))
    north = ProducerFactory(province=Province.objects.get(pk=1), ward=ward_of(1))
    return (
        ProductFactory(producer=south, stock=120000),
        ProductFactory(producer=north, stock=90000),
    )


def run_together(calls):
    """Run the callables at the same moment, each on its own thread and database
    connection; their results in order. An exception is a result, and fails the test."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported below, not swallowed
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
