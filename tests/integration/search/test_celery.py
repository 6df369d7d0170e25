"""With CELERY_BROKER_URL set, indexing leaves the request: a real Celery worker on the
machine's Redis picks it up after the commit."""

import socket
import time

import pytest
from django.db import transaction

from search.models import ProductDocument
from storefront.celery import app
from tests.factories import ProductFactory

BROKER = "redis://127.0.0.1:6379/15"

pytestmark = [pytest.mark.real_on_commit, pytest.mark.django_db(transaction=True)]


def redis_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_indexing_through_a_celery_worker(settings, reference_data):
    from celery.contrib.testing.worker import start_worker

    settings.CELERY_BROKER_URL = BROKER
    app.conf.broker_url = BROKER
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        # One transaction: the task is queued at commit, when the main thread has finished
        # writing (SQLite's shared in-memory test database locks whole tables).
        with transaction.atomic():
            product = ProductFactory(title="Mật ong bạc hà Hà Giang")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if ProductDocument.objects.filter(product_id=product.id).exists():
                break
            time.sleep(0.2)
    assert ProductDocument.objects.filter(product_id=product.id).exists()
