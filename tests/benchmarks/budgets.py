"""Budgets the benchmark tables compare against (marked ok / over), never asserted by the
test suite: wall-clock numbers belong to the machine they were measured on.

Ratios are measured in one run against stock Oscar on the same products and the same
gunicorn settings (issue 13's targets), so they travel between machines better than
requests per second do.
"""

# (our page, our visitor kind, stock Oscar's page, at least this many times its req/s)
RATIOS = [
    ("home", "cached", "product", 20),
    ("catalogue", "cached", "product", 20),
    ("product", "cached", "product", 20),
    ("news", "cached", "product", 20),
    ("product", "cold", "product", 1.5),
    ("basket", "cold", "basket", 1.5),
    ("catalogue", "cold", "catalogue", 20),
    ("search", "cold", "search", 20),
]

# Queries per request, in-process, per visitor kind (tests/integration pins most of them;
# these are the ceilings the table marks).
QUERIES = {
    "cached": {"*": 2},
    "cold": {"home": 22, "product": 20, "*": 12},
    "signed_in": {"home": 26, "product": 24, "*": 16},
}

# p99 latency under the bench's load, milliseconds, per visitor kind.
P99_MS = {"cached": 50, "cold": 500, "signed_in": 500}

# Search, cold (the facet cache empty), p95 milliseconds: issue 13.
FACETED_P95_MS = 100
AUTOCOMPLETE_P95_MS = 50


def query_budget(kind, page):
    table = QUERIES[kind]
    return table.get(page, table["*"])


def mark(value, limit, higher_is_better=False):
    if value is None:
        return "-"
    good = value >= limit if higher_is_better else value <= limit
    return "ok" if good else "over"
