"""What may be ordered, and how much: only what is on sale, cash-on-delivery orders confirmed
through the e-mail (or by staff), and limits against hoarding stock with fake orders."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from storefront.order import services, statuses
from storefront.order.links import confirm_token, order_token
from storefront.order.models import Order
from tests.factories import ProducerFactory, ProductFactory

from .conftest import basket_with, buyer, checkout, details

pytestmark = pytest.mark.django_db


def add(client, product, quantity=1):
    return client.post(f"/shop/basket/add/{product.pk}/", {"quantity": quantity}, follow=True)


def basket_lines(client):
    return client.get("/shop/basket/").context["basket"].num_lines


# --- Only what is on sale ----------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["not public", "unverified producer", "no producer"])
def test_a_product_not_on_sale_cannot_be_added_by_posting_its_id(client, hidden):
    product = {
        "not public": lambda: ProductFactory(is_public=False),
        "unverified producer": lambda: ProductFactory(producer=ProducerFactory(verified=False)),
        "no producer": lambda: ProductFactory(),
    }[hidden]()
    if hidden == "no producer":  # e.g. made by staff in Oscar's dashboard
        type(product).objects.filter(pk=product.pk).update(producer=None)

    response = add(client, product)

    assert basket_lines(client) == 0
    assert "ngừng bán" in response.content.decode().lower()
    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_product_taken_off_sale_after_it_was_added_cannot_be_ordered(client, two_producers):
    south, _north = two_producers
    add(client, south, 1)
    south.producer.verified = False
    south.producer.save()

    response = checkout_without_review(client)

    assert Order.objects.count() == 0
    assert response.status_code == 302 and response["Location"].endswith("/shop/basket/")


def checkout_without_review(client):
    from .conftest import details

    return client.post("/shop/checkout/", details())


def test_place_order_refuses_what_is_not_on_sale_even_without_the_views(two_producers):
    south, _north = two_producers
    basket = basket_with((south, 1))
    south.is_public = False
    south.save()
    with pytest.raises(services.OrderRefused, match="không còn được bán"):
        services.place_order(basket, buyer(), "cod")
    assert not StockRecord.objects.get(product=south).num_allocated


def test_for_sale_is_one_queryset_used_by_listings_and_search(two_producers):
    from catalogue.models import Product
    from search.documents import products_for_indexing

    south, north = two_producers
    north.producer.verified = False
    north.producer.save()
    assert list(Product.objects.for_sale()) == [south]
    assert list(Product.objects.browsable()) == [south]
    assert [p.pk for p in products_for_indexing()] == [south.pk]


# --- Cash on delivery: confirmed, or it lapses ----------------------------------------------


def place_cod(client, product, quantity=1, **details):
    add(client, product, quantity)
    response = checkout(client, "cod", **details)
    return response, Order.objects.order_by("-pk").first()


def test_a_cod_order_waits_for_confirmation_from_the_e_mail(
    client, two_producers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response, order = place_cod(client, two_producers[0])

    assert order.status == statuses.AWAITING_CONFIRMATION
    assert order.payment_due is not None
    page = client.get(response["Location"]).content.decode()
    assert "Xác nhận đơn hàng của bạn" in page

    body = mail.outbox[-1].body
    link = re.search(r"http\S+/shop/checkout/confirm/\S+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    # Opening the link (a mail scanner, a preview) changes nothing.
    assert client.get("/" + path).status_code == 200
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_CONFIRMATION

    response = client.post("/" + path, follow=True)
    order.refresh_from_db()
    assert order.status == statuses.PLACED and order.confirmed_at
    assert order.payment_due is None
    assert "đã được xác nhận" in response.content.decode()


def test_the_order_page_link_cannot_confirm(client, two_producers):
    _response, order = place_cod(client, two_producers[0])
    response = client.post(f"/shop/checkout/confirm/{order_token(order)}/")
    assert response.status_code == 404
    assert client.post("/shop/checkout/confirm/junk/").status_code == 404
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_CONFIRMATION


def test_staff_confirm_after_a_call(admin_client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
    admin_client.post(
        "/django-admin/order/order/",
        {"action": "confirm_orders", "_selected_action": [order.pk]},
    )
    order.refresh_from_db()
    assert order.status == statuses.PLACED


def test_an_unconfirmed_cod_order_lapses_and_frees_its_stock(client, two_producers):
    south = two_producers[0]
    _response, order = place_cod(client, south, 3)
    assert StockRecord.objects.get(product=south).num_allocated == 3
    Order.objects.filter(pk=order.pk).update(
        payment_due=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert services.expire_unpaid() == 1

    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert not StockRecord.objects.get(product=south).num_allocated
    # The link in the e-mail now says so.
    response = client.post(f"/shop/checkout/confirm/{confirm_token(order)}/", follow=True)
    assert "không thể xác nhận" in response.content.decode()


# --- Limits ----------------------------------------------------------------------------------


def test_units_of_one_product_per_order_are_capped(client, settings):
    product = ProductFactory(stock__num_in_stock=120)
    add(client, product, 6)
    settings.OCOP_MAX_UNITS_PER_PRODUCT = 5  # lowered while the basket waited

    response = client.post("/shop/checkout/", details(), follow=True)

    assert response.redirect_chain[-1][0] == "/shop/basket/"
    assert "tối đa 5" in response.content.decode()
    with pytest.raises(services.OrderRefused, match="tối đa 5"):
        services.place_order(basket_with((product, 6)), buyer(), "cod")
    assert Order.objects.count() == 0
    assert not StockRecord.objects.get(product=product).num_allocated


def test_open_unconfirmed_orders_per_phone_are_limited(client, settings, two_producers):
    settings.OCOP_MAX_OPEN_ORDERS_PER_PHONE = 2
    south = two_producers[0]
    for _ in range(2):
        place_cod(client, south)
    response, _order = place_cod(client, south)

    assert response.status_code == 409
    assert "chờ xác nhận" in response.content.decode()
    assert Order.objects.count() == 2

    # Confirming one frees a place: a real buyer can go on ordering.
    services.confirm(Order.objects.first(), actor=statuses.BUYER)
    response, _order = place_cod(client, south)
    assert response.status_code == 302 and Order.objects.count() == 3


def test_open_orders_per_client_address_are_limited(client, settings, two_producers):
    settings.OCOP_MAX_OPEN_ORDERS_PER_IP = 2
    south = two_producers[0]
    for i in range(2):
        place_cod(client, south, phone=f"09123450{i:02d}")
    response, _order = place_cod(client, south, phone="0912345099")
    assert response.status_code == 409
    assert Order.objects.count() == 2
    assert set(Order.objects.values_list("client_ip", flat=True)) == {"127.0.0.1"}


def test_behind_a_proxy_the_client_address_comes_from_the_proxy_header(rf, settings):
    from storefront.http import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.0.0.2"  # no proxy configured: the header is ignored
    settings.OCOP_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # what our proxy saw; 6.6.6.6 is forgeable
    request = rf.get("/", HTTP_X_FORWARDED_FOR="not an ip", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) is None


def test_the_per_product_cap_is_told_when_adding_to_the_basket(client, settings):
    settings.OCOP_MAX_UNITS_PER_PRODUCT = 5
    product = ProductFactory(stock__num_in_stock=120)
    add(client, product, 4)

    response = add(client, product, 2)  # 6 in all

    assert "tối đa 5" in response.content.decode()
    assert client.get("/shop/basket/").context["basket"].num_items == 4


def test_a_nul_typed_into_checkout_is_dropped_and_nothing_else_is_lost(client, two_producers):
    add(client, two_producers[0], 1)
    response = client.post("/shop/checkout/", details(notes="Gọi trước\x00 khi giao", name="\x00"))
    page = response.content.decode()
    assert response.status_code == 400  # the name is empty once the NUL is gone
    assert "Gọi trước khi giao" in page and "12 Lê Lợi" in page


def test_a_form_without_its_csrf_token_gets_our_page_in_vietnamese(two_producers):
    from django.test import Client

    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/shop/checkout/orders/{order_token(order)}/cancel/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Vui lòng thử lại" in page and "Chưa có gì thay đổi" in page
    assert "CSRF verification failed" not in page
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_CONFIRMATION


def test_the_order_page_asks_before_cancelling_and_says_parcels_wait(client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
    page = client.get(f"/shop/checkout/orders/{order_token(order)}/").content.decode()
    question = client.get(f"/shop/checkout/orders/{order_token(order)}/cancel/")
    assert "Đồng ý huỷ đơn hàng" in question.content.decode()
    assert "Đang chuẩn bị" not in page  # nothing is prepared before confirmation
