"""Who may move an order where: one table (storefront.order.statuses.TRANSITIONS), and every
path that changes an order (webhook, expiry, the buyer's page, staff screens) held to it."""

import datetime
import itertools

import pytest
from django.utils import timezone
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.partner.models import StockRecord

from storefront.order import services, statuses
from storefront.order.links import order_token
from storefront.order.models import Order

from .conftest import basket_with, buyer
from .test_stripe_webhook import event_for, post

pytestmark = pytest.mark.django_db

ALL_STATUSES = list(statuses.TRANSITIONS)


def test_the_table_names_every_status_and_only_known_actors():
    assert set(ALL_STATUSES) == set(statuses.LABELS)
    for targets in statuses.TRANSITIONS.values():
        assert set(targets) <= set(ALL_STATUSES)
        for actors in targets.values():
            assert actors and set(actors) <= set(statuses.ACTORS)
    assert statuses.PIPELINE == {s: tuple(t) for s, t in statuses.TRANSITIONS.items()}


def test_a_paid_order_leaves_paid_only_by_shipping_or_a_refund():
    for actor in statuses.ACTORS:
        assert not statuses.allowed(statuses.PAID, statuses.CANCELLED, actor)
    assert set(statuses.TRANSITIONS[statuses.PAID]) == {
        statuses.SHIPPED,
        statuses.DELIVERED,
        statuses.REFUNDED,
    }
    assert statuses.TRANSITIONS[statuses.CANCELLED] == {}
    assert statuses.TRANSITIONS[statuses.REFUNDED] == {}


@pytest.fixture
def order(two_producers):
    return services.place_order(basket_with((two_producers[0], 1)), buyer(), "stripe")


def test_set_status_follows_the_table_for_every_move_and_actor(order):
    """Every (from, to, actor): Order.set_status does exactly what the table says."""
    for old, new, actor in itertools.product(ALL_STATUSES, ALL_STATUSES, statuses.ACTORS):
        if old == new:
            continue
        Order.objects.filter(pk=order.pk).update(status=old)
        order.refresh_from_db()
        if statuses.allowed(old, new, actor):
            order.set_status(new, actor=actor)
            order.refresh_from_db()
            assert order.status == new, (old, new, actor)
        else:
            with pytest.raises(InvalidOrderStatus):
                order.set_status(new, actor=actor)
            order.refresh_from_db()
            assert order.status == old, (old, new, actor)


def test_oscar_dashboard_offers_staff_moves_only(order):
    Order.objects.filter(pk=order.pk).update(status=statuses.PAID)
    order.refresh_from_db()
    assert order.available_statuses() == (statuses.REFUNDED,)
    with pytest.raises(InvalidOrderStatus):
        order.set_status(statuses.CANCELLED)  # Oscar's dashboard calls it like this


def test_staff_cannot_cancel_a_paid_order_in_oscars_dashboard(order, admin_client):
    Order.objects.filter(pk=order.pk).update(status=statuses.PAID, paid_at=timezone.now())
    response = admin_client.post(
        f"/shop/dashboard/orders/{order.number}/",
        {"order_action": "change_order_status", "new_status": statuses.CANCELLED},
    )
    assert response.status_code in (200, 302)
    order.refresh_from_db()
    assert order.status == statuses.PAID


# --- Stripe events in any order ------------------------------------------------------------


def stock_allocated(product):
    return StockRecord.objects.get(product=product).num_allocated


@pytest.fixture
def card_order(two_producers, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    settings.STRIPE_ENABLED = True
    order = services.place_order(basket_with((two_producers[0], 2)), buyer(), "stripe")
    order.sources.update(reference="pi_1")
    return order


def test_a_late_payment_failed_does_not_cancel_a_paid_order(client, card_order, two_producers):
    assert post(client, event_for(card_order)).status_code == 200
    late = event_for(card_order, kind="payment_intent.payment_failed", event_id="evt_late")

    assert post(client, late).status_code == 200

    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID
    assert stock_allocated(two_producers[0]) == 2  # still held for the buyer


def test_payment_failed_then_succeeded_leaves_the_order_cancelled(
    client, card_order, two_producers
):
    """The opposite order: once cancelled, a late success is recorded, not applied."""
    failed = event_for(card_order, kind="payment_intent.payment_failed", event_id="evt_f")
    assert post(client, failed).status_code == 200
    assert post(client, event_for(card_order, event_id="evt_s")).status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == statuses.CANCELLED
    assert stock_allocated(two_producers[0]) == 0


def test_the_buyer_cannot_cancel_a_paid_order_from_the_order_page(client, card_order):
    post(client, event_for(card_order))
    response = client.post(f"/shop/checkout/orders/{order_token(card_order)}/cancel/", follow=True)
    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID
    assert "không thể huỷ" in response.content.decode().lower()


def test_expiry_never_touches_a_paid_order(client, card_order):
    post(client, event_for(card_order))
    Order.objects.filter(pk=card_order.pk).update(
        payment_due=timezone.now() - datetime.timedelta(days=1)
    )
    assert services.expire_unpaid() == 0
    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID


def test_staff_admin_cancel_refuses_a_paid_order(admin_client, card_order, client):
    post(client, event_for(card_order))
    response = admin_client.post(
        "/django-admin/order/order/",
        {"action": "cancel_orders", "_selected_action": [card_order.pk]},
        follow=True,
    )
    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID
    assert "0" in response.content.decode()  # "0 orders cancelled", as a warning


def test_a_transfer_order_is_paid_by_staff_not_by_a_payment_event(two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")
    assert not services.mark_paid(order, order.total_incl_tax, actor=statuses.PAYMENT)
    assert services.mark_paid(order, order.total_incl_tax, actor=statuses.STAFF)
    order.refresh_from_db()
    assert order.status == statuses.PAID and order.paid_at


def test_parcels_do_not_ship_before_the_order_is_confirmed_or_paid(two_producers):
    order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
    parcel = order.parcels.get()
    assert not services.ship_parcel(parcel)
    assert services.confirm(order, actor=statuses.STAFF)
    assert services.ship_parcel(parcel)
