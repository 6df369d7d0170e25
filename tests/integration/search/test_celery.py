"""With CELERY_BROKER_URL set, indexing leaves the request: a real Celery worker on the
machine's Redis picks it up after the commit.

Deterministic on a busy machine: the test waits for the worker's own "task finished"
signal (not for rows to appear), so the database is never read while the worker writes;
every Redis key of this run carries a prefix unique to the run (parallel runs share Redis);
Celery's configuration is restored afterwards."""

import socket
import threading
import uuid

import pytest
from celery import signals
from django.db import transaction

from search.models import ProductDocument
from storefront.celery import app
from tests.factories import ProductFactory

BROKER = "redis://127.0.0.1:6379/15"
WAIT = 120  # seconds: generous, only reached when the worker never finishes the task

pytestmark = [pytest.mark.real_on_commit, pytest.mark.django_db(transaction=True)]


def redis_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def celery_on_redis(settings):
    """Point the app at Redis for this test only, under a key prefix unique to the run."""
    import redis

    prefix = f"ocop-test-{uuid.uuid4().hex}:"
    changed = {
        "broker_url": BROKER,
        "broker_transport_options": {"global_keyprefix": prefix},
        "task_always_eager": False,
    }
    saved = {key: app.conf[key] for key in changed}
    settings.CELERY_BROKER_URL = BROKER
    app.conf.update(changed)
    app._pool = None  # connections are made again with the settings above
    try:
        yield
    finally:
        app.conf.update(saved)
        app._pool = None
        client = redis.Redis.from_url(BROKER)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
        client.close()


def finished_tasks(name):
    """Collect (args, state) of `name` tasks as the worker finishes them; an Event is set
    on each."""
    done, event = [], threading.Event()

    def on_postrun(sender=None, task=None, args=None, state=None, **kwargs):
        if task is not None and task.name == name:
            done.append((tuple(args or ()), state))
            event.set()

    signals.task_postrun.connect(on_postrun, weak=False)
    return done, event, lambda: signals.task_postrun.disconnect(on_postrun)


@pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_indexing_through_a_celery_worker(celery_on_redis, reference_data):
    from celery.contrib.testing.worker import start_worker

    done, event, disconnect = finished_tasks("search.index_products")
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            with transaction.atomic():
                product = ProductFactory(title="Mật ong bạc hà Hà Giang")
            # Queued at commit; wait for the worker to report the task done.
            while not any(product.id in args[0] for args, _ in done):
                assert event.wait(WAIT), "the worker did not finish the indexing task"
                event.clear()
    finally:
        disconnect()
    assert [state for args, state in done if product.id in args[0]] == ["SUCCESS"]
    assert ProductDocument.objects.filter(product_id=product.id).exists()
