"""No overselling: many buyers racing for the last units, on PostgreSQL's real locks."""

import dataclasses

import pytest
from oscar.apps.partner.models import StockRecord

from storefront.order import services
from storefront.order.models import Order
from storefront.order.stock import OutOfStock
from tests.factories import ProducerFactory, ProductFactory

from .conftest import basket_with, buyer, run_together

pytestmark = [pytest.mark.postgres]

BUYERS = 50
UNITS = 5


def race(baskets, where):
    def attempt(i, basket):
        # Each buyer their own phone: the open-orders-per-phone limit is not under test.
        who = dataclasses.replace(where, phone=f"+849123{i:05d}")

        def call():
            try:
                services.place_order(basket, who, "cod")
                return "sold"
            except OutOfStock as exc:
                return exc.message

        return call

    return run_together([attempt(i, b) for i, b in enumerate(baskets)])


def test_fifty_buyers_for_the_last_five_units(reference_data):
    product = ProductFactory(producer=ProducerFactory(), stock__num_in_stock=UNITS)
    baskets = [basket_with((product, 1)) for _ in range(BUYERS)]

    outcomes = race(baskets, buyer())

    assert outcomes.count("sold") == UNITS
    refused = [o for o in outcomes if o != "sold"]
    assert len(refused) == BUYERS - UNITS
    assert all("không đủ hàng" in o.lower() or "not enough stock" in o.lower() for o in refused)
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (UNITS, UNITS)
    assert Order.objects.count() == UNITS


def test_baskets_sharing_products_in_any_order_do_not_deadlock(reference_data):
    producer = ProducerFactory()
    a = ProductFactory(producer=producer, stock__num_in_stock=100)
    b = ProductFactory(producer=producer, stock__num_in_stock=100)
    baskets = [
        basket_with((a, 1), (b, 1)) if i % 2 else basket_with((b, 1), (a, 1)) for i in range(20)
    ]

    outcomes = race(baskets, buyer())

    assert outcomes == ["sold"] * 20
    assert StockRecord.objects.get(product=a).num_allocated == 20
