"""The database backend counts every facet from one grouped query (`tally`): its counts
must equal those of one query per chosen filter, the way they were counted before (each
facet without its own filter), for any mix of filters, words and the producer."""

import pytest
from django.db.models import Count
from django.utils import timezone

from catalogue.models import Category
from search.backends.base import SearchQuery
from search.models import ProductDocument, tally_key, tally_values

pytestmark = pytest.mark.django_db


def counted_one_filter_at_a_time(backend, query):
    """{facet: {value: count}} by the plain method: each facet grouped on its own column
    over the documents matching every other filter."""
    today = timezone.localdate()
    base = backend._annotated(today)
    text = backend._text_filter(query)
    if text:
        base = backend._with_words(base, text)
    columns = {
        "stars": "valid_stars",
        "group": "group_id",
        "category": "category_id",
        "province": "province_code",
        "kind": "producer_kind",
        "price": "price_range",
        "in_stock": "in_stock",
    }
    counts = {}
    for name, column in columns.items():
        rows = backend._apply(base, query, today, skip=name).values(column)
        rows = rows.annotate(n=Count("product_id")).order_by()
        counts[name] = {r[column]: r["n"] for r in rows if r[column] not in (None, "")}
    counts["in_stock"] = {True: counts["in_stock"].get(True, 0)}
    standards = {}
    for doc in backend._apply(base, query, today, skip="standard"):
        for code in filter(None, doc.standards.split(",")):
            standards[code] = standards.get(code, 0) + 1
    counts["standard"] = standards
    total = backend._apply(base, query, today).count()
    return counts, total


def queries(catalogue):
    food = Category.objects.get(code="I")
    processed = Category.objects.get(code="I.3")
    producer = catalogue["keo_dua"].producer_id
    return [
        SearchQuery(),
        SearchQuery(stars=4),
        SearchQuery(stars=4, province=75, group=food.id),
        SearchQuery(province=86, price="0-100000", in_stock=True),
        SearchQuery(category=processed.id, standard="vietgap"),
        SearchQuery(text="keo", province=86, stars=5),
        SearchQuery(kind="household", category=processed.id, price="0-100000", stars=5),
        SearchQuery(producer=producer, stars=5),
        SearchQuery(price="no-such-range", group=food.id),
        SearchQuery(stars=3, province=1, kind="enterprise", in_stock=True, standard="haccp"),
    ]


def base_of(backend, query):
    base = backend._annotated(timezone.localdate())
    text = backend._text_filter(query)
    return backend._with_words(base, text) if text else base


def test_one_grouped_query_counts_what_one_query_per_filter_did(backend, catalogue):
    if backend.name != "database":
        pytest.skip("the database backend's own counting")
    for query in queries(catalogue):
        facets, total = backend._facets(base_of(backend, query), query, timezone.localdate())
        expected, expected_total = counted_one_filter_at_a_time(backend, query)
        got = {name: {fv.value: fv.count for fv in values} for name, values in facets.items()}
        assert got == expected, query
        assert total == expected_total == backend.search(query).total, query


def test_the_tally_key_reads_back_what_it_wrote(backend, catalogue):
    for doc in ProductDocument.objects.all():
        values = {column: getattr(doc, column) for column in tally_values(doc.tally)}
        assert tally_values(doc.tally) == values
        assert tally_key(values) == doc.tally
