"""Search at scale: an Elasticsearch 8 cluster through elasticsearch-dsl.

- Vietnamese folding: the `vi_folding` analyzer is `asciifolding` with
  `preserve_original`, so "nấm" is indexed as both "nấm" and "nam" (and "đ" as "d");
  `.exact` sub-fields keep the accents and are boosted, so exact matches rank first.
- A listing is two requests: the hits (filters in the query, counted up to
  `index.max_result_window`, which is as far as pages go) and the facets (`size: 0`, one
  filter aggregation per facet with every filter but its own), cached as the database
  backend caches its facets.
- Writing, the alias, rebuilds and their lock: `search.backends.es_indexing`.
- Errors are not caught here: `search.backends.fallback` answers from the database then.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from search.backends.base import (
    STAR_LEVELS,
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResult,
    terms,
)
from search.backends.es_indexing import IndexManagement
from search.documents import PRICE_RANGES

vi_folding = analyzer(
    "vi_folding",
    tokenizer="standard",
    filter=["lowercase", token_filter("vi_ascii", "asciifolding", preserve_original=True)],
)
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])


class ProductIndexDoc(Document):
    title = Text(analyzer=vi_folding, fields={"exact": Text(analyzer=vi_exact)})
    body = Text(analyzer=vi_folding, fields={"exact": Text(analyzer=vi_exact)})
    product_id = Long()  # the last sort key
    stars = Integer()
    certified_until = Date()
    group_id = Integer()
    category_id = Integer()
    category_ids = Integer(multi=True)
    province_code = Integer()
    producer_id = Integer()
    producer_kind = Keyword()
    standards = Keyword(multi=True)
    price = Long()
    in_stock = Boolean()
    is_public = Boolean()
    date_created = Date()

    class Index:
        name = "ocop-products"  # replaced by the alias name at run time
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_result_window": 10_000}


def to_es(doc):
    """Our flat document (search.documents.build) as an Elasticsearch source."""
    return {
        "title": doc["title"],
        "body": doc["exact"],
        "product_id": doc["product_id"],
        "stars": doc["stars"],
        "certified_until": doc["certified_until"],
        "group_id": doc["group_id"],
        "category_id": doc["category_id"],
        "category_ids": [int(i) for i in doc["category_ids"].strip(",").split(",") if i],
        "province_code": doc["province_code"],
        "producer_id": doc["producer_id"],
        "producer_kind": doc["producer_kind"] or None,
        "standards": [s for s in doc["standards"].strip(",").split(",") if s],
        "price": doc["price"],
        "in_stock": doc["in_stock"],
        "is_public": doc["is_public"],
        "date_created": doc["date_created"],
    }


def filter_clauses(query: SearchQuery, today: datetime.date):
    """{facet name: query clause} for the active filters."""
    clauses = {}
    for name, value in query.filters():
        if name == "stars":
            clauses[name] = Q("term", stars=value) & _star_valid(today)
        elif name == "group":
            clauses[name] = Q("term", group_id=value)
        elif name == "category":
            clauses[name] = Q("term", category_ids=value)
        elif name == "province":
            clauses[name] = Q("term", province_code=value)
        elif name == "kind":
            clauses[name] = Q("term", producer_kind=value)
        elif name == "standard":
            clauses[name] = Q("term", standards=value)
        elif name == "price":
            bounds = {k: (lo, hi) for k, lo, hi in PRICE_RANGES}.get(value)
            if bounds:
                rng = {"gte": bounds[0]}
                if bounds[1] is not None:
                    rng["lt"] = bounds[1]
                clauses[name] = Q("range", price=rng)
        elif name == "in_stock":
            clauses[name] = Q("term", in_stock=True)
        elif name == "producer":
            clauses[name] = Q("term", producer_id=value)
    return clauses


def text_query(query: SearchQuery):
    text = " ".join(query.terms)
    if not text:
        return Q("match_all")
    folded = Q(
        "multi_match",
        query=text,
        fields=["title^3", "body"],
        type="cross_fields",
        operator="and",
    )
    # The last word may be half typed.
    # Every word must match, the last as a prefix: without `and`, "kẹo trà" matched every
    # product with "kẹo" or any word starting "tra" (issue 15, item 1).
    prefix = Q(
        "multi_match", query=text, fields=["title^3", "body"], type="bool_prefix", operator="and"
    )
    # A typo ("xnah"): Elasticsearch refuses fuzziness on cross_fields, so the fuzzy words
    # are an alternative of their own; `body` holds the title too, so nothing is lost.
    # The first letter is kept: a different first letter is a different word.
    fuzzy = Q(
        "multi_match",
        query=text,
        fields=["title^3", "body"],
        operator="and",
        fuzziness="AUTO",
        prefix_length=1,
    )
    exact = Q("multi_match", query=text, fields=["title.exact^6", "body.exact^2"])
    return Q(
        "bool",
        must=[Q("bool", should=[folded, prefix, fuzzy], minimum_should_match=1)],
        should=[exact],
    )


SUGGESTER = "did_you_mean"


def suggest_spelling(s: Search, text: str) -> Search:
    """A "did you mean" from a phrase suggester whose every suggestion is checked (collate) to
    find documents with all its words, as the database backend checks its corrections."""
    return s.suggest(
        SUGGESTER,
        text,
        phrase={
            "field": "body",
            "size": 1,
            "max_errors": 2,
            "direct_generator": [
                {
                    "field": "body",
                    "suggest_mode": "always",
                    "prefix_length": 1,
                    "min_word_length": 3,
                }
            ],
            "collate": {
                "query": {
                    "source": {"match": {"body": {"query": "{{suggestion}}", "operator": "and"}}}
                },
                "prune": False,
            },
        },
    )


def parse_suggestion(response, text):
    """The suggester's spelling, when it differs from what was typed."""
    response = getattr(response, "body", response)  # the client's response, or a dict
    for entry in (response.get("suggest") or {}).get(SUGGESTER, [])[:1]:
        for option in entry.get("options", [])[:1]:
            if option["text"] != text:
                return option["text"]
    return None


FACET_AGGS = {
    "group": lambda: A("terms", field="group_id", size=20),
    "category": lambda: A("terms", field="category_id", size=100),
    "province": lambda: A("terms", field="province_code", size=40),
    "kind": lambda: A("terms", field="producer_kind", size=10),
    "standard": lambda: A("terms", field="standards", size=20),
    "price": lambda: A(
        "range",
        field="price",
        ranges=[
            {"key": k, "from": lo, **({"to": hi} if hi is not None else {})}
            for k, lo, hi in PRICE_RANGES
        ],
    ),
}


def _star_valid(today: datetime.date):
    """The one test of a valid certificate, shared by the stars filter, facet and sort:
    `certified_until` after Vietnam's today (as the database backend), so a certificate
    ending today is expired everywhere (issue 15, item 10: the sort used another "today")."""
    return Q("range", certified_until={"gt": today.isoformat()})


def stars_ranked(text: Q, today: datetime.date) -> Q:
    """The text query scored by valid stars (5, 4, 3, else 1): filters, not a Painless script
    run per matching document, so the shard's cached filters do the work."""
    functions = [
        {"filter": Q("term", stars=level) & _star_valid(today), "weight": level}
        for level in sorted(STAR_LEVELS, reverse=True)
    ]
    functions.append({"filter": Q("match_all"), "weight": 1})
    return Q(
        "function_score", query=text, functions=functions, score_mode="max", boost_mode="replace"
    )


# Ties broken by the product id, as the database backend does: pages stay stable. The
# mapping gained `product_id`; an index built before it sorts as if it were missing.
LAST_KEY = {"product_id": {"order": "desc", "unmapped_type": "long"}}
NEWEST = {"date_created": {"order": "desc"}}


def build_search(
    query: SearchQuery, index: str, today: datetime.date, window: int = 10_000
) -> Search:
    """The hits request: this page's ids, the total (counted up to the result window, which
    is all the pages can reach) and the "did you mean". Facets are a request of their own
    (`build_facets`), cached."""
    text = text_query(query)
    s = Search(index=index).query(stars_ranked(text, today) if query.sort == "stars" else text)
    s = s.filter("term", is_public=True)
    clauses = filter_clauses(query, today)
    if clauses:
        s = s.filter(Q("bool", filter=list(clauses.values())))
    sort = {
        "price_asc": [{"price": {"order": "asc", "missing": "_last"}}, NEWEST],
        "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, NEWEST],
        "newest": [NEWEST],
        "stars": ["_score", NEWEST],
    }.get(query.sort)
    if sort is None:
        sort = ["_score", NEWEST] if query.terms else [NEWEST]
    # Elasticsearch refuses from + size beyond index.max_result_window (a 400): past it,
    # only the total is asked for, and the view then shows the last page it can reach.
    offset = query.offset if query.offset < window else 0
    size = min(query.per_page, window - query.offset) if query.offset < window else 0
    s = s.sort(*sort, LAST_KEY).extra(track_total_hits=window, from_=offset, size=size)
    if query.terms:
        s = suggest_spelling(s, " ".join(query.terms))
    return s.source(False)


def build_facets(query: SearchQuery, index: str, today: datetime.date) -> Search:
    """The facets request: `size: 0`, one filter aggregation per facet with every filter
    but its own, so a chosen value does not hide the alternatives. Its answer depends only
    on the words, filters and index, so it is cached (and the shard request cache helps)."""
    clauses = filter_clauses(query, today)
    s = Search(index=index).query(text_query(query)).filter("term", is_public=True)
    for name in (*FACET_AGGS, "stars", "in_stock"):
        others = [c for n, c in clauses.items() if n != name]
        bucket = s.aggs.bucket(
            name, "filter", Q("bool", filter=others) if others else Q("match_all")
        )
        if name == "stars":
            bucket.bucket("valid", "filter", _star_valid(today)).bucket(
                "levels", "terms", field="stars", include=list(STAR_LEVELS)
            )
        elif name == "in_stock":
            bucket.bucket("levels", "filter", Q("term", in_stock=True))
        else:
            bucket.bucket("levels", FACET_AGGS[name]())
    return s.extra(size=0, track_total_hits=False)


def parse_facets(aggs) -> dict:
    facets = {}
    for name in (*FACET_AGGS, "stars", "in_stock"):
        agg = aggs[name]
        if name == "stars":
            buckets = agg["valid"]["levels"]["buckets"]
            values = [FacetValue(b["key"], b["doc_count"]) for b in buckets]
        elif name == "in_stock":
            values = [FacetValue(True, agg["levels"]["doc_count"])]
        else:
            values = [
                FacetValue(b["key"], b["doc_count"])
                for b in agg["levels"]["buckets"]
                if b["doc_count"]
            ]
        facets[name] = sorted(values, key=lambda fv: (-fv.count, str(fv.value)))
    return facets


class ElasticsearchBackend(IndexManagement, SearchBackend):
    """Reads from the alias. Errors are raised: `search.backends.fallback` wraps this
    backend and answers from the database when the cluster fails."""

    name = "elasticsearch"
    facet_cache_seconds = 60  # short: an Elasticsearch write is visible after its refresh

    def __init__(
        self,
        url,
        alias=None,
        api_key=None,
        ca_certs=None,
        timeout=None,
        replicas=None,
        refresh=False,
    ):
        options = {
            # One retry on another node, none after a timeout: a hung cluster costs one wait.
            "request_timeout": timeout or getattr(settings, "ELASTICSEARCH_TIMEOUT", 3.0),
            "max_retries": 1,
            "retry_on_timeout": False,
        }
        if api_key:
            options["api_key"] = api_key
        if ca_certs:
            options["ca_certs"] = ca_certs
        self.client = Elasticsearch(url, **options)
        self.alias = alias or getattr(settings, "ELASTICSEARCH_INDEX", "ocop-products")
        self.replicas = replicas if replicas is not None else settings.ELASTICSEARCH_REPLICAS
        self.window = ProductIndexDoc.Index.settings["max_result_window"]
        # Writes never wait for a refresh on the request path; the contract suite, which
        # reads its own writes at once, passes "wait_for".
        self.refresh = refresh

    def index_body(self, name):
        index = ProductIndexDoc._index.clone(name)
        index.settings(**ProductIndexDoc.Index.settings)
        return index.to_dict()

    def to_source(self, doc):
        return to_es(doc)

    def search(self, query: SearchQuery, facets=True) -> SearchResult:
        today = timezone.localdate()
        s = build_search(query, self.alias, today, window=self.window)
        response = self.client.search(index=self.alias, body=s.to_dict())
        hits = response["hits"]
        return SearchResult(
            product_ids=[int(h["_id"]) for h in hits["hits"]],
            # Counted up to the window: the pages past it cannot be asked for (item 2).
            total=min(hits["total"]["value"], self.window),
            more=hits["total"].get("relation") == "gte" or hits["total"]["value"] > self.window,
            facets=self._cached_facets(query, today) if facets else {},
            suggested_text=parse_suggestion(response, " ".join(query.terms)),
        )

    def _cached_facets(self, query, today):
        """Cached like the database backend's, under the same index version (bumped after
        every write), plus a short lifetime for the refresh that makes a write visible."""
        from search.backends.database import index_version

        key = "search:es-facets:{}:{}".format(
            index_version(),
            hashlib.sha1(
                repr((self.alias, query.terms, query.filters(), today)).encode()
            ).hexdigest(),
        )
        facets = cache.get(key)
        if facets is None:
            body = build_facets(query, self.alias, today).to_dict()
            response = self.client.search(index=self.alias, body=body, request_cache=True)
            facets = parse_facets(response["aggregations"])
            cache.set(key, facets, self.facet_cache_seconds)
        return facets

    def suggest_products(self, text, limit):
        """Products whose words start with the typed words, any word of the title, producer,
        province or category ("dua" finds "Kẹo dừa"), as the database backend matches; not
        the completion suggester, which matched only the start of the whole title and
        dropped products sharing a title (item 11)."""
        words = " ".join(terms(text[:100]))
        if not words:
            return []
        prefix = Q(
            "multi_match",
            query=words,
            fields=["title^3", "body"],
            type="bool_prefix",
            operator="and",
        )
        body = (
            Search(index=self.alias)
            .filter("term", is_public=True)
            .query(prefix)
            .sort("_score", NEWEST, LAST_KEY)
            .source(["title"])
            .extra(size=limit, track_total_hits=False)
            .to_dict()
        )
        response = self.client.search(index=self.alias, body=body)
        return [(int(h["_id"]), h["_source"]["title"]) for h in response["hits"]["hits"]]
