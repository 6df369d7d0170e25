"""The database backend's stars sort, read one star level at a time (issue 13): the same
order as sorting every match by its valid stars, without the sort."""

import pytest
from django.core.cache import cache
from django.db.models import F

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    return DatabaseBackend()


def test_valid_stars_first_then_the_rest_newest_first_in_each(backend, catalogue):
    c = catalogue
    expected = [
        c["keo_dua"],  # 5
        c["tra"],  # 4, newer
        c["nam_rom"],  # 4
        c["dac_san"],  # 3, newer
        c["nam_rom_plain"],  # 3
        c["ruou"],  # no certificate, newer
        c["keo_dua_expired"],  # 5 but expired
    ]
    found = backend.search(SearchQuery(sort="stars")).product_ids
    assert found == [p.id for p in expected]
    # What one ORDER BY of the valid stars gave.
    from django.utils import timezone

    ordered = backend._annotated(timezone.localdate()).order_by(
        F("valid_stars").desc(nulls_last=True), "-date_created", "-product_id"
    )
    assert found == list(ordered.values_list("product_id", flat=True))


@pytest.mark.parametrize("facets", [True, False], ids=["level sizes from facets", "counted"])
def test_pages_cross_the_levels(backend, catalogue, facets):
    everything = backend.search(SearchQuery(sort="stars")).product_ids
    for per_page in (1, 2, 3):
        pages = [
            backend.search(SearchQuery(sort="stars", per_page=per_page, page=n), facets).product_ids
            for n in range(1, 9)
        ]
        assert [pid for page in pages for pid in page] == everything


def test_filters_and_the_stars_filter(backend, catalogue):
    c = catalogue
    assert backend.search(SearchQuery(sort="stars", province=86)).product_ids == [
        c["keo_dua"].id,
        c["dac_san"].id,
        c["keo_dua_expired"].id,
    ]
    assert backend.search(SearchQuery(sort="stars", stars=4)).product_ids == [
        c["tra"].id,
        c["nam_rom"].id,
    ]
    assert backend.search(SearchQuery(sort="stars", text="keo")).product_ids == [
        c["keo_dua"].id,
        c["dac_san"].id,
        c["keo_dua_expired"].id,
    ]


def test_empty_levels_are_not_read(backend, catalogue, django_assert_num_queries):
    c = catalogue
    cache.clear()
    # Hà Nội: a 4-star tea and an uncertified liquor. The facet count, then the two levels
    # that hold something (the 5 and 3 levels would walk the date index for nothing).
    with django_assert_num_queries(3):
        found = backend.search(SearchQuery(sort="stars", province=1)).product_ids
    assert found == [c["tra"].id, c["ruou"].id]
    cache.clear()
    with django_assert_num_queries(2):  # the 5-star level fills a page of one
        backend.search(SearchQuery(sort="stars", per_page=1))
