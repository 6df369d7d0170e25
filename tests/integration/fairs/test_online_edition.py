"""The online edition (issue 12, step 5): during the fair its page is a shop of the
exhibitors' products with an optional discount (an Oscar site offer limited to those
products and the fair's dates); afterwards "Mua trực tuyến những gì bạn đã thấy"."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.apps.offer.applicator import Applicator

from fairs import applications
from fairs.models import FairPage
from storefront.order import services
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer
from tests.integration.fairs.conftest import make_fair

pytestmark = pytest.mark.django_db


def open_fair(index, title, starts_in, days=3, discount=None):
    """A fair still taking applications whatever its dates (to build the exhibitors)."""
    return make_fair(
        index,
        title,
        starts_in=starts_in,
        days=days,
        discount_percent=discount,
        application_deadline=timezone.now() + datetime.timedelta(days=1),
    )


def exhibit(fair, title):
    producer = ProducerFactory()
    product = ProductFactory(producer=producer, title=title)
    application = applications.apply(fair, producer, zone=None, products=[product])
    applications.approve(application, None)
    return product, application


def priced(*products):
    basket = basket_with(*[(p, 1) for p in products])
    Applicator().apply(basket)
    return basket


def test_during_the_fair_its_page_sells_the_exhibitors_products(client, fair_index):
    fair = open_fair(fair_index, "Hội chợ đang mở", starts_in=-1, discount=10)
    exhibit(fair, "Mật ong hoa nhãn")
    html = client.get(fair.url).content.decode()
    assert "Mua trực tuyến hàng của hội chợ" in html and "Mật ong hoa nhãn" in html
    assert "Giảm 10% cho các sản phẩm này đến hết hội chợ" in html


def test_after_the_fair_buy_online_what_you_saw(client, fair_index):
    fair = open_fair(fair_index, "Hội chợ năm ngoái", starts_in=-30)
    exhibit(fair, "Kẹo dừa sáp")
    html = client.get(fair.url).content.decode()
    assert "Mua trực tuyến những gì bạn đã thấy" in html and "Kẹo dừa sáp" in html


def test_before_the_fair_there_is_no_shop_yet(client, fair_index):
    fair = open_fair(fair_index, "Hội chợ sắp tới", starts_in=5, discount=10)
    exhibit(fair, "Nước mắm nhĩ")
    html = client.get(fair.url).content.decode()
    assert "Nước mắm nhĩ" in html  # in the exhibitors' list
    assert "Mua trực tuyến" not in html


def test_the_discount_applies_only_to_exhibitors_products_on_the_fairs_dates(fair_index):
    ongoing = open_fair(fair_index, "Hội chợ đang mở", starts_in=-1, discount=10)
    upcoming = open_fair(fair_index, "Hội chợ sắp tới", starts_in=5, discount=20)
    shown, _ = exhibit(ongoing, "Mật ong hoa nhãn")
    later, _ = exhibit(upcoming, "Bưởi da xanh")
    other = ProductFactory(title="Trà shan tuyết")
    price = shown.stockrecords.get().price

    basket = priced(shown, later, other)
    assert basket.total_discount == price / 10  # 10% of the exhibitor's product only
    assert [line.product for line in basket.all_lines() if line.discount_value] == [shown]

    order = services.place_order(basket, buyer(), "cod")
    assert order.total_incl_tax == basket.total_incl_tax + order.shipping_incl_tax
    assert order.discounts.get().amount == price / 10
    offer = FairPage.objects.get(pk=ongoing.pk).offer
    vietnam = datetime.timezone(datetime.timedelta(hours=7))
    assert offer.start_datetime.astimezone(vietnam).date() == ongoing.start_date
    assert offer.end_datetime.astimezone(vietnam).date() == ongoing.end_date
    assert offer.end_datetime.astimezone(vietnam).time() > datetime.time(23, 59)


def test_a_withdrawn_exhibitor_leaves_the_discount_and_no_discount_suspends_it(fair_index):
    fair = open_fair(fair_index, "Hội chợ đang mở", starts_in=-1, discount=10)
    product, application = exhibit(fair, "Mật ong hoa nhãn")
    tenth = product.stockrecords.get().price / 10
    assert priced(product).total_discount == tenth
    applications.withdraw(application)
    assert priced(product).total_discount == 0

    kept, _ = exhibit(fair, "Kẹo dừa sáp")
    assert priced(kept).total_discount == tenth
    fair = FairPage.objects.get(pk=fair.pk)
    fair.discount_percent = None
    fair.save_revision().publish()  # staff take the discount off
    assert priced(kept).total_discount == 0


def test_the_fair_page_makes_a_fixed_number_of_queries(client, fair_index, no_page_cache):
    fair = open_fair(fair_index, "Hội chợ đang mở", starts_in=-1, discount=10)
    exhibit(fair, "Sản phẩm 0")

    def count():
        client.get(fair.url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(fair.url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(1, 5):  # the fair's five booths
        exhibit(fair, f"Sản phẩm {i}")
    assert count() == small
