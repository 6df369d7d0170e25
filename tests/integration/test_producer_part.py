"""A product page renders the product; the producer's part (its fair booth, stories and
other products) is one fragment per producer at its own URL, which the page loads as the
buyer scrolls near it (site.js, `data-more`; its browser half in
tests/e2e/test_shopping_on_a_phone.py). Every product of the producer and every visitor
share one cached copy (issue 13: the uncached product page)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.models import Product
from fairs import applications
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory
from tests.integration.fairs.conftest import index_page, make_fair
from tests.pages import cards, producer_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    producer = ProducerFactory(name="HTX Mật ong Tân Phú")
    for i in range(11):
        CertificateFactory(product__producer=producer, product__title=f"Mật ong rừng {i}")
    return producer


def tables(queries):
    return {t for q in queries for t in re.findall(r'FROM "(\w+)"', q["sql"])}


def test_a_product_page_asks_nothing_of_the_producers_other_products_stories_or_booths(
    producer, no_page_cache
):
    """The old page rendered 8 cards, 2 stories and the fair line inline: 8 more queries
    and two thirds of its time."""
    product = producer.products.order_by("pk").first()
    client = Client()
    client.get(product.get_absolute_url())
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(product.get_absolute_url()).content.decode()
    asked = tables(ctx.captured_queries)
    assert not asked & {"fairs_boothapplication", "wagtailcore_page", "cms_producerstorypage"}
    products = [q["sql"] for q in ctx.captured_queries if 'FROM "catalogue_product"' in q["sql"]]
    assert len(products) == 1, products  # the product itself
    assert cards(html) == []
    url, left_out = producer_part(html)
    assert left_out == product.pk
    assert "HTX Mật ong Tân Phú" in html  # the producer's name, address and phone stay
    assert f'href="{producer.get_absolute_url()}"' in html  # without script: its own page


def test_the_producers_products_share_one_part_with_one_card_more_than_shown(producer):
    products = list(producer.products.order_by("pk"))
    client = Client()
    urls = {producer_part(client.get(p.get_absolute_url()).content.decode())[0] for p in products}
    assert len(urls) == 1
    response = client.get(urls.pop())
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert 'data-show="8"' in html and "Sản phẩm khác của HTX Mật ong Tân Phú" in html
    shown = cards(html)
    assert len(shown) == 9 and len(set(shown)) == 9
    assert set(shown) <= {p.pk for p in products}
    assert "<html" not in html  # a part of pages, inserted into them


def test_the_part_comes_from_the_cache_without_a_cookie_and_follows_changes(producer):
    product = producer.products.order_by("pk").first()
    url, _ = producer_part(Client().get(product.get_absolute_url()).content.decode())
    client = Client()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and not first.cookies
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and len(ctx) == 0
    assert "public" in second["Cache-Control"] and second.content == first.content
    # A paused listing leaves it; a booth shows in it.
    paused = Product.objects.get(pk=cards(first.content.decode())[0])
    paused.listing_state = Product.ListingState.PAUSED
    paused.save()
    assert paused.pk not in cards(client.get(url).content.decode())
    fair = make_fair(index_page(), "Hội chợ OCOP Đồng Nai", starts_in=5)
    application = applications.apply(
        fair, producer, zone=fair.zones.get(code="A"), products=[product]
    )
    applications.approve(application, None)
    assert (
        "Gặp nhà sản xuất tại Hội chợ OCOP Đồng Nai, gian A01" in client.get(url).content.decode()
    )


def test_the_parts_queries_do_not_grow_with_the_producers_products(producer, no_page_cache):
    url = producer_part(
        Client().get(producer.products.first().get_absolute_url()).content.decode()
    )[0]
    client = Client()

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    before = count()
    for i in range(20):
        ProductFactory(producer=producer, title=f"Mật ong hoa cà phê {i}")
    assert count() == before <= 9


@pytest.mark.parametrize(
    "slug, status, says",
    [
        ("khong-co", 404, "Không tìm thấy trang"),
        ("x" * 5000, 404, "Không tìm thấy trang"),
        ("%C2%B2", 404, "Không tìm thấy trang"),
        ("a%00b", 400, "Yêu cầu không hợp lệ"),
    ],
)
def test_an_unknown_or_odd_producer_gets_our_error_page(slug, status, says):
    response = Client().get(f"/shop/catalogue/producers/{slug}/more/")
    assert response.status_code == status
    assert says in response.content.decode()
