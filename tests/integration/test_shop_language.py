"""Issue 11: Oscar's English and broken Vietnamese in the shop, and brackets in brackets."""

import datetime
import re

import pytest
from django.utils import timezone

from catalogue.models import Certificate
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db


def messages_after(response):
    return [str(m) for m in response.context["messages"]]


def test_adding_to_the_basket_is_said_in_vietnamese(client):
    product = ProductFactory(stock__num_in_stock=25)
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 2}, follow=True)
    said = " ".join(messages_after(response))
    assert "Tổng giỏ hàng hiện là 300.000" in said.replace("\xa0", " "), said
    assert "Your basket" not in said


def test_stock_is_said_without_stray_spaces(client):
    product = ProductFactory(stock__num_in_stock=25)
    client.post(
        f"/shop/basket/add/{product.pk}/",
        {"quantity": 1},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    page = client.get("/shop/basket/").content.decode()  # the basket tells the count
    assert "Còn hàng (còn 25)" in page
    assert "( " not in page and "có sẵn)" not in page


def test_the_product_page_says_in_stock_or_how_few_are_left(client):
    """Not the exact count of a plentiful stock: a cached page stays true while orders
    come in (catalogue/shown_stock.py)."""
    plenty, few = ProductFactory(stock__num_in_stock=25), ProductFactory(stock__num_in_stock=3)
    assert '<p class="stock">Còn hàng</p>' in client.get(plenty.get_absolute_url()).content.decode()
    page = client.get(few.get_absolute_url()).content.decode()
    assert '<p class="stock">Chỉ còn 3 sản phẩm</p>' in page and 'max="3"' in page


def test_the_basket_limit_is_said_in_vietnamese(client, settings):
    settings.OSCAR_MAX_BASKET_QUANTITY_THRESHOLD = 3
    product = ProductFactory(stock__num_in_stock=25)
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 4}, follow=True)
    said = " ".join(messages_after(response))
    assert "Mỗi đơn hàng chỉ giao được tối đa 3 sản phẩm" in said, said
    assert not re.search(r"\d[^\W\d]|[^\W\d]\d", said.replace("tối đa 3 sản", "")), said


def test_no_brackets_inside_brackets_on_the_certificate(client):
    product = ProductFactory()
    CertificateFactory(
        product=product,
        issuer="UBND huyện Mỏ Cày Bắc",
        issuer_level=Certificate.IssuerLevel.FORMER_DISTRICT,
        decision_date=datetime.date(2024, 11, 12),
        stars=3,
    )
    assert timezone.localdate() < datetime.date(2027, 11, 12)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "UBND huyện Mỏ Cày Bắc (cấp huyện, trước tháng 7/2025)" in page
    assert "))" not in re.sub(r"<script.*?</script>", "", page, flags=re.S)
