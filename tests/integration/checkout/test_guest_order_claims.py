"""Orders placed as a guest join the account only once the buyer proves they own the
e-mail (issue 11): a signed, expiring link is mailed to the address, and only the POST of
its page attaches the orders. An e-mail typed at registration proves nothing."""

import re
import time

import pytest
from django.core import mail, signing

from storefront.order import services
from storefront.order.models import Order

from .conftest import basket_with, buyer

pytestmark = pytest.mark.django_db

HISTORY = "/shop/accounts/orders/"


def guest_order(product, email="lan@example.com"):
    customer = buyer()
    customer.email = email
    order = services.place_order(basket_with((product, 1)), customer, "cod")
    return Order.objects.get(pk=order.pk)


def register(client, email, password="Mat-khau-dai-123"):
    response = client.post(
        "/shop/accounts/register/",
        {
            "email": email,
            "password1": password,
            "password2": password,
            "consent": "on",
            "registration_submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


@pytest.fixture
def claims():
    # Imported here so that, before the module existed, each test failed on its own.
    from storefront.order import claims

    return claims


def link_in(message):
    return re.search(r"https?://\S+/shop/accounts/link-orders/\S+/", message.body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_someone_registering_with_another_persons_e_mail_does_not_see_their_orders(
    client, two_producers, django_capture_on_commit_callbacks
):
    order = guest_order(two_producers[0], email="lan@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        register(client, "LAN@example.com")  # not Lan: anybody can type her address

    html = client.get(HISTORY).content.decode()
    assert order.number not in html
    assert client.get(f"{HISTORY}{order.number}/").status_code == 404
    order.refresh_from_db()
    assert order.user_id is None
    # The link goes to the mailbox, where only its owner reads it.
    assert [m.to for m in mail.outbox if "link-orders" in m.body] == [["LAN@example.com"]]


def test_the_history_offers_to_link_earlier_orders(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    html = client.get(HISTORY).content.decode()
    assert "Bạn từng đặt hàng khi chưa có tài khoản?" in html
    assert 'action="/shop/accounts/link-orders/"' in html and 'method="post"' in html


def test_the_e_mailed_link_attaches_the_guest_orders_after_its_button(
    client, two_producers, django_user_model
):
    mine = guest_order(two_producers[0], email="Lan@Example.com")
    others = guest_order(two_producers[1], email="binh@example.com")
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)

    response = client.post("/shop/accounts/link-orders/")
    assert response.status_code == 302 and response["Location"] == HISTORY
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]
    page = path_of(link_in(mail.outbox[0]))

    # Opening the link (a mail scanner does) attaches nothing.
    html = client.get(page).content.decode()
    assert mine.number in html and 'method="post"' in html
    mine.refresh_from_db()
    assert mine.user_id is None

    response = client.post(page)

    assert response.status_code == 302 and response["Location"] == HISTORY
    mine.refresh_from_db()
    others.refresh_from_db()
    assert mine.user == user
    assert others.user_id is None  # another e-mail's order stays out
    assert mine.number in client.get(HISTORY).content.decode()


def test_the_link_works_only_for_the_account_it_was_sent_to(
    client, two_producers, django_user_model, claims
):
    order = guest_order(two_producers[0])
    lan = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    binh = django_user_model.objects.create_user("binh", "binh@example.com", "pw-12345678")
    token = claims.claim_token(lan)

    client.force_login(binh)
    assert client.post(f"/shop/accounts/link-orders/{token}/").status_code == 404
    assert client.get(f"/shop/accounts/link-orders/{token}/").status_code == 404
    order.refresh_from_db()
    assert order.user_id is None


def test_a_forged_or_expired_link_attaches_nothing(
    client, two_producers, django_user_model, settings, claims
):
    order = guest_order(two_producers[0])
    lan = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(lan)
    forged = signing.dumps({"u": lan.pk, "e": "lan@example.com"}, salt="order-status")
    expired = claims.claim_token(lan)
    settings.OCOP_CLAIM_LINK_HOURS = 0
    time.sleep(1.1)

    for token in (forged, expired, "²", "x" * 5000):
        assert client.post(f"/shop/accounts/link-orders/{token}/").status_code == 404, token[:20]
    order.refresh_from_db()
    assert order.user_id is None


def test_a_link_sent_before_the_e_mail_changed_is_dead(
    client, two_producers, django_user_model, claims
):
    order = guest_order(two_producers[0], email="lan@example.com")
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    token = claims.claim_token(user)
    user.email = "someone.else@example.com"
    user.save()
    client.force_login(user)
    assert client.post(f"/shop/accounts/link-orders/{token}/").status_code == 404
    order.refresh_from_db()
    assert order.user_id is None


def test_orders_of_another_account_are_never_moved(
    client, two_producers, django_user_model, claims
):
    owner = django_user_model.objects.create_user("chi", "chi@example.com", "pw-12345678")
    theirs = services.place_order(
        basket_with((two_producers[0], 1), owner=owner), buyer(), "cod", user=owner
    )
    Order.objects.filter(pk=theirs.pk).update(guest_email="lan@example.com")
    lan = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    assert claims.attach(lan, claims.email_from_token(claims.claim_token(lan), lan)) == 0
    theirs.refresh_from_db()
    assert theirs.user == owner


def test_sending_is_limited_so_the_button_cannot_flood_a_mailbox(
    client, two_producers, django_user_model
):
    guest_order(two_producers[0])
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    for _ in range(3):
        client.post("/shop/accounts/link-orders/")
    assert len(mail.outbox) == 1


def test_the_link_needs_a_sign_in(client, django_user_model, claims):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    response = client.get(f"/shop/accounts/link-orders/{claims.claim_token(user)}/")
    assert response.status_code == 302 and "/shop/accounts/login/" in response["Location"]


def test_the_order_history_makes_the_same_queries_whatever_its_length(
    client, two_producers, django_user_model
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)

    def place():
        order = services.place_order(
            basket_with((two_producers[0], 1), owner=user), buyer(), "cod", user=user
        )
        services.confirm(order, actor="staff")  # under the open-orders limit

    def queries():
        client.get(HISTORY)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HISTORY).status_code == 200
        return len(ctx.captured_queries)

    place()
    small = queries()
    for _ in range(4):
        place()
    assert queries() == small
