"""Search at scale: an Elasticsearch 8 cluster through elasticsearch-dsl.

- Vietnamese folding: the `vi_folding` analyzer is `asciifolding` with
  `preserve_original`, so "nấm" is indexed as both "nấm" and "nam" (and "đ" as "d");
  `.exact` sub-fields keep the accents and are boosted, so exact matches rank first.
- Facets are aggregations. Each facet is counted with every filter except its own
  (the filters go in `post_filter`), so a chosen value does not hide the alternatives.
- Full rebuilds go into a new index; the alias moves in one atomic `_aliases` call and the
  old index is dropped, so searches never see an empty or half-built index.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    A,
    Boolean,
    Completion,
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
)
from search.documents import PRICE_RANGES

vi_folding = analyzer(
    "vi_folding",
    tokenizer="standard",
    filter=["lowercase", token_filter("vi_ascii", "asciifolding", preserve_original=True)],
)
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])

STAR_SCRIPT = (
    "if (doc['certified_until'].size() > 0 && doc['stars'].size() > 0 && "
    "doc['certified_until'].value.toInstant().toEpochMilli() > params.today && "
    "doc['stars'].value >= 3) { return doc['stars'].value } return 0"
)


class ProductIndexDoc(Document):
    title = Text(analyzer=vi_folding, fields={"exact": Text(analyzer=vi_exact)})
    body = Text(analyzer=vi_folding, fields={"exact": Text(analyzer=vi_exact)})
    suggest = Completion(analyzer=vi_folding)
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
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def to_es(doc):
    """Our flat document (search.documents.build) as an Elasticsearch source."""
    return {
        "title": doc["title"],
        "body": doc["exact"],
        "suggest": {"input": [doc["title"]]} if doc["is_public"] else None,
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
            clauses[name] = Q("term", stars=value) & Q(
                "range", certified_until={"gt": today.isoformat()}
            )
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


def build_search(query: SearchQuery, index: str, today: datetime.date, facets=True) -> Search:
    clauses = filter_clauses(query, today)
    s = Search(index=index).query(text_query(query)).filter("term", is_public=True)
    if clauses:
        s = s.post_filter(Q("bool", filter=list(clauses.values())))
    if facets:
        for name in (*FACET_AGGS, "stars", "in_stock"):
            others = [c for n, c in clauses.items() if n != name]
            bucket = s.aggs.bucket(
                name, "filter", Q("bool", filter=others) if others else Q("match_all")
            )
            if name == "stars":
                bucket.bucket(
                    "valid", "filter", Q("range", certified_until={"gt": today.isoformat()})
                ).bucket("levels", "terms", field="stars", include=list(STAR_LEVELS))
            elif name == "in_stock":
                bucket.bucket("levels", "filter", Q("term", in_stock=True))
            else:
                bucket.bucket("levels", FACET_AGGS[name]())
    today_ms = int(datetime.datetime.combine(today, datetime.time()).timestamp() * 1000)
    sort = {
        "price_asc": [{"price": {"order": "asc", "missing": "_last"}}, {"date_created": "desc"}],
        "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}],
        "newest": [{"date_created": "desc"}],
        "stars": [
            {
                "_script": {
                    "type": "number",
                    "order": "desc",
                    "script": {"source": STAR_SCRIPT, "params": {"today": today_ms}},
                }
            },
            {"date_created": "desc"},
        ],
    }.get(query.sort)
    if sort is None:
        sort = ["_score", {"date_created": "desc"}] if query.terms else [{"date_created": "desc"}]
    s = s.sort(*sort).extra(track_total_hits=True, from_=query.offset, size=query.per_page)
    if query.terms:
        s = suggest_spelling(s, " ".join(query.terms))
    return s.source(False)


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


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url, alias=None):
        self.client = Elasticsearch(url, request_timeout=30)
        self.alias = alias or getattr(settings, "ELASTICSEARCH_INDEX", "ocop-products")

    def search(self, query: SearchQuery, facets=True) -> SearchResult:
        s = build_search(query, self.alias, timezone.localdate(), facets=facets)
        response = self.client.search(index=self.alias, body=s.to_dict())
        hits = response["hits"]
        return SearchResult(
            product_ids=[int(h["_id"]) for h in hits["hits"]],
            total=hits["total"]["value"],
            facets=parse_facets(response["aggregations"]) if facets else {},
            suggested_text=parse_suggestion(response, " ".join(query.terms)),
        )

    def suggest_products(self, text, limit):
        body = {
            "suggest": {
                "products": {
                    "prefix": text[:100],
                    "completion": {"field": "suggest", "size": limit, "skip_duplicates": True},
                }
            },
            "_source": ["title"],
        }
        response = self.client.search(index=self.alias, body=body)
        options = response["suggest"]["products"][0]["options"]
        return [(int(o["_id"]), o["_source"]["title"]) for o in options]

    # --- indexing ---------------------------------------------------------------------------

    def create_index(self, name):
        index = ProductIndexDoc._index.clone(name)
        index.settings(**ProductIndexDoc.Index.settings)
        index.create(using=self.client)
        return name

    def ensure_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.create_index(f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}")
            self.client.indices.put_alias(index=name, name=self.alias)

    def _actions(self, documents, index):
        for doc in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": doc["product_id"],
                "_source": to_es(doc),
            }

    def index(self, documents):
        self.ensure_index()
        ok, _ = helpers.bulk(self.client, self._actions(documents, self.alias), refresh="wait_for")
        return ok

    def remove(self, product_ids):
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": i} for i in product_ids)
        helpers.bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def clear(self):
        self.rebuild([])

    def rebuild(self, documents, progress=None):
        new = self.create_index(f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}")
        written = 0
        for ok, _ in helpers.streaming_bulk(
            self.client, self._actions(documents, new), chunk_size=1000
        ):
            written += ok
            if progress and written % 1000 == 0:
                progress(written)
        if progress:
            progress(written)
        self.client.indices.refresh(index=new)
        old = []
        if self.client.indices.exists_alias(name=self.alias):
            old = list(self.client.indices.get_alias(name=self.alias))
        actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for i in old:
            self.client.indices.delete(index=i, ignore_unavailable=True)
        return written
