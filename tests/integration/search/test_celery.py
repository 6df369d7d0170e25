"""With CELERY_BROKER_URL set, indexing leaves the request: a real Celery worker on the
machine's Redis picks it up after the commit (tests/workers.py says how the worker is run
and waited for)."""

import pytest
from django.db import transaction

from search.models import ProductDocument
from tests.factories import ProductFactory
from tests.workers import celery_worker, redis_running

pytestmark = [
    pytest.mark.real_on_commit,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379"),
]


def test_indexing_through_a_celery_worker(settings, reference_data):
    with celery_worker(settings) as finished:
        with transaction.atomic():
            product = ProductFactory(title="Mật ong bạc hà Hà Giang")
        state, _result = finished.wait_for(
            "search.index_products", match=lambda args: product.id in args[0]
        )

    assert state == "SUCCESS"
    assert ProductDocument.objects.filter(product_id=product.id).exists()
