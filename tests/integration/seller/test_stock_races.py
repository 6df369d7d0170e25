"""A producer's stock edit racing checkouts, on PostgreSQL's real locks (issue 10): no
update is lost and nothing is oversold."""

import dataclasses
from decimal import Decimal

import pytest
from oscar.apps.partner.models import StockRecord

from storefront.order import services
from storefront.order.models import Order
from storefront.order.stock import OutOfStock
from storefront.seller import operations
from storefront.seller.operations import Refused
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer, run_together

pytestmark = [pytest.mark.postgres]


def buyers(product, n, units):
    where = buyer()

    def attempt(i):
        basket = basket_with((product, units))
        who = dataclasses.replace(where, phone=f"+849124{i:05d}")

        def call():
            try:
                services.place_order(basket, who, "cod")
                return "sold"
            except OutOfStock:
                return "out"

        return call

    return [attempt(i) for i in range(n)]


def edit(product, price, stock):
    def call():
        try:
            operations.set_price_stock(product, None, Decimal(price), stock)
            return "edited"
        except Refused:
            return "refused"

    return call


def test_restocking_while_buyers_check_out_loses_neither(reference_data):
    product = ProductFactory(producer=ProducerFactory(), stock__num_in_stock=10)
    # Ten buyers of 2 units each, and the producer raising the stock from 10 to 30.
    outcomes = run_together([*buyers(product, 10, 2), edit(product, "150000", 30)])

    assert "edited" in outcomes
    record = StockRecord.objects.get(product=product)
    sold = outcomes.count("sold")
    assert record.num_in_stock == 30  # the producer's number, not overwritten by checkout
    assert record.num_allocated == 2 * sold  # every sale counted
    assert record.num_allocated <= record.num_in_stock
    assert Order.objects.count() == sold
    assert sold >= 5  # at least the 10 units there were before the edit


def test_cutting_stock_while_buyers_check_out_never_oversells(reference_data):
    product = ProductFactory(producer=ProducerFactory(), stock__num_in_stock=20)
    # The producer lowers the stock to 6 while ten buyers try to take 2 each.
    outcomes = run_together([*buyers(product, 10, 2), edit(product, "150000", 6)])

    record = StockRecord.objects.get(product=product)
    sold = outcomes.count("sold")
    assert record.num_allocated == 2 * sold
    assert record.num_allocated <= record.num_in_stock  # never oversold
    if outcomes[-1] == "edited":
        assert record.num_in_stock == 6 and sold <= 3
    else:  # refused: more than 6 were already held when it ran
        assert record.num_in_stock == 20 and sold * 2 > 6


def test_two_taps_on_apply_make_one_producer(reference_data, django_user_model):
    from django.test import Client

    from catalogue.models import Producer
    from tests.integration.seller.test_seller_centre import application

    user = django_user_model.objects.create_user("htx@x.vn", "htx@x.vn", "x-123456789")

    def tap():
        client = Client()
        client.force_login(user)
        return client.post("/ban-hang/dang-ky/", application()).status_code

    assert run_together([tap, tap, tap]) == [302, 302, 302]
    assert Producer.objects.filter(partner__users=user).count() == 1


def test_two_taps_on_add_option_make_one_option(reference_data):
    product = ProductFactory(producer=ProducerFactory())

    def tap():
        try:
            operations.add_option(product, None, "Hộp 1 kg", Decimal("200000"), 3)
            return "added"
        except Refused:
            return "refused"

    assert sorted(run_together([tap, tap, tap])) == ["added", "refused", "refused"]
    assert product.children.count() == 1
