"""One contract for every search backend: the database backend always (SQLite or
PostgreSQL, whichever the tests run on), Elasticsearch when TEST_ELASTICSEARCH_URL is set
(see the README)."""

import pytest

from catalogue.models import Category
from search.backends.base import SearchQuery
from search.documents import iter_documents
from search.indexing import index_products
from tests.integration.search.conftest import make

pytestmark = pytest.mark.django_db


def ids(backend, **kwargs):
    return backend.search(SearchQuery(**kwargs)).product_ids


def facet(result, name):
    return {fv.value: fv.count for fv in result.facets[name]}


@pytest.mark.parametrize(
    "text, key",
    [
        ("dong nai", "nam_rom"),  # unaccented query, accented text (province)
        ("keo dua", "keo_dua"),
        ("Kẹo dừa", "keo_dua"),
        ("nấm rơm", "nam_rom_plain"),  # accented query, unaccented text
        ("dac san", "dac_san"),  # đ folds to d
        ("đặc sản", "dac_san"),
        ("kẹo d", "keo_dua"),  # the last word half typed
        ("HTX Nấm Xuân Lộc", "nam_rom"),  # producer name
    ],
)
def test_vietnamese_folding_both_ways(backend, catalogue, text, key):
    assert catalogue[key].id in ids(backend, text=text)


def test_exact_accented_matches_rank_first(backend, catalogue):
    accented = ids(backend, text="nấm rơm")
    assert accented.index(catalogue["nam_rom"].id) < accented.index(catalogue["nam_rom_plain"].id)
    plain = ids(backend, text="nam rom")
    assert plain.index(catalogue["nam_rom_plain"].id) < plain.index(catalogue["nam_rom"].id)


def test_decomposed_text_is_found_like_composed_text(backend, catalogue):
    """Issue 15, item 12: text in NFD (some phones, pasted text) was split at its accents,
    "Nấm" -> "na", "m", and missed the accented ranking."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "nấm rơm")
    assert decomposed != "nấm rơm"
    found = ids(backend, text=decomposed)
    assert found == ids(backend, text="nấm rơm") and catalogue["nam_rom"].id in found
    assert found.index(catalogue["nam_rom"].id) < found.index(catalogue["nam_rom_plain"].id)


def test_all_words_must_match(backend, catalogue):
    assert ids(backend, text="kẹo trà") == []


def test_stars_filter_counts_only_valid_certificates(backend, catalogue):
    found = ids(backend, stars=5)
    assert found == [catalogue["keo_dua"].id]  # the expired 5★ one is not shown
    result = backend.search(SearchQuery())
    assert facet(result, "stars") == {5: 1, 4: 2, 3: 2}


def test_filters(backend, catalogue):
    c = catalogue
    assert set(ids(backend, province=86)) == {
        c["keo_dua"].id,
        c["keo_dua_expired"].id,
        c["dac_san"].id,
    }
    assert set(ids(backend, kind="enterprise")) == {c["tra"].id, c["ruou"].id}
    assert set(ids(backend, standard="vietgap")) == {c["nam_rom"].id, c["keo_dua"].id}
    drinks = Category.objects.get(code="II")
    assert ids(backend, group=drinks.id) == [c["ruou"].id]
    processed = Category.objects.get(code="I.3")
    assert set(ids(backend, category=processed.id)) == {
        c["nam_rom_plain"].id,
        c["keo_dua"].id,
        c["keo_dua_expired"].id,
        c["dac_san"].id,
    }
    assert ids(backend, price="1000000-") == [c["ruou"].id]
    assert set(ids(backend, price="0-100000", province=86)) == {
        c["keo_dua"].id,
        c["keo_dua_expired"].id,
    }
    assert c["tra"].id not in ids(backend, in_stock=True)
    assert ids(backend, text="keo", stars=5, province=86) == [c["keo_dua"].id]


def test_facet_counts_keep_other_values_of_a_chosen_facet(backend, catalogue):
    result = backend.search(SearchQuery(province=86))
    assert result.total == 3
    assert facet(result, "province") == {75: 2, 86: 3, 1: 2}
    assert facet(result, "kind") == {"household": 3}
    assert facet(result, "standard") == {"haccp": 1, "vietgap": 1}
    assert facet(result, "in_stock") == {True: 3}
    assert sum(facet(result, "price").values()) == 3


def test_sorting(backend, catalogue):
    c = catalogue
    by_price = ids(backend, sort="price_asc")
    assert by_price[0] == c["keo_dua_expired"].id and by_price[-1] == c["ruou"].id
    assert ids(backend, sort="price_desc")[0] == c["ruou"].id
    assert ids(backend, sort="newest")[0] == c["dac_san"].id
    assert ids(backend, sort="stars")[0] == c["keo_dua"].id


def test_pagination(backend, catalogue):
    first = backend.search(SearchQuery(sort="price_asc", per_page=3, page=1))
    second = backend.search(SearchQuery(sort="price_asc", per_page=3, page=2))
    third = backend.search(SearchQuery(sort="price_asc", per_page=3, page=3))
    assert first.total == second.total == 7
    assert len(first.product_ids) == 3 and len(third.product_ids) == 1
    assert not set(first.product_ids) & set(second.product_ids)
    assert backend.search(SearchQuery(page=50)).product_ids == []


@pytest.mark.parametrize("text", ["", "   ", "!!!", "?*\"'():-"])
def test_queries_without_words_list_the_whole_catalogue(backend, catalogue, text):
    everything = backend.search(SearchQuery())
    result = backend.search(SearchQuery(text=text))
    assert result.total == everything.total == 7
    assert result.product_ids == everything.product_ids


@pytest.mark.parametrize("text", ["a" * 5000, "đ" * 300], ids=["a*5000", "đ*300"])
def test_huge_words_match_nothing_without_failing(backend, catalogue, text):
    result = backend.search(SearchQuery(text=text))
    assert result.total == 0 and result.product_ids == []


def test_a_repeated_word_finds_what_the_word_finds(backend, catalogue):
    found = ids(backend, text="kẹo")
    # The two sweets, and the Vĩnh Long fish sauce by its producer's name.
    assert set(found) == {catalogue[k].id for k in ("keo_dua", "keo_dua_expired", "dac_san")}
    assert ids(backend, text="kẹo " * 200) == found


def test_punctuation_only_is_like_no_query(backend, catalogue):
    assert backend.search(SearchQuery(text="!!! ???")).total == 7


def test_suggestions(backend, catalogue):
    titles = [title for _, title in backend.suggest_products("keo", 5)]
    assert "Kẹo dừa sầu riêng" in titles


def test_suggestions_match_any_word_producers_and_provinces(backend, catalogue):
    """Issue 15, item 11: the completion suggester matched only the start of the whole title
    and hid products sharing a title."""
    c = catalogue

    def suggested(text):
        return {pid for pid, _ in backend.suggest_products(text, 10)}

    assert {c["keo_dua"].id, c["keo_dua_expired"].id} <= suggested("dua")  # not the first word
    assert c["nam_rom"].id in suggested("xuan loc")  # the producer
    assert c["keo_dua"].id in suggested("vinh long")  # the province
    twin = make("Kẹo dừa sầu riêng", c["keo_dua"].producer, 46000)
    index_products([twin.id], backend=backend)
    assert {c["keo_dua"].id, twin.id} <= suggested("keo dua sau")


def test_index_and_remove_follow_the_catalogue(backend, catalogue):
    product = catalogue["tra"]
    product.is_public = False
    product.save()
    index_products([product.id], backend=backend)
    assert product.id not in ids(backend, text="trà")
    backend.remove([catalogue["ruou"].id])
    assert ids(backend, text="rượu") == []


def test_rebuild_gives_the_same_answers(backend, catalogue):
    before = backend.search(SearchQuery(text="keo dua"))
    assert backend.rebuild(iter_documents()) == 7
    after = backend.search(SearchQuery(text="keo dua"))
    assert after.product_ids == before.product_ids and after.total == before.total
