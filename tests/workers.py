"""A real Celery worker for tests: a worker thread of the project's app on the machine's
Redis, the broker production uses (messages really are serialised, queued and consumed).

Why Redis and not Celery's in-memory broker: the point of these tests is that work leaves
the request and comes back through a broker; kombu's Redis transport with a key prefix is
what production runs. Parallel runs share that Redis, so every key of this run carries a
prefix unique to the run, and the keys are deleted afterwards.

Tests wait on the worker's own "task finished" signal, never on rows appearing: the only
timeout bounds a failure (a worker that never runs the task), not a success.
"""

import os
import queue
import socket
import uuid
from contextlib import contextmanager

from celery import signals

from storefront.celery import app

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
PREFIX = f"ocop-test-{uuid.uuid4().hex}:"  # one per run: parallel runs never share a queue
WAIT = 120  # seconds: generous; only reached when the worker never finishes the task
FINAL_STATES = ("SUCCESS", "FAILURE")


def redis_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _reset_connections():
    """Celery caches its broker connections and producers; drop them so the next message
    goes out with the configuration in force."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


class FinishedTasks:
    """What the worker finished, in order, as (task name, args, state, result)."""

    def __init__(self):
        self._queue = queue.Queue()
        self.seen = []

    def _on_postrun(self, sender=None, task=None, args=None, state=None, retval=None, **kw):
        if task is not None and state in FINAL_STATES:  # a RETRY runs again later
            self._queue.put((task.name, tuple(args or ()), state, retval))

    def wait_for(self, name, match=lambda args: True):
        """Block until the worker has finished a task `name` whose args `match`; returns
        (state, result)."""
        while True:
            for task_name, task_args, state, result in self.seen:
                if task_name == name and match(task_args):
                    return state, result
            try:
                self.seen.append(self._queue.get(timeout=WAIT))
            except queue.Empty:
                raise AssertionError(
                    f"the worker did not finish {name} in {WAIT} s; finished: {self.seen}"
                ) from None


@contextmanager
def celery_worker(settings):
    """Run a worker thread for the duration; `settings` is pytest-django's fixture, so
    CELERY_BROKER_URL (which sends orders' and the index's work to Celery) is restored
    after, as is every Celery setting changed here."""
    import redis
    from celery.contrib.testing.worker import start_worker

    changed = {
        "broker_url": BROKER,
        "broker_transport_options": {"global_keyprefix": PREFIX},
        "task_always_eager": False,
        "worker_hijack_root_logger": False,  # leave pytest's log capture alone
    }
    saved = {key: app.conf[key] for key in changed}
    settings.CELERY_BROKER_URL = BROKER
    app.conf.update(changed)
    _reset_connections()
    finished = FinishedTasks()
    signals.task_postrun.connect(finished._on_postrun, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield finished
    finally:
        signals.task_postrun.disconnect(finished._on_postrun)
        app.conf.update(saved)
        _reset_connections()
        client = redis.Redis.from_url(BROKER)
        for key in client.scan_iter(f"{PREFIX}*"):
            client.delete(key)
        client.close()
