"""Personal data (Law 91/2025, Decree 356/2025): consent recorded per order and per account,
with the privacy policy version; a buyer's data export; erasure that keeps what the
accounting law needs."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model

from cms.models import HomePage
from cms.policies import PolicyPage
from storefront.order import services, statuses
from storefront.order.links import order_token
from storefront.order.models import Order
from storefront.privacy.models import Consent, ErasureRequest

from .conftest import basket_with, buyer, checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy_page(db):
    home = HomePage.objects.first()
    page = home.add_child(
        instance=PolicyPage(
            title="Chính sách bảo vệ dữ liệu cá nhân",
            slug="bao-ve-du-lieu",
            kind=PolicyPage.Kind.PRIVACY,
            effective_from=datetime.date(2026, 1, 1),
            body=[],
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_checkout_links_the_policy_and_records_the_consent_with_the_order(
    client, two_producers, privacy_page
):
    client.post(f"/shop/basket/add/{two_producers[0].pk}/", {"quantity": 1})
    page = client.get("/shop/checkout/").content.decode()
    assert f'href="{privacy_page.url}"' in page
    assert 'name="consent"' in page and "checked" not in page.split('name="consent"')[1][:40]

    checkout(client, "cod")

    order = Order.objects.get()
    consent = order.consents.get()
    assert consent.purpose == Consent.Purpose.DELIVERY
    assert "giao" in consent.statement  # the Vietnamese text the buyer saw
    assert consent.language == "vi"
    assert consent.policy_version == f"2026-01-01 (revision {privacy_page.live_revision_id})"
    assert consent.policy_url == privacy_page.url
    assert consent.given_at


def test_registration_needs_consent_and_records_it(client, privacy_page):
    form = client.get("/shop/accounts/login/").content.decode()
    assert f'href="{privacy_page.url}"' in form
    data = {
        "registration-email": "mai@example.com",
        "registration-password1": "Mật-khẩu-dài-2026",
        "registration-password2": "Mật-khẩu-dài-2026",
        "registration_submit": "1",
    }
    refused = client.post("/shop/accounts/login/", data)
    assert refused.status_code == 200
    assert "đánh dấu ô đồng ý" in refused.content.decode()
    assert not get_user_model().objects.filter(email="mai@example.com").exists()

    response = client.post("/shop/accounts/login/", {**data, "registration-consent": "on"})

    assert response.status_code == 302
    user = get_user_model().objects.get(email="mai@example.com")
    consent = user.consents.get()
    assert consent.purpose == Consent.Purpose.ACCOUNT
    assert consent.policy_url == privacy_page.url


def test_a_buyer_downloads_their_own_data_and_nobody_elses(client, two_producers):
    users = get_user_model().objects
    lan = users.create_user("lan", "lan@example.com", "x-Mật-khẩu-1")
    other = users.create_user("hoa", "hoa@example.com", "x-Mật-khẩu-2")
    mine = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod", user=lan)
    theirs = services.place_order(basket_with((two_producers[1], 1)), buyer(), "cod", user=other)

    assert client.get("/shop/accounts/data.json").status_code == 302  # sign in first
    client.force_login(lan)
    response = client.get("/shop/accounts/data.json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "lan@example.com"
    assert [o["number"] for o in data["orders"]] == [str(mine.number)]
    assert str(theirs.number) not in response.content.decode()
    assert data["orders"][0]["delivery"]["phone"] == "+84912345678"


def test_a_guest_downloads_the_data_of_their_order_by_its_link(client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
    response = client.get(f"/shop/checkout/orders/{order_token(order)}/data.json")
    assert response.status_code == 200
    assert json.loads(response.content)["order"]["number"] == str(order.number)
    assert client.get("/shop/checkout/orders/forged/data.json").status_code == 404


def test_erasure_keeps_what_accounting_needs(client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")
    erase = f"/shop/checkout/orders/{order_token(order)}/erase/"
    assert client.get(erase).status_code == 405  # a link cannot erase

    # Still on its way: the request waits for the order to end.
    response = client.post(erase, follow=True)
    assert "ngay khi đơn được giao hoặc bị huỷ" in response.content.decode()
    order.refresh_from_db()
    assert order.guest_email == "lan@example.com"
    assert ErasureRequest.objects.get(order=order).done_at is None

    services.cancel(order, actor=statuses.BUYER)

    order.refresh_from_db()
    address = order.shipping_address
    assert order.guest_email == "" and not address.phone_number and order.client_ip is None
    assert address.last_name == "Nguyễn Thị Lan" and address.line1 == "12 Lê Lợi"
    assert order.lines.count() == 1 and order.total_incl_tax > 0
    assert ErasureRequest.objects.get(order=order).done_at is not None


def test_deleting_an_account_erases_contacts_of_its_finished_orders(two_producers):
    lan = get_user_model().objects.create_user("lan", "lan@example.com", "x-Mật-khẩu-1")
    done = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod", user=lan)
    services.cancel(done, actor=statuses.BUYER)
    open_order = services.place_order(basket_with((two_producers[1], 1)), buyer(), "cod", user=lan)

    lan.delete()

    done = Order.objects.get(pk=done.pk)
    assert not done.shipping_address.phone_number and done.user_id is None
    open_order = Order.objects.get(pk=open_order.pk)
    assert open_order.shipping_address.phone_number  # the courier still needs it
    assert ErasureRequest.objects.filter(order=open_order, done_at=None).exists()
