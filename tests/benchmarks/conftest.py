import os
import time

import pytest
from django.core.management import call_command

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "100000"))
TIMINGS = {}


@pytest.fixture(scope="session")
def big_catalogue(django_db_setup, django_db_blocker):
    """BENCH_PRODUCTS products (100,000 by default), loaded once for all benchmarks."""
    with django_db_blocker.unblock():
        start = time.perf_counter()
        call_command("load_demo", verbosity=0)
        call_command("load_demo", products=PRODUCTS, verbosity=0)
        TIMINGS["load_demo"] = time.perf_counter() - start
    return TIMINGS
