"""After the order: transfer confirmed, parcels shipped and delivered, expiry, staff tools."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from storefront.order import services, statuses
from storefront.order.models import Order, Parcel
from storefront.shipping.models import ZoneRate

from .conftest import basket_with, buyer, place_from, to_review

pytestmark = pytest.mark.django_db


def place(products, method="cod", confirmed=True):
    """An order for 2 of each product; cash-on-delivery ones confirmed by staff (a call)."""
    order = services.place_order(basket_with(*[(p, 2) for p in products]), buyer(), method)
    if method == "cod" and confirmed:
        assert services.confirm(order, actor=statuses.STAFF)
        order.refresh_from_db()
    return order


def stock_of(product):
    return StockRecord.objects.values_list("num_in_stock", "num_allocated").get(product=product)


def test_transfer_order_waits_then_staff_mark_it_paid(two_producers, admin_client):
    order = place(two_producers, "vietqr")
    assert order.status == statuses.AWAITING_TRANSFER
    assert order.payment_due > timezone.now()

    response = admin_client.post(
        "/django-admin/order/order/",
        {"action": "mark_transfer_received", "_selected_action": [order.pk]},
    )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == statuses.PAID and order.paid_at
    source = order.sources.get()
    assert source.amount_debited == order.total_incl_tax


def test_unpaid_orders_expire_and_release_stock(two_producers):
    south, north = two_producers
    late = place([south], "vietqr")
    on_time = place([north], "vietqr")
    cod = place([south], "cod")
    unconfirmed = place([north], "cod", confirmed=False)
    Order.objects.filter(pk__in=[late.pk, unconfirmed.pk]).update(
        payment_due=timezone.now() - datetime.timedelta(1)
    )
    assert stock_of(south) == (10, 4)
    assert stock_of(north) == (10, 4)

    call_command("expire_unpaid_orders", verbosity=0)
    call_command("expire_unpaid_orders", verbosity=0)  # again: nothing more happens

    statuses_now = dict(Order.objects.values_list("pk", "status"))
    assert statuses_now[late.pk] == statuses.CANCELLED
    assert statuses_now[on_time.pk] == statuses.AWAITING_TRANSFER
    assert statuses_now[cod.pk] == statuses.PLACED  # confirmed: no time limit
    assert statuses_now[unconfirmed.pk] == statuses.CANCELLED
    assert stock_of(south) == (10, 2)
    assert stock_of(north) == (10, 2)


def test_each_producer_ships_its_own_parcel(two_producers):
    south, north = two_producers
    order = place(two_producers, "cod")
    first, second = order.parcels.order_by("pk")

    services.ship_parcel(first, tracking_code="GHN123")
    order.refresh_from_db()
    assert order.status == statuses.PLACED  # one parcel still at the producer
    assert stock_of(south) == (8, 0)  # shipped goods leave the stock
    assert stock_of(north) == (10, 2)

    services.ship_parcel(second)
    services.ship_parcel(second)  # twice: consumed once
    order.refresh_from_db()
    assert order.status == statuses.SHIPPED
    assert stock_of(north) == (8, 0)

    services.deliver_parcel(first)
    services.deliver_parcel(second)
    order.refresh_from_db()
    assert order.status == statuses.DELIVERED
    assert order.paid_at is not None  # cash collected at the door
    assert order.sources.get().amount_debited == order.total_incl_tax


def test_cancelling_after_one_parcel_shipped_releases_only_the_other(two_producers, admin_client):
    south, north = two_producers
    order = place(two_producers, "cod")
    services.ship_parcel(order.parcels.get(producer=south.producer))

    # Staff cancel on Oscar's dashboard order page, which only calls set_status: stock
    # still comes back.
    response = admin_client.post(
        f"/shop/dashboard/orders/{order.number}/",
        {"order_action": "change_order_status", "new_status": statuses.CANCELLED},
    )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert stock_of(south) == (8, 0)
    assert stock_of(north) == (10, 0)
    assert order.parcels.get(producer=north.producer).status == Parcel.Status.CANCELLED
    assert order.parcels.get(producer=south.producer).status == Parcel.Status.SHIPPED


def test_a_paid_order_is_not_cancelled_by_expiry(two_producers):
    order = place(two_producers, "vietqr")
    assert services.mark_paid(order, order.total_incl_tax, actor=statuses.STAFF)
    Order.objects.filter(pk=order.pk).update(payment_due=timezone.now() - datetime.timedelta(1))
    assert services.expire_unpaid() == 0
    assert not services.mark_paid(order, order.total_incl_tax, actor=statuses.STAFF)


def test_staff_ship_parcels_from_the_admin(two_producers, admin_client):
    order = place(two_producers, "cod")
    admin_action(admin_client, "ship", *order.parcels.all())
    order.refresh_from_db()
    assert order.status == statuses.SHIPPED


def test_staff_edit_shipping_rates_in_the_admin(admin_client, client, two_producers):
    south, _ = two_producers  # Đồng Nai → Hồ Chí Minh City: the regional rate
    rate = ZoneRate.objects.get(zone=ZoneRate.Zone.REGIONAL)
    response = admin_client.post(
        f"/django-admin/shipping/zonerate/{rate.pk}/change/",
        {"zone": "regional", "fee": "45000", "free_from": "800000"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    # 600.000 ₫ of goods: free under the old 500.000 ₫ threshold, charged under the new.
    client.post(f"/shop/basket/add/{south.pk}/", {"quantity": 5})
    review = to_review(client)
    assert "45.000\xa0₫" in review.content.decode()
    assert "645.000\xa0₫" in review.content.decode()
    place_from(client, review)

    order = Order.objects.get()
    assert order.shipping_incl_tax == 45000
    assert order.total_incl_tax == 600000 + 45000


def admin_action(admin_client, action, *objects):
    """Run a Django admin changelist action on these orders or parcels; the page after."""
    model = objects[0]._meta.model_name
    return admin_client.post(
        f"/django-admin/order/{model}/",
        {"action": action, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )


def messages_of(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_staff_cancel_and_release_stock_from_the_admin(two_producers, admin_client):
    south, north = two_producers
    open_order = place([south], "cod")
    paid = place([north], "vietqr")
    assert services.mark_paid(paid, paid.total_incl_tax, actor=statuses.STAFF)
    assert stock_of(south) == (10, 2) and stock_of(north) == (10, 2)

    response = admin_action(admin_client, "cancel_orders", open_order, paid)

    open_order.refresh_from_db()
    paid.refresh_from_db()
    assert open_order.status == statuses.CANCELLED
    assert stock_of(south) == (10, 0)  # back on sale
    # A paid order is refunded, never plainly cancelled: it keeps its status and stock,
    # and staff are told only one of the two was cancelled.
    assert paid.status == statuses.PAID
    assert stock_of(north) == (10, 2)
    assert messages_of(response) == [("warning", "Đã huỷ 1 đơn hàng.")]


def test_staff_mark_parcels_delivered_from_the_admin(two_producers, admin_client):
    order = place(two_producers, "cod")
    first, second = order.parcels.order_by("pk")
    services.ship_parcel(first)

    # The second parcel has not left the producer: it cannot be delivered yet.
    response = admin_action(admin_client, "deliver", first, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Parcel.Status.DELIVERED, Parcel.Status.PREPARING)
    assert ("warning", "1 kiện hàng chưa gửi đi nên chưa thể đánh dấu đã giao.") in (
        messages_of(response)
    )
    order.refresh_from_db()
    assert order.status == statuses.PLACED and order.paid_at is None

    services.ship_parcel(second)
    response = admin_action(admin_client, "deliver", second)
    assert messages_of(response) == [("success", "Đã đánh dấu đã giao 1 kiện hàng.")]
    order.refresh_from_db()
    assert order.status == statuses.DELIVERED
    assert order.paid_at is not None  # cash collected at the door


def test_staff_mark_parcels_shipped_from_the_admin(two_producers, admin_client):
    order = place(two_producers, "vietqr")  # waiting for the transfer: nothing may leave
    first, second = order.parcels.order_by("pk")

    response = admin_action(admin_client, "ship", first, second)
    assert messages_of(response) == [
        (
            "warning",
            "2 kiện hàng không thể gửi đi: kiện đã được gửi, hoặc đơn hàng chưa được xác "
            "nhận hay chưa thanh toán.",
        )
    ]
    assert set(order.parcels.values_list("status", flat=True)) == {Parcel.Status.PREPARING}

    assert services.mark_paid(order, order.total_incl_tax, "FT123", actor=statuses.STAFF)
    response = admin_action(admin_client, "ship", first)
    assert messages_of(response) == [("success", "Đã đánh dấu 1 kiện hàng đã gửi đi.")]
    first.refresh_from_db()
    assert first.status == Parcel.Status.SHIPPED and first.shipped_at is not None
