"""The buyer's path: basket → details → review → order page, and what goes wrong on it."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.apps.partner.models import StockRecord

from storefront.order import statuses
from storefront.order.models import Order, Parcel
from tests.factories import ProductFactory

from .conftest import checkout, details, fingerprint_from, ward_of

pytestmark = pytest.mark.django_db


def add(client, product, quantity=1):
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code == 302


def test_cash_on_delivery_order_has_one_parcel_per_producer(client, two_producers):
    south, north = two_producers
    add(client, south, 2)
    add(client, north, 1)

    response = checkout(client, "cod")

    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"].startswith("/shop/checkout/orders/")
    assert order.status == statuses.AWAITING_CONFIRMATION  # until the e-mail link is used
    assert order.payment_method == "cod"
    assert order.guest_email == "lan@example.com"
    parcels = {p.producer_id: p for p in order.parcels.all()}
    # Đồng Nai → HCMC is the same region; Hà Nội → HCMC is far. 240.000 ₫ and 90.000 ₫ of
    # goods are both under the 500.000 ₫ free-shipping threshold.
    assert parcels[south.producer_id].zone == Parcel.Zone.REGIONAL
    assert parcels[south.producer_id].shipping_charge == 30000
    assert parcels[north.producer_id].zone == Parcel.Zone.NATIONAL
    assert parcels[north.producer_id].shipping_charge == 40000
    assert order.shipping_incl_tax == 70000
    assert order.total_incl_tax == 2 * 120000 + 90000 + 70000
    assert order.shipping_address.province_id == 79
    assert str(order.shipping_address.phone_number) == "+84912345678"
    # Stock is held for the buyer from the moment the order is placed.
    assert StockRecord.objects.get(product=south).num_allocated == 2

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert order.number in html
    assert "400.000\xa0₫" in html  # total, no decimals


def test_review_shows_the_whole_order_and_what_the_price_includes(client, two_producers):
    south, _ = two_producers
    add(client, south, 1)
    client.post("/shop/checkout/", details())

    html = client.get("/shop/checkout/review/").content.decode()

    assert south.title in html
    assert "Tổng tiền thanh toán" in html or "150.000" in html
    assert "bao gồm VAT" in html  # "includes VAT and shipping"
    assert "12 Lê Lợi" in html


def test_confirmation_email_is_in_the_buyers_language(
    client, two_producers, django_capture_on_commit_callbacks
):
    south, _ = two_producers
    client.post(f"/en/shop/basket/add/{south.pk}/", {"quantity": 1})
    response = client.post("/en/shop/checkout/", details())
    assert response.status_code == 302
    review = client.get("/en/shop/checkout/review/")
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes after the commit
        client.post("/en/shop/checkout/review/", {"fingerprint": fingerprint_from(review)})

    order = Order.objects.get()
    assert order.language == "en"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan@example.com"]
    assert message.subject == f"Chợ OCOP: order {order.number} received"
    assert "/en/shop/checkout/orders/" in message.body


def test_vietnamese_confirmation_email(client, two_producers, django_capture_on_commit_callbacks):
    add(client, two_producers[0])
    with django_capture_on_commit_callbacks(execute=True):
        checkout(client)
    assert mail.outbox[0].subject.startswith("Chợ OCOP: đã nhận đơn hàng")
    assert "Theo dõi đơn hàng" in mail.outbox[0].body


def test_signed_in_buyer_order_belongs_to_the_account(
    client, two_producers, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    add(client, two_producers[0])
    with django_capture_on_commit_callbacks(execute=True):
        checkout(client)
    order = Order.objects.get()
    assert order.user == user and order.guest_email == ""
    assert mail.outbox[0].to == ["lan@example.com"]


def test_free_shipping_from_the_threshold_per_producer(client, dong_nai_producer):
    product = ProductFactory(producer=dong_nai_producer, stock=260000)
    add(client, product, 2)  # 520.000 ₫ from one producer
    checkout(client)
    order = Order.objects.get()
    assert order.shipping_incl_tax == 0
    assert order.total_incl_tax == 520000


def test_communes_narrow_to_the_province_without_javascript(client, two_producers):
    add(client, two_producers[0])
    response = client.post(
        "/shop/checkout/", {"province": "75", "choose_province": "1", "name": "Lan"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{ward_of(75).pk}"' in html
    assert ward_of(1).name not in html
    assert "Lan" in html  # what was typed is kept


def test_ward_options_endpoint(client, db):
    html = client.get("/shop/checkout/wards/?province=75").content.decode()
    assert f'value="{ward_of(75).pk}"' in html and ward_of(1).name not in html
    assert client.get("/shop/checkout/wards/?province=abc").status_code == 200


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"phone": "12345"}, "phone", "số điện thoại"),
        ({"phone": "0112345678"}, "phone", "số điện thoại"),
        ({"ward": None}, "ward", "không thuộc"),  # a Hà Nội commune with province HCMC
        ({"ward": "999999999"}, "ward", "Chọn xã"),
        ({"ward": "abc"}, "ward", "Chọn xã"),
        ({"province": "999"}, "province", ""),
        ({"consent": ""}, "consent", "đồng ý"),
        ({"email": "not-an-email"}, "email", ""),
        ({"payment_method": "bitcoin"}, "payment_method", ""),
        ({"payment_method": "stripe"}, "payment_method", ""),  # no Stripe keys here
        ({"street": ""}, "street", ""),
    ],
)
def test_bad_details_are_refused_in_vietnamese_and_keep_the_input(
    client, two_producers, overrides, field, message
):
    add(client, two_producers[0])
    if "ward" in overrides and overrides["ward"] is None:
        overrides["ward"] = ward_of(1).pk
    response = client.post("/shop/checkout/", details(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert "Nguyễn Thị Lan" in response.content.decode()
    assert Order.objects.count() == 0


def test_consent_box_is_never_pre_ticked(client, two_producers):
    add(client, two_producers[0])
    client.post("/shop/checkout/", details())
    html = client.get("/shop/checkout/").content.decode()
    assert 'name="consent"' in html
    consent_input = html.split('name="consent"')[0].rsplit("<input", 1)[1]
    assert "checked" not in consent_input + html.split('name="consent"')[1].split(">")[0]


def test_basket_changed_between_review_and_placing(client, two_producers):
    south, north = two_producers
    add(client, south)
    client.post("/shop/checkout/", details())
    review = client.get("/shop/checkout/review/")
    add(client, north)  # another tab adds a product

    response = client.post("/shop/checkout/review/", {"fingerprint": fingerprint_from(review)})

    assert response.status_code == 409
    assert Order.objects.count() == 0
    assert north.title in response.content.decode()  # the review shows the new basket


def test_a_price_change_after_review_is_caught(client, two_producers):
    south, _ = two_producers
    add(client, south)
    client.post("/shop/checkout/", details())
    review = client.get("/shop/checkout/review/")
    StockRecord.objects.filter(product=south).update(price=Decimal("99000"))

    response = client.post("/shop/checkout/review/", {"fingerprint": fingerprint_from(review)})

    assert response.status_code == 409
    assert Order.objects.count() == 0


@pytest.mark.parametrize("fingerprint", ["", "0" * 64, "<script>", "x" * 5000])
def test_tampered_review_form_places_nothing(client, two_producers, fingerprint):
    add(client, two_producers[0])
    client.post("/shop/checkout/", details())
    response = client.post("/shop/checkout/review/", {"fingerprint": fingerprint})
    assert response.status_code == 409
    assert Order.objects.count() == 0


def test_stock_sold_elsewhere_before_placing(client, two_producers):
    south, _ = two_producers
    add(client, south, 3)
    client.post("/shop/checkout/", details())
    review = client.get("/shop/checkout/review/")
    StockRecord.objects.filter(product=south).update(num_allocated=8)  # 2 left of 10

    response = client.post("/shop/checkout/review/", {"fingerprint": fingerprint_from(review)})

    assert response.status_code == 302 and response["Location"] == "/shop/basket/"
    assert Order.objects.count() == 0
    assert StockRecord.objects.get(product=south).num_allocated == 8
    page = client.get("/shop/basket/")
    assert "không đủ hàng: chỉ còn mua được tối đa 2" in page.content.decode()


def test_empty_basket_cannot_check_out(client, db):
    assert client.get("/shop/checkout/")["Location"] == "/shop/basket/"
    assert client.get("/shop/checkout/review/")["Location"] == "/shop/basket/"


def test_review_without_details_goes_back_to_the_form(client, two_producers):
    add(client, two_producers[0])
    assert client.get("/shop/checkout/review/")["Location"] == "/shop/checkout/"
    assert client.post("/shop/checkout/review/", {"fingerprint": "x"})["Location"] == (
        "/shop/checkout/"
    )


@pytest.mark.parametrize("token", ["nonsense", "MTAwMDAx:1xVHgc:forged", "a" * 300])
def test_bad_order_links_are_404_in_vietnamese(client, db, token):
    response = client.get(f"/shop/checkout/orders/{token}/")
    assert response.status_code == 404


def test_buyer_cancels_and_stock_comes_back(client, two_producers):
    south, _ = two_producers
    add(client, south, 2)
    location = checkout(client)["Location"]
    assert StockRecord.objects.get(product=south).num_allocated == 2

    client.post(location + "cancel/")
    client.post(location + "cancel/")  # twice: released once

    order = Order.objects.get()
    assert order.status == statuses.CANCELLED
    assert StockRecord.objects.get(product=south).num_allocated == 0
    assert set(order.parcels.values_list("status", flat=True)) == {Parcel.Status.CANCELLED}


def test_order_page_query_count(client, two_producers, django_assert_max_num_queries):
    add(client, two_producers[0])
    add(client, two_producers[1])
    location = checkout(client, "vietqr")["Location"]
    with django_assert_max_num_queries(12):
        assert client.get(location).status_code == 200


def test_signed_in_buyer_finds_the_order_in_the_account(client, two_producers, django_user_model):
    user = django_user_model.objects.create_user("lan2", "lan2@example.com", "pw-12345678")
    client.force_login(user)
    add(client, two_producers[0])
    checkout(client, "vietqr")
    order = Order.objects.get()
    html = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "Chờ chuyển khoản" in html
    assert "/shop/checkout/orders/" in html
