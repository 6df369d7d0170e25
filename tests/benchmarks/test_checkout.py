"""Orders placed per second, the whole placement (stock lock + allocation, order, lines,
parcels, payment source, basket submitted, confirmation e-mail) in real transactions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench make bench PYTEST_ARGS=-k checkout

Two shapes: one buyer after another (latency), and BENCH_THREADS buyers at once on the
same few products (what a flash sale at a fair's livestream looks like: contention on
the same stock rows). Printed, not asserted.
"""

import os
import statistics
import threading
import time

import pytest
from django.db import connection

from storefront.order import services
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer

# PostgreSQL only: SQLite serialises writers, and its in-memory test database locks whole
# tables between threads.
pytestmark = [pytest.mark.benchmark, pytest.mark.postgres]
ORDERS = int(os.environ.get("BENCH_ORDERS", "300"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))


def products():
    producers = [ProducerFactory() for _ in range(3)]
    return [
        ProductFactory(producer=producers[i % 3], stock__num_in_stock=1_000_000) for i in range(6)
    ]


def place_one(items, where, i):
    basket = basket_with((items[i % 6], 1), (items[(i + 1) % 6], 2), (items[(i + 3) % 6], 1))
    started = time.perf_counter()
    services.place_order(basket, where, "cod")
    return (time.perf_counter() - started) * 1000


@pytest.mark.django_db(transaction=True)
def test_orders_per_second(reference_data):
    items, where = products(), buyer()

    start = time.perf_counter()
    serial = [place_one(items, where, i) for i in range(ORDERS)]
    serial_rate = ORDERS / (time.perf_counter() - start)

    latencies, lock = [], threading.Lock()

    def worker(offset):
        try:
            for i in range(offset, ORDERS, THREADS):
                ms = place_one(items, where, i)
                with lock:
                    latencies.append(ms)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    parallel_rate = ORDERS / (time.perf_counter() - start)

    latencies.sort()
    print(f"\nOrder placement on {connection.vendor}, 3 lines from 3 producers per order")
    print(
        f"one at a time:   {serial_rate:6.1f} orders/s  median {statistics.median(serial):.1f} ms"
    )
    print(
        f"{THREADS} at once:       {parallel_rate:6.1f} orders/s  median "
        f"{statistics.median(latencies):.1f} ms, p95 {latencies[int(len(latencies) * 0.95)]:.1f} ms"
    )
