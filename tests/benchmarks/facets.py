"""Cold faceted catalogue queries and the autocomplete: p50/p95 per query, the facet cache
emptied before every run (what the first visitor after an index change waits for).

    DATABASE_URL=... python -m tests.benchmarks.facets        # a loaded database
    make bench PYTEST_ARGS=-k cold_facets                    # in pytest's test database

Printed, and compared with budgets.FACETED_P95_MS / AUTOCOMPLETE_P95_MS; not asserted.
"""

import os
import statistics
import time

from tests.benchmarks import budgets

ROUNDS = int(os.environ.get("BENCH_FACET_ROUNDS", "20"))


def cases():
    from catalogue.models import Category
    from search.backends.base import SearchQuery

    food = Category.objects.get(code="I")
    leaf = Category.objects.filter(code="I.1.a").first() or food
    drinks = Category.objects.get(code="II")
    dong_nai, vinh_long = 75, 86
    return {
        "catalogue": SearchQuery(),
        "catalogue, page 100": SearchQuery(page=100),
        "catalogue, newest, page 2000": SearchQuery(sort="newest", page=2000),
        "catalogue, price asc": SearchQuery(sort="price_asc"),
        "catalogue, stars sort": SearchQuery(sort="stars"),
        "group I": SearchQuery(group=food.id),
        "group II, price desc, page 50": SearchQuery(group=drinks.id, sort="price_desc", page=50),
        "category I.1.a": SearchQuery(category=leaf.id),
        "province Đồng Nai": SearchQuery(province=dong_nai),
        "province Vĩnh Long, stars sort": SearchQuery(province=vinh_long, sort="stars"),
        "stars 5": SearchQuery(stars=5),
        "stars 4 + Đồng Nai": SearchQuery(stars=4, province=dong_nai),
        "stars 4 + Đồng Nai + group I": SearchQuery(stars=4, province=dong_nai, group=food.id),
        "… + price asc": SearchQuery(stars=4, province=dong_nai, group=food.id, sort="price_asc"),
        "… + page 20": SearchQuery(stars=4, province=dong_nai, group=food.id, page=20),
        "stars 3 + in stock + kind coop": SearchQuery(stars=3, in_stock=True, kind="cooperative"),
        "group I + VietGAP + 100-200k": SearchQuery(
            group=food.id, standard="vietgap", price="100000-200000"
        ),
        "province + kind + in stock, newest": SearchQuery(
            province=dong_nai, kind="enterprise", in_stock=True, sort="newest"
        ),
        "text mat ong + stars 4": SearchQuery(text="mat ong", stars=4),
        "text keo + Vĩnh Long, price asc": SearchQuery(
            text="keo", province=vinh_long, sort="price_asc"
        ),
    }


def percentiles(times):
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def measure(rounds=ROUNDS):
    """[(name, p50 ms, p95 ms, total results, budget, mark)]."""
    from django.core.cache import cache

    from search.backends import get_backend

    backend = get_backend()
    rows = []
    for name, query in cases().items():
        times = []
        total = backend.search(query).total  # warm the database's pages, not the facets
        for _ in range(rounds):
            cache.clear()
            started = time.perf_counter()
            backend.search(query)
            times.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(times)
        limit = budgets.FACETED_P95_MS
        rows.append((name, p50, p95, total, limit, budgets.mark(p95, limit)))
    for text in ("keo d", "mat o", "nam rom dong", "tra", "b"):
        times = []
        backend.suggest_products(text, 6)
        for _ in range(rounds):
            started = time.perf_counter()
            backend.suggest_products(text, 6)
            times.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(times)
        limit = budgets.AUTOCOMPLETE_P95_MS
        rows.append((f"autocomplete {text!r}", p50, p95, "-", limit, budgets.mark(p95, limit)))
    return rows


def print_rows(title, rows):
    print(f"\n{title}")
    print(
        f"{'query (cold: facet cache empty)':38} {'p50 ms':>7} {'p95 ms':>7} {'found':>7}  budget"
    )
    for name, p50, p95, total, limit, mark in rows:
        print(f"{name:38} {p50:7.1f} {p95:7.1f} {total:>7}  {mark} {limit}")


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings")
    django.setup()
    from django.db import connection

    from catalogue.models import Product

    rows = measure()
    print_rows(f"{Product.objects.count()} products on {connection.vendor}", rows)


if __name__ == "__main__":
    main()
