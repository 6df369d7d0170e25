"""Buyers pressing "Place order" at the same moment, through the real views and real
threads, on the database the suite runs on: SQLite in a file (the `make run` default) and
PostgreSQL. Integrity is not enough: nobody gets a 500."""

import pytest
from django.test import Client
from oscar.apps.partner.models import StockRecord
from oscar.apps.voucher.models import Voucher
from oscar.test.factories import (
    BenefitFactory,
    ConditionalOfferFactory,
    ConditionFactory,
    RangeFactory,
    VoucherFactory,
)

from storefront.order.models import Order
from tests.factories import ProducerFactory, ProductFactory

from .conftest import fingerprint_from, run_together, to_review

pytestmark = pytest.mark.django_db(transaction=True)


def reviewed_client(product, phone, quantity=1, voucher=None):
    """A buyer with the product in the basket, on the review page, ready to press."""
    client = Client()
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": quantity})
    if voucher:
        client.post("/shop/basket/vouchers/add/", {"code": voucher})
    return client, fingerprint_from(to_review(client, phone=phone))


def no_errors(results):
    assert not [r for r in results if isinstance(r, Exception)], results
    return results


def press(client, fingerprint):
    return lambda: client.post("/shop/checkout/review/", {"fingerprint": fingerprint})


def test_three_buyers_placing_at_once_all_get_their_order(reference_data):
    product = ProductFactory(producer=ProducerFactory(), stock__num_in_stock=10)
    buyers = [reviewed_client(product, f"09123456{i:02d}") for i in range(3)]

    responses = no_errors(run_together([press(c, f) for c, f in buyers]))

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert Order.objects.count() == 3
    assert StockRecord.objects.get(product=product).num_allocated == 3


def test_ten_presses_from_one_session_place_one_order(reference_data):
    product = ProductFactory(producer=ProducerFactory(), stock__num_in_stock=10)
    client, fingerprint = reviewed_client(product, "0912345678", quantity=2)

    responses = no_errors(run_together([press(client, fingerprint)] * 10))

    order = Order.objects.get()
    assert [r.status_code for r in responses] == [302] * 10
    # Every press lands on the one order's page (the session's own order). Tokens carry
    # the second they were signed in, so compare the orders they name.
    assert {order_of(r["Location"]) for r in responses} == {str(order.number)}
    assert StockRecord.objects.get(product=product).num_allocated == 2


def order_of(location):
    from storefront.order.links import order_number_from

    prefix = "/shop/checkout/orders/"
    assert location.startswith(prefix), location
    return str(order_number_from(location[len(prefix) :].split("/")[0]))


def test_two_buyers_racing_for_a_single_use_voucher(reference_data):
    product = ProductFactory(producer=ProducerFactory(), stock__num_in_stock=10)
    range_ = RangeFactory(includes_all_products=True)
    offer = ConditionalOfferFactory(
        offer_type="Voucher",
        condition=ConditionFactory(range=range_, type="Count", value=1),
        benefit=BenefitFactory(range=range_, type="Percentage", value=10),
    )
    voucher = VoucherFactory(code="OCOP10", usage=Voucher.SINGLE_USE)
    voucher.offers.add(offer)
    buyers = [reviewed_client(product, f"09123456{i:02d}", voucher="OCOP10") for i in range(2)]

    responses = no_errors(run_together([press(c, f) for c, f in buyers]))

    codes = sorted(r.status_code for r in responses)
    assert codes == [302, 409], codes
    loser = next(r for r in responses if r.status_code == 409)
    assert "đã được sử dụng" in loser.content.decode() or "already been used" in (
        loser.content.decode()
    )
    assert Order.objects.count() == 1
    assert voucher.applications.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1
