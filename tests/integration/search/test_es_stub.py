"""Issue 15: what the Elasticsearch backend sends and how it takes the cluster's errors,
against the recording stub (tests/esstub.py): deep pages (item 2), the first-write race
(item 5), rebuilds with a lock, changes made meanwhile, 429s and failures (items 6, 7),
autocomplete (item 11), the facets request and writes at scale, and the client settings."""

import datetime
import json

import pytest
from django.utils import timezone

from search.backends.base import SearchQuery
from search.backends.elasticsearch import ElasticsearchBackend
from tests import esstub
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stub():
    with esstub.running() as stub:
        yield stub


def doc(product_id, title="Kẹo dừa"):
    return {
        "product_id": product_id,
        "title": title,
        "exact": title.lower(),
        "folded": "keo dua",
        "stars": None,
        "certified_until": None,
        "group_id": None,
        "category_id": None,
        "category_ids": "",
        "province_code": 75,
        "producer_id": 1,
        "producer_name": "HTX",
        "producer_kind": "cooperative",
        "standards": "",
        "price": 45000,
        "price_range": "0-100000",
        "in_stock": True,
        "is_public": True,
        "date_created": timezone.now(),
    }


def bulk_targets(stub):
    """(index, id, op) of every bulk action the stub received, in order."""
    out = []
    for request in stub.seen("PUT", r"^/_bulk$"):
        lines = [json.loads(line) for line in request.body]
        i = 0
        while i < len(lines):
            ((op, meta),) = lines[i].items()
            out.append((meta["_index"], int(meta["_id"]), op))
            i += 1 if op == "delete" else 2
    return out


# --- item 2: deep pages ----------------------------------------------------------------------


def window_guard(ids, total):
    def answer(request):
        body = request.body or {}
        if body.get("size") == 0 and "aggs" in body:
            return 200, esstub.search_answer(aggs=esstub.empty_aggs(), total=total)
        asked = body.get("from", 0) + body.get("size", 10)
        if asked > 10_000:
            return 400, esstub.window_too_large(asked)
        # Counted up to track_total_hits (the window): "gte" says there are more.
        return 200, esstub.search_answer(
            ids if body.get("size") else (),
            total=min(total, 10_000),
            relation="gte" if total > 10_000 else "eq",
        )

    return answer


def test_a_page_past_the_result_window_is_200_from_elasticsearch(client, stub, settings):
    product = ProductFactory(title="Kẹo dừa sầu riêng")
    settings.SEARCH_BACKEND, settings.ELASTICSEARCH_URL = "elasticsearch", stub.url
    stub.route("POST", r"^/ocop-products/_search$", window_guard([product.id], 50_000))
    response = client.get("/shop/search/", {"q": "keo", "page": "999999"})
    assert response.status_code == 200
    assert "Kẹo dừa sầu riêng" in response.content.decode()  # from Elasticsearch's answer
    hits = [r.body for r in stub.seen("POST", "_search$") if r.body.get("size")]
    assert hits and all(b.get("from", 0) + b["size"] <= 10_000 for b in hits)
    # The pages offered stop where Elasticsearch stops: 10,000 / 24 per page.
    assert response.context["paginator"].num_pages == 417
    # And the count says there are more than the pages reach, not exactly 10,000.
    assert "Hơn 10.000 sản phẩm" in response.content.decode()


# --- item 5: the first write -----------------------------------------------------------------


def test_two_first_writers_share_one_index_made_with_its_alias(stub):
    esstub.accepting(stub)
    made = []

    def create(request):
        if made:
            return 400, esstub.already_exists("ocop-products-first")
        made.append(request)
        return esstub.ACK

    stub.route("PUT", r"^/ocop-products-first$", create)
    first, second = ElasticsearchBackend(stub.url), ElasticsearchBackend(stub.url)
    first.index([doc(1)])
    second.index([doc(2)])  # lost the race: resource_already_exists_exception is fine
    created = stub.seen("PUT", r"^/ocop-products[^/]*$")
    assert [r.path for r in created] == ["/ocop-products-first"] * 2
    assert all(r.body["aliases"] == {"ocop-products": {}} for r in created)
    assert not stub.seen("PUT", r"/_alias")  # no separate alias call to race on
    assert [(i, n) for i, n, _ in bulk_targets(stub) if i == "ocop-products"] == [
        ("ocop-products", 1),
        ("ocop-products", 2),
    ]


def test_writes_require_the_alias_and_never_wait_for_a_refresh(stub):
    """A write to a missing alias would auto-create an index under its name; and
    refresh=wait_for held checkouts for up to a second (scale items)."""
    esstub.accepting(stub, indices=["ocop-products-1"])
    backend = ElasticsearchBackend(stub.url)
    backend.index([doc(1)])
    backend.remove([2])
    for request in stub.seen("PUT", r"^/_bulk$"):
        assert request.query.get("require_alias") == ["true"]
        assert "refresh" not in request.query


# --- items 6 and 7: rebuilds -----------------------------------------------------------------


class Documents(list):
    """What search.documents.Catalogue gives a rebuild: the documents, and those of ids."""

    def __init__(self, docs, current):
        super().__init__(docs)
        self.current = current

    def for_ids(self, ids):
        return [self.current[i] for i in ids if i in self.current]


def test_a_rebuild_swaps_the_alias_and_repairs_two_indices_on_it(stub):
    esstub.accepting(stub, indices=["ocop-products-first", "ocop-products-20260101"])
    backend = ElasticsearchBackend(stub.url)
    assert backend.rebuild([doc(1), doc(2)]) == 2
    (swap,) = stub.seen("POST", r"^/_aliases$")
    actions = swap.body["actions"]
    assert {"remove": {"index": "ocop-products-first", "alias": "ocop-products"}} in actions
    assert {"remove": {"index": "ocop-products-20260101", "alias": "ocop-products"}} in actions
    (new,) = [a["add"]["index"] for a in actions if "add" in a]
    deleted = [r.path for r in stub.seen("DELETE")]
    assert "/ocop-products-first" in deleted and "/ocop-products-20260101" in deleted
    assert f"/{new}" not in deleted


def test_a_rebuild_loads_without_refreshes_and_restores_them(stub, settings):
    settings.ELASTICSEARCH_REPLICAS = 1
    esstub.accepting(stub)
    backend = ElasticsearchBackend(stub.url)
    backend.rebuild([doc(1)])
    created = [r for r in stub.seen("PUT", r"^/ocop-products-\d+$")]
    assert created[0].body["settings"]["refresh_interval"] == "-1"
    assert created[0].body["settings"]["number_of_replicas"] == 0
    (restored,) = stub.seen("PUT", r"^/ocop-products-\d+/_settings$")
    assert restored.body == {"index": {"refresh_interval": None, "number_of_replicas": 1}}
    order = [r.path for r in stub.requests]
    assert order.index(restored.path) < order.index("/_aliases")


def test_a_rebuild_retries_a_429_with_backoff(stub):
    esstub.accepting(stub)
    rejected = []

    def bulk(request):
        if not rejected:
            rejected.append(request)
            error = {
                "type": "es_rejected_execution_exception",
                "reason": "rejected execution of coordinating operation",
            }
            return 200, esstub.bulk_answer(request.body, status=429, error=error)
        return 200, esstub.bulk_answer(request.body)

    stub.route("PUT", r"^/_bulk$", bulk)
    backend = ElasticsearchBackend(stub.url)
    backend.bulk_backoff = 0.01
    assert backend.rebuild([doc(1), doc(2)]) == 2
    assert len(stub.seen("PUT", r"^/_bulk$")) == 2
    assert stub.seen("POST", r"^/_aliases$")


def test_a_failed_rebuild_deletes_its_half_built_index_and_its_lock(stub):
    esstub.accepting(stub, indices=["ocop-products-first"])
    error = {"type": "document_parsing_exception", "reason": "failed to parse field [price]"}
    stub.route(
        "PUT",
        r"^/_bulk$",
        lambda r: (200, esstub.bulk_answer(r.body, status=400, error=error)),
    )
    backend = ElasticsearchBackend(stub.url)
    with pytest.raises(Exception):  # noqa: B017 - the bulk helper's error, whatever its class
        backend.rebuild([doc(1)])
    (created,) = stub.seen("PUT", r"^/ocop-products-\d+$")
    deleted = [r.path for r in stub.seen("DELETE")]
    assert created.path in deleted and "/ocop-products-rebuild" in deleted
    assert "/ocop-products-first" not in deleted  # the live index stays
    assert not stub.seen("POST", r"^/_aliases$")


def test_a_second_rebuild_is_refused_while_one_runs(stub):
    from search.backends.es_indexing import RebuildRunning

    esstub.accepting(stub, indices=["ocop-products-first"])
    stub.route("PUT", r"^/ocop-products-rebuild$", (400, esstub.already_exists("x")))
    started = {"_meta": {"started": timezone.now().isoformat()}}
    stub.route(
        "GET",
        r"^/ocop-products-rebuild/_mapping$",
        (200, {"ocop-products-rebuild": {"mappings": started}}),
    )
    with pytest.raises(RebuildRunning):
        ElasticsearchBackend(stub.url).rebuild([doc(1)])
    assert not stub.seen("PUT", r"^/ocop-products-\d+$")
    assert not stub.seen("DELETE")


def test_a_stale_lock_is_taken_over(stub):
    esstub.accepting(stub, indices=["ocop-products-first"])
    refused = []

    def lock(request):
        if refused:
            return esstub.ACK
        refused.append(request)
        return 400, esstub.already_exists("ocop-products-rebuild")

    stub.route("PUT", r"^/ocop-products-rebuild$", lock)
    old = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    stub.route(
        "GET",
        r"^/ocop-products-rebuild/_mapping$",
        (200, {"ocop-products-rebuild": {"mappings": {"_meta": {"started": old}}}}),
    )
    assert ElasticsearchBackend(stub.url).rebuild([doc(1)]) == 1


def test_the_lock_records_its_start_and_carries_the_journal_alias(stub):
    esstub.accepting(stub)
    ElasticsearchBackend(stub.url).rebuild([])
    (lock,) = stub.seen("PUT", r"^/ocop-products-rebuild$")
    assert lock.body["aliases"] == {"ocop-products-rebuild-journal": {}}
    started = datetime.datetime.fromisoformat(lock.body["mappings"]["_meta"]["started"])
    assert abs(timezone.now() - started) < datetime.timedelta(hours=1)


def test_writes_during_a_rebuild_are_journaled_first(stub):
    esstub.accepting(stub, indices=["ocop-products-first"])
    backend = ElasticsearchBackend(stub.url)
    backend.index([doc(5)])
    backend.remove([6])
    assert bulk_targets(stub) == [
        ("ocop-products-rebuild-journal", 5, "index"),
        ("ocop-products", 5, "index"),
        ("ocop-products-rebuild-journal", 6, "index"),
        ("ocop-products", 6, "delete"),
    ]


def test_changes_made_during_a_rebuild_are_applied_after_the_swap(stub):
    """Product 2 changed and product 3 was deleted while the rebuild read the catalogue:
    their writes went to the old index; the journal brings them to the new one."""
    esstub.accepting(stub, indices=["ocop-products-first"])
    journal_pages = [
        esstub.search_answer([2, 3]),
        esstub.search_answer([]),
    ]
    for page, hit in zip(journal_pages[0]["hits"]["hits"], (2, 3), strict=True):
        page["sort"] = [hit]
    stub.route("POST", r"^/ocop-products-rebuild/_search$", lambda r: (200, journal_pages.pop(0)))
    changed = doc(2, title="Kẹo dừa lá dứa")
    documents = Documents([doc(1), doc(2), doc(3)], current={1: doc(1), 2: changed})
    ElasticsearchBackend(stub.url).rebuild(documents)
    paths = [r.path for r in stub.requests]
    swap = paths.index("/_aliases")
    after = [t for t in bulk_targets(stub) if t[0] == "ocop-products"]
    assert after == [("ocop-products", 2, "index"), ("ocop-products", 3, "delete")]
    last_bulk = max(i for i, p in enumerate(paths) if p == "/_bulk")
    assert swap < last_bulk < paths.index("/ocop-products-rebuild", swap)  # then unlocked
    reindexed = [r for r in stub.seen("PUT", "^/_bulk$")][-2]
    assert "Kẹo dừa lá dứa" in json.dumps(reindexed.body, ensure_ascii=False)


# --- item 11 and the request path ------------------------------------------------------------


def test_autocomplete_matches_any_word_and_keeps_products_sharing_a_title(stub):
    esstub.accepting(stub, indices=["ocop-products-first"])
    answer = esstub.search_answer([7, 8])
    for hit in answer["hits"]["hits"]:
        hit["_source"] = {"title": "Kẹo dừa"}
    stub.route("POST", r"^/ocop-products/_search$", (200, answer))
    found = ElasticsearchBackend(stub.url).suggest_products("dua", 6)
    assert found == [(7, "Kẹo dừa"), (8, "Kẹo dừa")]
    (request,) = stub.seen("POST", "_search$")
    text = json.dumps(request.body)
    assert "completion" not in text and "skip_duplicates" not in text
    prefix = request.body["query"]["bool"]["must"][0]["multi_match"]
    assert prefix["type"] == "bool_prefix" and prefix["operator"] == "and"
    assert prefix["fields"] == ["title^3", "body"]  # body: producer, province, categories
    assert request.body["size"] == 6


def test_facets_are_a_cached_size_0_request(stub):
    esstub.accepting(stub, indices=["ocop-products-first"])

    def answer(request):
        if request.body.get("size") == 0:
            return 200, esstub.search_answer(aggs=esstub.empty_aggs())
        return 200, esstub.search_answer([1], total=1)

    stub.route("POST", r"^/ocop-products/_search$", answer)
    backend = ElasticsearchBackend(stub.url)
    backend.search(SearchQuery(text="keo", page=1))
    backend.search(SearchQuery(text="keo", page=2, sort="price_asc"))
    bodies = [r.body for r in stub.seen("POST", "_search$")]
    assert [b.get("size") for b in bodies] == [24, 0, 24]  # facets asked once
    assert "aggs" not in bodies[0] and "aggs" not in bodies[2]
    (facets,) = [r for r in stub.seen("POST", "_search$") if r.body.get("size") == 0]
    assert facets.query.get("request_cache") == ["true"]


def test_client_settings_reach_the_cluster(stub, settings):
    from search.backends import get_backend

    esstub.accepting(stub, indices=["ocop-products-first"])
    settings.SEARCH_BACKEND, settings.ELASTICSEARCH_URL = "elasticsearch", stub.url
    settings.ELASTICSEARCH_API_KEY = "VnVhVlhmY0JDcGx0OmtleQ=="
    backend = get_backend()
    backend.suggest_products("keo", 3)
    assert stub.requests[-1].headers["authorization"] == "ApiKey VnVhVlhmY0JDcGx0OmtleQ=="
    assert backend.client._request_timeout == settings.ELASTICSEARCH_TIMEOUT


def test_a_ca_certificate_is_given_to_the_client(settings):
    import certifi

    from search.backends import get_backend

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "https://es.internal.example:9200"
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    node = get_backend().client.transport.node_pool.get()
    assert node.config.ca_certs == certifi.where()


def test_the_request_timeout_is_well_under_gunicorns(settings):
    import runpy

    from tests.integration.operations.conftest import ROOT

    gunicorn = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    # One attempt plus one retry on another node must end before the worker is killed.
    assert 2 * settings.ELASTICSEARCH_TIMEOUT < gunicorn["timeout"] / 2


def test_a_first_index_made_during_the_swap_is_taken_off_the_alias(stub):
    """A first write racing the rebuild's swap made `<alias>-first` after the rebuild read
    the alias: the alias must still end on the new index alone."""
    esstub.accepting(stub)
    real_get = stub.answer

    def racing(request):
        answer = real_get(request)
        if request.method == "GET" and request.path == "/_alias/ocop-products":
            if not stub.seen("POST", "^/_aliases$"):  # the rebuild's read before its swap
                stub.aliased.add("ocop-products-first")  # a writer creates it right after
        return answer

    stub.answer = racing
    ElasticsearchBackend(stub.url).rebuild([doc(1)])
    (new,) = stub.aliased
    assert new.startswith("ocop-products-2")
    assert "/ocop-products-first" in [r.path for r in stub.seen("DELETE")]
