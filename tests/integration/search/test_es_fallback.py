"""Issue 15, items 3 and 4: a cluster that is down, hangs or has no alias yet never takes a
page down; the database backend answers, and it has the catalogue because its documents
are kept current in either mode. Against a closed port, a silent port and the recording
stub (tests/esstub.py)."""

import json
import logging

import pytest

from catalogue.models import Category
from search.models import ProductDocument
from tests import esstub
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/shop/catalogue/",
    "/shop/search/?q=keo+dua",
    "/shop/search/?q=keo&sort=stars&page=2",
    "/shop/catalogue/province/dong-nai/",
    "/shop/catalogue/stars/4/?sort=price_asc",
]


@pytest.fixture
def keo(db):
    return ProductFactory(title="Kẹo dừa sầu riêng", category=Category.objects.get(code="I.1.a"))


def assert_lists(response, title="Kẹo dừa sầu riêng"):
    assert response.status_code == 200
    assert title in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_from_the_database_when_the_cluster_is_down(client, es_down, url):
    # Created while the shop runs on Elasticsearch: the database's documents follow anyway.
    ProductFactory(title="Kẹo dừa sầu riêng", category=Category.objects.get(code="I.1.a"))
    response = client.get(url)
    assert response.status_code == 200
    if "stars" not in url and "page=2" not in url:
        assert_lists(response)


def test_category_page_and_autocomplete_answer_when_the_cluster_is_down(client, es_down, keo):
    assert_lists(client.get(Category.objects.get(code="I").get_absolute_url()))
    response = client.get("/shop/search/autocomplete/", {"q": "keo"})
    assert response.status_code == 200
    assert "Kẹo dừa sầu riêng" in [s["label"] for s in response.json()["suggestions"]]


def test_the_product_chooser_answers_when_the_cluster_is_down(admin_client, es_down, keo):
    response = admin_client.get("/cms/product_chooser/results/?q=keo+dua")
    assert_lists(response)


def test_documents_are_kept_current_in_elasticsearch_mode(es_down, keo):
    assert ProductDocument.objects.filter(product_id=keo.id).exists()
    keo.is_public = False
    keo.save()
    assert not ProductDocument.objects.filter(product_id=keo.id).exists()


def test_a_hung_cluster_costs_one_short_timeout_then_is_skipped(client, settings, keo):
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    settings.SEARCH_BACKEND = "elasticsearch"
    with esstub.silent() as url:
        settings.ELASTICSEARCH_URL = url
        assert_lists(client.get("/shop/search/", {"q": "keo"}))
        assert_lists(client.get("/shop/catalogue/"))


def test_a_failing_cluster_is_skipped_for_a_while_and_logged_once(client, keo, es_stub, caplog):
    es_stub.route("POST", r"_search$", (503, esstub.es_error(503, "unavailable", "busy")))
    with caplog.at_level(logging.WARNING, logger="search.backends.fallback"):
        assert_lists(client.get("/shop/search/", {"q": "keo"}))
        asked = len(es_stub.requests)
        assert_lists(client.get("/shop/search/", {"q": "keo dua"}))
        assert_lists(client.get("/shop/catalogue/"))
    assert asked >= 1 and len(es_stub.requests) == asked  # the breaker is open: not asked
    warnings = [r for r in caplog.records if r.name == "search.backends.fallback"]
    assert len(warnings) == 1 and "database" in warnings[0].getMessage()


def test_the_breaker_closes_after_its_time(keo, es_stub, monkeypatch):
    from search.backends import fallback, get_backend
    from search.backends.base import SearchQuery

    now = [1000.0]
    monkeypatch.setattr(fallback, "clock", lambda: now[0])
    es_stub.route("POST", r"_search$", (503, esstub.es_error(503, "unavailable", "busy")))
    backend = get_backend()
    assert backend.search(SearchQuery(text="keo")).product_ids == [keo.id]
    asked = len(es_stub.requests)
    backend.search(SearchQuery(text="keo"))
    assert len(es_stub.requests) == asked
    now[0] += backend.retry_after + 1
    backend.search(SearchQuery(text="keo"))
    assert len(es_stub.requests) > asked


def test_a_missing_alias_lists_from_the_database(client, keo, es_stub):
    """The stub answers 404 index_not_found_exception to everything (a fresh cluster)."""
    for url in PAGES[:2]:
        assert_lists(client.get(url))
    searched = es_stub.seen("POST", r"^/ocop-products/_search$")
    assert searched  # Elasticsearch was asked first, and said the alias is missing


def test_writes_when_the_cluster_fails_reach_the_database_and_are_logged(es_down, caplog):
    with caplog.at_level(logging.WARNING):
        product = ProductFactory(title="Mật ong hoa nhãn")
    assert ProductDocument.objects.filter(product_id=product.id).exists()
    assert any("only the database" in r.getMessage() for r in caplog.records)


def test_two_indices_on_the_alias_fail_writes_without_losing_the_database_copy(keo, es_stub):
    """What the first-write race left behind: every write through the alias fails
    (illegal_argument_exception, no write index); the database's copy is still written."""
    from search.backends import get_backend
    from search.backends.fallback import SearchUnavailable
    from search.documents import iter_documents

    es_stub.route("HEAD", r"^/_alias/ocop-products$", (200, None))
    reason = (
        "no write index is defined for alias [ocop-products]. The write index may be "
        "explicitly disabled using is_write_index=false or the alias points to multiple "
        "indices without one being designated as a write index"
    )
    es_stub.route(
        "PUT",
        r"^/_bulk$",
        lambda r: (
            200,
            esstub.bulk_answer(
                r.body,
                status=400,
                error={"type": "illegal_argument_exception", "reason": reason},
            ),
        ),
    )
    ProductDocument.objects.all().delete()
    with pytest.raises(SearchUnavailable):
        get_backend().index(iter_documents([keo.id]))
    assert ProductDocument.objects.filter(product_id=keo.id).exists()


def test_changes_missed_during_an_outage_reach_the_cluster_when_it_is_back(settings):
    """The database took every write while the cluster was down; the first write that
    succeeds afterwards also writes what the cluster missed (changed and deleted)."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = esstub.closed_port_url()
    changed = ProductFactory(title="Mật ong hoa nhãn")
    deleted = ProductFactory(title="Mắm cá linh")
    deleted_id = deleted.id
    deleted.delete()
    with esstub.running() as stub:
        esstub.accepting(stub, indices=["ocop-products-first"])
        settings.ELASTICSEARCH_URL = stub.url  # the cluster is back (a new client)
        later = ProductFactory(title="Kẹo dừa sầu riêng")
        written = {
            (op, int(meta["_id"]))
            for r in stub.seen("PUT", r"^/_bulk$")
            for line in r.body
            for op, meta in json.loads(line).items()
            if isinstance(meta, dict) and meta.get("_index") == "ocop-products"
        }
    assert ("index", later.id) in written
    assert ("index", changed.id) in written  # missed while down
    assert ("delete", deleted_id) in written


def test_catching_up_moves_the_page_cache_version(settings):
    """Pages cached since the cluster came back may hold its answers from before it caught
    up: they go when it has."""
    from django.core.cache import cache

    from search.backends import fallback, get_backend
    from storefront import pagecache

    settings.SEARCH_BACKEND = "elasticsearch"
    product = ProductFactory(title="Mật ong hoa nhãn")
    with esstub.running() as stub:
        esstub.accepting(stub, indices=["ocop-products-first"])
        settings.ELASTICSEARCH_URL = stub.url
        backend = get_backend()
        cache.set(fallback.MISSED_KEY, {product.id}, None)
        version = pagecache.current_version()
        backend._catch_up()
        assert stub.seen("PUT", r"^/_bulk$")
    assert pagecache.current_version() != version
    assert not cache.get(fallback.MISSED_KEY)
