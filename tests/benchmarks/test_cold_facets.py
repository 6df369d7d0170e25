"""Cold faceted queries and autocomplete in the benchmark's test database (BENCH_PRODUCTS
products); tests/benchmarks/facets.py runs the same against a kept database."""

import pytest
from django.db import connection

from catalogue.models import Product
from tests.benchmarks import facets

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


def test_cold_facets(big_catalogue):
    facets.print_rows(
        f"{Product.objects.count()} products on {connection.vendor}", facets.measure()
    )
