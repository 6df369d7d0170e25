"""A signed-in buyer who comes back (issue 11): the checkout is filled in from their
default address, else their last order; their saved addresses are offered; the address
used can be saved to the address book. Everything stays editable."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.address.models import UserAddress
from storefront.order import services
from storefront.order.models import Order

from .conftest import basket_with, buyer, details, place_from, to_review, ward_of
from .test_address_book import saved

pytestmark = pytest.mark.django_db

CHECKOUT = "/shop/checkout/"


@pytest.fixture
def lan(django_user_model, client):
    user = django_user_model.objects.create_user(
        "lan", "lan@example.com", "pw-12345678", first_name="Lan"
    )
    client.force_login(user)
    return user


@pytest.fixture
def in_basket(client, two_producers):
    response = client.post(f"/shop/basket/add/{two_producers[0].pk}/", {"quantity": 1})
    assert response.status_code == 302
    return two_producers[0]


def value_of(html, name):
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return found.group(1) if found else None


def selected(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    found = re.search(r'<option value="([^"]*)" selected>', select)
    return found.group(1) if found else None


def test_the_default_address_fills_in_the_checkout(client, lan, in_basket):
    saved(lan, province=79, street="5 Hai Bà Trưng")
    default = saved(lan, province=1, default=True, street="1 Tràng Tiền", name="Lê Thị Lan")

    html = client.get(CHECKOUT).content.decode()

    assert value_of(html, "name") == "Lê Thị Lan"
    assert value_of(html, "phone") == "0912 345 678"
    assert value_of(html, "street") == "1 Tràng Tiền"
    assert value_of(html, "email") == "lan@example.com"
    assert selected(html, "province") == "1"
    assert selected(html, "ward") == str(default.ward_id)  # the communes of Hà Nội, chosen
    assert 'name="consent"' in html and "checked" not in re.search(
        r'<input[^>]*name="consent"[^>]*>', html
    ).group(0)  # agreement is never pre-ticked


def test_without_a_saved_address_the_last_order_fills_it_in(client, lan, in_basket, two_producers):
    earlier = buyer(province_code=1)
    earlier.street = "Ngõ 3 Phố Huế"
    services.place_order(basket_with((two_producers[1], 1), owner=lan), earlier, "cod", user=lan)

    html = client.get(CHECKOUT).content.decode()

    assert value_of(html, "street") == "Ngõ 3 Phố Huế"
    assert value_of(html, "name") == "Nguyễn Thị Lan"
    assert value_of(html, "phone") == "0912 345 678"
    assert selected(html, "province") == "1"
    assert selected(html, "ward") == str(ward_of(1).pk)


def test_what_the_buyer_changed_on_the_review_round_trip_wins(client, lan, in_basket):
    saved(lan, province=1, default=True, street="1 Tràng Tiền")
    to_review(client, street="77 Đồng Khởi")
    html = client.get(CHECKOUT).content.decode()
    assert value_of(html, "street") == "77 Đồng Khởi"


def test_saved_addresses_are_offered_and_one_tap_uses_another(client, lan, in_basket):
    saved(lan, province=1, default=True, street="1 Tràng Tiền")
    other = saved(lan, province=79, street="5 Hai Bà Trưng", name="Trần Văn Bình")

    html = client.get(CHECKOUT).content.decode()
    assert "Địa chỉ đã lưu" in html
    assert f'name="use_address" value="{other.pk}"' in html

    typed = details(email="lan.moi@example.com", notes="Gọi trước khi giao", street="")
    response = client.post(CHECKOUT, {**typed, "use_address": str(other.pk)})

    html = response.content.decode()
    assert response.status_code == 200
    assert value_of(html, "street") == "5 Hai Bà Trưng"
    assert value_of(html, "name") == "Trần Văn Bình"
    assert selected(html, "ward") == str(other.ward_id)
    # What the buyer typed outside the address is kept.
    assert value_of(html, "email") == "lan.moi@example.com"
    assert "Gọi trước khi giao" in html


def test_another_buyers_address_cannot_be_used(client, lan, in_basket, django_user_model):
    binh = django_user_model.objects.create_user("binh", "binh@example.com", "pw-12345678")
    theirs = saved(binh, street="Nhà của Bình")
    for value in (str(theirs.pk), "²", "x" * 5000):
        response = client.post(CHECKOUT, {**details(), "use_address": value})
        assert response.status_code == 404, value
    assert "Nhà của Bình" not in client.get(CHECKOUT).content.decode()


def test_a_guest_is_offered_no_saved_addresses(client, in_basket):
    html = client.get(CHECKOUT).content.decode()
    assert 'name="use_address"' not in html and 'name="save_address"' not in html
    assert client.post(CHECKOUT, {**details(), "use_address": "1"}).status_code == 404


def test_the_address_used_can_be_saved_to_the_address_book(client, lan, in_basket):
    html = client.get(CHECKOUT).content.decode()
    assert 'name="save_address"' in html

    response = place_from(client, to_review(client, save_address="on", street="77 Đồng Khởi"))

    assert response.status_code == 302
    address = UserAddress.objects.get(user=lan)
    assert (address.line1, address.province_id, address.ward_id) == (
        "77 Đồng Khởi",
        79,
        ward_of(79).pk,
    )
    assert str(address.phone_number) == "+84912345678"
    assert address.is_default_for_shipping  # the first one becomes the default
    assert address.num_orders_as_shipping_address == 1
    assert Order.objects.get().user == lan


def test_an_address_not_asked_to_be_saved_is_not(client, lan, in_basket):
    place_from(client, to_review(client))
    assert not UserAddress.objects.filter(user=lan).exists()


def test_ordering_to_a_saved_address_counts_its_use_and_adds_no_copy(client, lan, in_basket):
    address = saved(lan, default=True)
    place_from(client, to_review(client, save_address="on"))
    address.refresh_from_db()
    assert UserAddress.objects.filter(user=lan).count() == 1
    assert address.num_orders_as_shipping_address == 1


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PREFILLED_CHECKOUT_LIMIT = 30


def test_the_prefilled_checkout_makes_the_same_queries_whatever_the_history(
    client, lan, in_basket, two_producers
):
    saved(lan, default=True)
    small = count(client, CHECKOUT)
    for i in range(6):
        saved(lan, province=(1, 79, 75)[i % 3], street=f"{i} Nguyễn Huệ")
        basket = basket_with((two_producers[1], 1), owner=lan)
        order = services.place_order(basket, buyer(), "cod", user=lan)
        services.confirm(order, actor="staff")  # under the open-orders limit
    large = count(client, CHECKOUT)
    assert large == small <= PREFILLED_CHECKOUT_LIMIT, (small, large)


def test_enter_in_a_field_continues_and_does_not_pick_a_saved_address(client, lan, in_basket):
    """A browser submits a form on Enter with its first submit button: that must be
    "Continue", not the first saved address's "Deliver here"."""
    saved(lan, default=True)
    html = client.get(CHECKOUT).content.decode()
    form = re.search(r'<form method="post" action="/shop/checkout/".*?</form>', html, re.S).group(0)
    first = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first and "name=" not in first, first


def test_coming_back_from_the_review_keeps_the_save_tick(client, lan, in_basket):
    to_review(client, save_address="on")
    html = client.get(CHECKOUT).content.decode()
    assert re.search(r'<input[^>]*name="save_address"[^>]*checked', html)
