"""The order page tells the truth (issue 11): the progress steps happen in the order shown,
and cancelling asks first, on the server, so it works without JavaScript."""

import re

import pytest

from storefront.order import services, statuses
from storefront.order.links import order_number_from, order_status_url
from storefront.order.models import Order

from .conftest import basket_with, buyer

pytestmark = pytest.mark.django_db


def steps(client, order):
    """The progress steps of the order page: [(label, done), ...] in the order shown."""
    html = client.get(order_status_url(order)).content.decode()
    progress = re.search(r'<ol class="progress">(.*?)</ol>', html, re.S).group(1)
    return [
        (re.sub(r"<[^>]+>", "", text).strip(), "done" in attrs)
        for attrs, text in re.findall(r"<li([^>]*)>(.*?)</li>", progress, re.S)
    ]


def is_order_url(url, order, then=""):
    """A signed link is dated to the second: compare the order it opens, not its text."""
    found = re.fullmatch(rf"/shop/checkout/orders/([^/]+)/{then}", url)
    return bool(found) and order_number_from(found.group(1)) == str(order.number)


def cod_order(product, confirmed=True):
    order = services.place_order(basket_with((product, 1)), buyer(), "cod")
    if confirmed:
        assert services.confirm(order, actor=statuses.STAFF)
    return Order.objects.get(pk=order.pk)


def test_cash_on_delivery_steps_come_in_the_order_they_happen(client, two_producers):
    order = cod_order(two_producers[0], confirmed=False)
    labels = [label for label, _ in steps(client, order)]
    # Nothing is paid before the courier hands over the parcel.
    assert labels == [
        "Đã đặt hàng",
        "Đã xác nhận",
        "Đã gửi hàng",
        "Đã giao, thanh toán khi nhận",
    ]
    assert "Đã thanh toán" not in labels
    assert [done for _, done in steps(client, order)] == [True, False, False, False]


def test_cash_on_delivery_steps_follow_the_parcel(client, two_producers):
    order = cod_order(two_producers[0])
    assert [done for _, done in steps(client, order)] == [True, True, False, False]

    parcel = order.parcels.get()
    services.ship_parcel(parcel, tracking_code="VN123")
    assert [done for _, done in steps(client, order)] == [True, True, True, False]

    services.deliver_parcel(parcel)
    assert [done for _, done in steps(client, order)] == [True, True, True, True]


def test_a_transfer_order_is_paid_before_it_ships(client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")
    assert [label for label, _ in steps(client, order)] == [
        "Đã đặt hàng",
        "Đã thanh toán",
        "Đã gửi hàng",
        "Đã giao hàng",
    ]
    services.mark_paid(order, order.total_incl_tax, actor=statuses.STAFF)
    assert [done for _, done in steps(client, order)] == [True, True, False, False]


# --- Cancelling asks first ---------------------------------------------------------------


def test_the_first_tap_on_cancel_only_asks(client, two_producers):
    order = cod_order(two_producers[0], confirmed=False)
    url = order_status_url(order) + "cancel/"

    for response in (client.get(url), client.post(url)):
        html = response.content.decode()
        assert response.status_code == 200
        assert f"Bạn chắc chắn muốn huỷ đơn {order.number}?" in html
        # What will happen, said before it happens.
        assert "Đơn hàng sẽ bị huỷ và không thể khôi phục." in html
        assert 'name="confirm" value="yes"' in html
        order.refresh_from_db()
        assert order.status == statuses.AWAITING_CONFIRMATION


def test_only_the_confirming_post_cancels(client, two_producers):
    order = cod_order(two_producers[0], confirmed=False)
    url = order_status_url(order) + "cancel/"

    response = client.post(url, {"confirm": "yes"})

    assert response.status_code == 302 and is_order_url(response["Location"], order)
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED


def test_the_order_page_links_to_the_question_not_to_the_cancelling(client, two_producers):
    order = cod_order(two_producers[0], confirmed=False)
    html = client.get(order_status_url(order)).content.decode()
    links = re.findall(r'href="(/shop/checkout/orders/[^"]+/cancel/)"', html)
    assert len(links) == 1 and is_order_url(links[0], order, then="cancel/")
    assert 'name="confirm"' not in html  # no one-tap cancel on the order page itself


def test_a_transfer_order_is_told_not_to_pay_after_cancelling(client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")
    html = client.get(order_status_url(order) + "cancel/").content.decode()
    assert "Đừng chuyển khoản cho đơn này sau khi huỷ." in html


def test_an_order_that_cannot_be_cancelled_is_not_asked_about(client, two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")
    services.mark_paid(order, order.total_incl_tax, actor=statuses.STAFF)
    url = order_status_url(order) + "cancel/"

    for response in (client.get(url), client.post(url, {"confirm": "yes"})):
        assert response.status_code == 302 and is_order_url(response["Location"], order)
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_the_accounts_order_page_shows_the_same_honest_steps(
    client, two_producers, django_user_model
):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    order = services.place_order(
        basket_with((two_producers[0], 1), owner=user), buyer(), "cod", user=user
    )
    html = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    progress = re.search(r'<ol class="progress">(.*?)</ol>', html, re.S).group(1)
    labels = [
        re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<li[^>]*>(.*?)</li>", progress)
    ]
    assert labels == ["Đã đặt hàng", "Đã xác nhận", "Đã gửi hàng", "Đã giao, thanh toán khi nhận"]
