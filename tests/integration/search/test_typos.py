"""Search that forgives typos (issue 11), on the database backend (SQLite or PostgreSQL,
whichever the tests run on). Elasticsearch's fuzzy queries are checked offline in
tests/unit/test_elasticsearch_queries.py."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.documents import iter_documents
from search.indexing import index_products
from tests.factories import ProducerFactory, first_ward, province
from tests.integration.search.conftest import make

# Tests here count what rendering costs: the page cache is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def shop(db):
    ben_tre = ProducerFactory(
        name="HTX Bưởi da xanh Chợ Lách", province=province(86), ward=first_ward(province(86))
    )
    dong_nai = ProducerFactory(name="HTX Nấm rơm Xuân Lộc")
    thai_nguyen = ProducerFactory(
        name="HTX Chè Tân Cương", province=province(1), ward=first_ward(province(1))
    )
    crafts = ProducerFactory(name="Tổ hợp tác Mây tre đan Phú Vinh")
    mountains = ProducerFactory(name="Công ty Dược liệu Tây Bắc")
    p = {
        "buoi": make("Bưởi da xanh Chợ Lách", ben_tre, 90000, category="I.1.b"),
        "mat_ong": make("Mật ong rừng U Minh", mountains, 400000, category="I.2.b"),
        "nam_rom": make("Nấm rơm sạch Đồng Nai", dong_nai, 60000, category="I.1.a"),
        "nam_rom_kho": make("Nấm rơm sấy khô Xuân Lộc", dong_nai, 120000, category="I.3.c"),
        # A near miss for "nam ron": "sơn" is as close to "ron" as "rơm" is.
        "linh_chi": make("Nấm linh chi Sơn La", mountains, 500000, category="I.1.a"),
        "ca_phe": make(
            "Cà phê xay Robusta", ben_tre, 180000, category="I.6", description="Rang mộc."
        ),
        "lamp": make(
            "Đèn tre trang trí", crafts, 390000, category="IV.1", description="Chụp đèn tre."
        ),
        "tra": make("Trà xanh Thái Nguyên", thai_nguyen, 320000, category="I.5.a"),
        "che": make("Chè búp Tân Cương", thai_nguyen, 250000, category="I.5.a"),
        "keo": make("Kẹo dừa sầu riêng", ben_tre, 45000, category="I.3.c"),
        "nuoc_mam": make("Nước mắm cá cơm Phú Quốc", mountains, 150000, category="I.3.d"),
        "dau_dua": make(
            "Dầu dừa ép lạnh", ben_tre, 80000, category="I.3.c", description="Dùng nấu kẹo."
        ),
    }
    DatabaseBackend().rebuild(iter_documents())
    return p


def search(text, **kwargs):
    return DatabaseBackend().search(SearchQuery(text=text, **kwargs))


@pytest.mark.parametrize(
    "typed, corrected, key",
    [
        ("buoi da xnah", "buoi da xanh", "buoi"),  # two letters swapped
        ("mat ogn", "mat ong", "mat_ong"),  # two letters swapped, last word
        ("nam ron", "nam rom", "nam_rom"),  # a neighbouring key
        ("cafe", "ca phe", "ca_phe"),  # the loanword, written as one word
        ("ca fe", "ca phe", "ca_phe"),  # f for ph
        ("bưởi da xnah", "bưởi da xanh", "buoi"),  # accents kept where typed
        ("keodua", "keo dua", "keo"),  # no space between the words
        ("nuoc nam", "nuoc mam", "nuoc_mam"),  # a typo that is a word too ("nấm")
    ],
)
def test_a_typo_finds_the_product_and_says_what_it_searched(shop, typed, corrected, key):
    result = search(typed)
    assert shop[key].id in result.product_ids
    assert result.corrected_text == corrected


def test_the_correction_prefers_words_found_together(shop):
    """ "xah" is one letter from "xanh" and from "xay": "buoi da xay" finds the ground
    coffee (by its producer's name), "buoi da xanh" every product of that producer."""
    result = search("buoi da xah")
    assert result.corrected_text == "buoi da xanh"
    assert shop["buoi"].id in result.product_ids
    assert search("nam ron").corrected_text == "nam rom"


@pytest.mark.parametrize("text", ["keo dua", "nấm rơm", "tra", "bưởi"])
def test_words_that_find_something_are_not_corrected(shop, text):
    result = search(text)
    assert result.total and result.corrected_text is None and result.suggested_text is None


def test_a_whole_word_outranks_a_prefix_of_another_word(shop):
    found = search("tra").product_ids
    assert found.index(shop["tra"].id) < found.index(shop["lamp"].id)
    found = search("tre").product_ids  # "tre" is a whole word of the lamp, a prefix of nothing
    assert found[0] == shop["lamp"].id


def test_exact_accented_match_still_ranks_first(shop):
    assert search("trà").product_ids[0] == shop["tra"].id


def test_a_correction_that_the_filters_exclude_is_only_suggested(shop):
    result = search("buoi da xnah", province=1)  # the pomelo is from Bến Tre
    assert result.total == 0 and result.corrected_text is None
    assert result.suggested_text == "buoi da xanh"


def test_too_few_results_bring_a_suggestion_and_keep_the_results(shop):
    """ "keo dau" finds the coconut oil (its description speaks of kẹo); "keo dua" finds more."""
    result = search("keo dau")
    assert result.product_ids == [shop["dau_dua"].id]
    assert result.corrected_text is None and result.suggested_text == "keo dua"
    with CaptureQueriesContext(connection) as ctx:
        cache.clear()
        search("keo dau")
    with CaptureQueriesContext(connection) as plain:
        cache.clear()
        search("nam")  # three products: not too few
    # The near words and the check of the rewritings, beside the search itself.
    assert len(ctx.captured_queries) == len(plain.captured_queries) + 2


def test_a_filtered_search_with_few_results_is_not_second_guessed(shop):
    result = search("keo dau", province=86)
    assert result.total == 1 and result.suggested_text is None


def test_a_word_typed_with_accents_is_taken_as_meant(shop):
    """ "mứt" is one letter from "mật", but whoever typed the tones meant mứt."""
    result = search("mứt")
    assert result.total == 0 and result.corrected_text is None and result.suggested_text is None


def test_a_correction_changes_little(shop):
    """Two words of three changed is a different query, not a typo."""
    result = search("tra xenh thai nguyon")
    assert result.corrected_text is None and result.suggested_text is None
    assert search("tra xenh thai nguyen").corrected_text == "tra xanh thai nguyen"


def test_nonsense_is_not_corrected(shop):
    result = search("qwzx vbnm")
    assert result.total == 0 and result.corrected_text is None and result.suggested_text is None


def test_the_vocabulary_follows_the_index(shop):
    new = make("Sâm Ngọc Linh tươi", ProducerFactory(), 2_000_000, category="I.1.a")
    index_products([new.id])
    assert new.id in search("sam ngoc lihn").product_ids
    new.is_public = False
    new.save()
    index_products([new.id])
    result = search("sam ngoc lihn")
    assert result.total == 0 and result.suggested_text is None


def test_a_rebuild_keeps_the_vocabulary(shop):
    before = search("buoi da xnah")
    DatabaseBackend().rebuild(iter_documents())
    DatabaseBackend().rebuild(iter_documents())  # counts are not doubled or lost
    after = search("buoi da xnah")
    assert after.product_ids == before.product_ids and after.corrected_text == "buoi da xanh"
    from search.models import SearchWord

    # The pomelo, and the coffee, the sweets and the oil by their producer's name.
    assert SearchWord.objects.get(word="buoi").documents == 4
    assert SearchWord.objects.get(word="nam").documents == 3


@pytest.mark.parametrize(
    "text",
    [
        "a" * 5000,
        "buoi da xnah " * 400,
        "xnah" * 1000,
        "đ" * 300,
        "²",
        "x",
        "!!! ??? ...",
        "ab cd ef gh ij kl mn op qr st uv",
        "ç¢ñ ÿøü",
        "日本語",
    ],
    ids=[
        "a*5000",
        "typo*400",
        "long-typo",
        "đ*300",
        "superscript",
        "one-letter",
        "punctuation",
        "many-words",
        "latin-1",
        "cjk",
    ],
)
def test_odd_queries_do_bounded_work(shop, text):
    with CaptureQueriesContext(connection) as ctx:
        result = search(text)
    assert len(ctx.captured_queries) <= 8
    assert all(len(q["sql"]) < 20_000 for q in ctx.captured_queries)
    assert result.total >= 0


def test_a_corrected_search_makes_a_fixed_number_of_queries(shop):
    def count(text):
        cache.clear()  # facet counts are cached; count the queries of a first visit
        with CaptureQueriesContext(connection) as ctx:
            search(text)
        return len(ctx.captured_queries)

    plain, corrected = count("buoi da xanh"), count("buoi da xnah")
    for i in range(5):
        make(f"Bưởi da xanh loại {i}", ProducerFactory(), 90000, category="I.1.b")
    DatabaseBackend().rebuild(iter_documents())
    assert count("buoi da xnah") == corrected
    # The original search (its count: no page to read), the near words, the check of the
    # best rewritings, then the corrected search.
    assert corrected == 1 + 2 + plain
