"""Catalogue pages at scale: latency (median, 95th percentile) and query counts.

    make bench            # 100,000 products (BENCH_PRODUCTS, BENCH_ROUNDS to change)

Numbers are printed, not asserted: wall-clock time depends on the machine. Query counts
are asserted by tests/integration/test_query_counts.py.
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Category, Producer, Product
from tests.benchmarks.measure import table, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def test_catalogue_pages_at_scale(client, big_catalogue):
    product = Product.objects.order_by("-id").first()
    urls = {
        "browse": "/shop/catalogue/",
        "browse page 100": "/shop/catalogue/?page=100",
        "filtered (4★, Đồng Nai)": "/shop/catalogue/?stars=4&province=dong-nai",
        "stars 5": "/shop/catalogue/stars/5/",
        "group I (food)": Category.objects.get(code="I").get_absolute_url(),
        "province Vĩnh Long": "/shop/catalogue/province/vinh-long/",
        "producer": Producer.objects.first().get_absolute_url(),
        "product": product.get_absolute_url(),
        "home": "/",
    }
    rows = []
    for name, url in urls.items():
        median, p95 = timed(lambda u=url: client.get(u), ROUNDS)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        rows.append((name, median, p95, len(ctx.captured_queries)))
    table(
        f"{Product.objects.count()} products on {connection.vendor}; "
        f"load_demo {big_catalogue['load_demo']:.0f}s",
        rows,
    )
