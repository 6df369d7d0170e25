"""With CELERY_BROKER_URL set, the order's background work runs on a real Celery worker:
the confirmation e-mail leaves after the commit, and the beat schedule's expiry task
cancels overdue orders and frees their stock (tests/workers.py runs the worker)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from storefront.celery import app
from storefront.order import services, statuses
from storefront.order.models import Order
from tests.factories import ProducerFactory, ProductFactory
from tests.workers import celery_worker, redis_running

from .conftest import basket_with, buyer

pytestmark = [
    pytest.mark.real_on_commit,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379"),
]

CONFIRMATION = "storefront.order.tasks.send_order_confirmation"


@pytest.fixture
def product(reference_data):
    return ProductFactory(title="Kẹo dừa Bến Tre", producer=ProducerFactory(), stock=45000)


def test_the_confirmation_e_mail_is_sent_by_the_worker(settings, product):
    with celery_worker(settings) as finished:
        order = services.place_order(basket_with((product, 2)), buyer(), "cod")
        state, sent = finished.wait_for(CONFIRMATION, match=lambda args: args == (order.pk,))

    assert (state, sent) == ("SUCCESS", True)
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]
    assert Order.objects.get(pk=order.pk).number in mail.outbox[0].subject
    assert "/shop/checkout/confirm/" in mail.outbox[0].body  # cash on delivery: confirm link


def test_the_scheduled_expiry_task_cancels_overdue_orders_and_frees_their_stock(settings, product):
    overdue = services.place_order(basket_with((product, 2)), buyer(), "vietqr")
    on_time = services.place_order(basket_with((product, 1)), buyer(), "vietqr")
    Order.objects.filter(pk=overdue.pk).update(
        payment_due=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert StockRecord.objects.get(product=product).num_allocated == 3
    # What beat sends every 5 minutes, by the name in the schedule: a renamed task fails here.
    expiry = settings.CELERY_BEAT_SCHEDULE["expire-unpaid-orders"]["task"]

    with celery_worker(settings) as finished:
        app.send_task(expiry)
        state, expired = finished.wait_for(expiry)

    assert (state, expired) == ("SUCCESS", 1)
    assert Order.objects.get(pk=overdue.pk).status == statuses.CANCELLED
    assert Order.objects.get(pk=on_time.pk).status == statuses.AWAITING_TRANSFER
    assert StockRecord.objects.get(product=product).num_allocated == 1
