"""The database backend's autocomplete (search.backends.suggestions, issue 13): its own
index of titles, producers, provinces and categories, read in fixed tiers, newest first
within a tier, instead of ranking every match."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from search.backends import suggestions
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.documents import iter_documents
from search.indexing import index_products
from tests.integration.search.conftest import make

pytestmark = pytest.mark.django_db

fill_migration = importlib.import_module("search.migrations.0005_suggestions")


@pytest.fixture
def backend():
    return DatabaseBackend()


def suggested(backend, text, limit=10):
    return [pid for pid, _ in backend.suggest_products(text, limit)]


def test_whole_words_in_the_title_come_first_then_anywhere_then_half_typed(backend, catalogue):
    c = catalogue
    banh_trang = make("Bánh tráng mè", c["nam_rom"].producer, 20000)  # the newest
    index_products([banh_trang.id], backend=backend)
    # "Trà" in the title; "Trà" in the producer's name; "tráng" starts with "tra".
    assert suggested(backend, "tra") == [c["tra"].id, c["ruou"].id, banh_trang.id]


def test_newest_first_within_a_tier_and_expired_certificates_still_shown(backend, catalogue):
    c = catalogue
    # Both sweets hold "kẹo" in the title (the expired one is newer); the fish sauce only
    # in its producer's name.
    assert suggested(backend, "keo") == [c["keo_dua_expired"].id, c["keo_dua"].id, c["dac_san"].id]


def test_words_typed_with_accents_prefer_titles_written_so(backend, catalogue):
    c = catalogue
    assert suggested(backend, "nấm rơm")[:2] == [c["nam_rom"].id, c["nam_rom_plain"].id]
    # Without accents both titles are alike: the newer first.
    assert suggested(backend, "nam rom")[:2] == [c["nam_rom_plain"].id, c["nam_rom"].id]
    assert suggested(backend, "kẹo d")[:2] == [c["keo_dua_expired"].id, c["keo_dua"].id]


def test_categories_match_but_descriptions_do_not(backend, catalogue):
    c = catalogue
    assert suggested(backend, "do uong") == [c["ruou"].id]  # the group Đồ uống
    tea = make("Trà hoa", c["tra"].producer, 50000, description="Hoa atiso Đà Lạt sấy khô")
    index_products([tea.id], backend=backend)
    assert tea.id in backend.search(SearchQuery(text="atiso")).product_ids
    assert suggested(backend, "atiso") == []


def test_products_taken_off_sale_or_removed_are_not_suggested(backend, catalogue):
    c = catalogue
    product = c["tra"]
    product.is_public = False
    product.save()
    index_products([product.id], backend=backend)
    assert product.id not in suggested(backend, "tra")
    backend.remove([c["ruou"].id])
    assert suggested(backend, "tra") == []
    backend.clear()
    assert suggested(backend, "keo") == []


def test_the_limit_holds_and_a_product_is_listed_once(backend, catalogue):
    c = catalogue
    assert suggested(backend, "keo", limit=2) == [c["keo_dua_expired"].id, c["keo_dua"].id]
    found = suggested(backend, "d", limit=20)  # every tier can hold the same product
    assert len(found) == len(set(found))
    assert set(found) == set(backend.search(SearchQuery(text="d")).product_ids)


def test_old_matches_are_found_past_the_newest_window(backend, catalogue, monkeypatch):
    """PostgreSQL reads the newest few documents first and the index only when they hold
    too few matches (see POSTGRES_TIER); SQLite reads its index either way."""
    c = catalogue
    monkeypatch.setattr(suggestions, "NEWEST_WINDOW", 2)
    assert suggested(backend, "nam rom") == [c["nam_rom_plain"].id, c["nam_rom"].id]
    assert suggested(backend, "xuan loc") == [c["nam_rom_plain"].id, c["nam_rom"].id]


@pytest.mark.parametrize("text", ["", "!!!", "a" * 5000, "đ" * 300, "kẹo " * 200])
def test_odd_input_does_not_fail(backend, catalogue, text):
    assert isinstance(backend.suggest_products(text, 6), list)


def test_queries_one_per_tier_read_and_one_for_the_titles(
    backend, catalogue, django_assert_num_queries
):
    with django_assert_num_queries(2):  # tier 1 fills the list
        assert len(backend.suggest_products("keo", 1)) == 1
    with django_assert_num_queries(4):  # four tiers (no accents typed), all empty
        assert backend.suggest_products("zzz", 6) == []
    with django_assert_num_queries(5):  # the five tiers
        assert backend.suggest_products("rượu z", 6) == []


def test_the_migration_fills_what_a_rebuild_writes(backend, catalogue):
    """Deployed sites get the index from migration 0005, not from a rebuild."""
    from django.apps import apps

    built = {d["product_id"]: d["suggest"] for d in iter_documents()}
    filled = {row[-1]: row[:-1] for row in fill_migration.rows(apps)}

    def words(columns):
        return tuple(sorted(text.split()) for text in columns)

    assert {pid: words(cols) for pid, cols in filled.items()} == {
        pid: words(cols) for pid, cols in built.items()
    }
    # Filled into an emptied index, it answers as the rebuilt one did.
    before = {text: suggested(backend, text) for text in ("keo", "nấm rơm", "vinh long", "do")}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_suggest")
    assert suggested(backend, "keo") == []
    fill_migration.fill(apps, SimpleNamespace(connection=connection))
    assert {text: suggested(backend, text) for text in before} == before
