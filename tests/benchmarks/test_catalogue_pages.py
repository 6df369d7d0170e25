"""Catalogue pages at scale: latency (median, 95th percentile) and query counts.

    make bench                       # 100,000 products (BENCH_PRODUCTS to change)

Numbers are printed, not asserted: wall-clock time depends on the machine. Query counts
are asserted by tests/integration/test_query_counts.py.
"""

import os
import statistics
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Category, Producer, Product

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def measure(client, url):
    client.get(url)  # warm process caches
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(times), p95, len(ctx.captured_queries)


def test_catalogue_pages_at_scale(client):
    start = time.perf_counter()
    call_command("load_demo", verbosity=0)
    call_command("load_demo", products=PRODUCTS, verbosity=0)
    load_seconds = time.perf_counter() - start
    product = Product.objects.order_by("-id").first()
    producer = Producer.objects.first()
    urls = {
        "browse": "/shop/catalogue/",
        "browse page 100": "/shop/catalogue/?page=100",
        "filtered (4★, Đồng Nai)": "/shop/catalogue/?stars=4&province=dong-nai",
        "stars 5": "/shop/catalogue/stars/5/",
        "group I (food)": Category.objects.get(code="I").get_absolute_url(),
        "province Vĩnh Long": "/shop/catalogue/province/vinh-long/",
        "producer": producer.get_absolute_url(),
        "product": product.get_absolute_url(),
        "home": "/",
    }
    print(f"\n{Product.objects.count()} products; load_demo took {load_seconds:.1f}s "
          f"({connection.vendor})")
    print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, url in urls.items():
        median, p95, queries = measure(client, url)
        print(f"{name:28} {median:10.1f} {p95:8.1f} {queries:8d}")
