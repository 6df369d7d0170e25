"""The Elasticsearch mapping, analyzers and generated queries, checked offline."""

import datetime

from search.backends.base import SearchQuery
from search.backends.elasticsearch import (
    ProductIndexDoc,
    build_facets,
    build_search,
    parse_facets,
    parse_suggestion,
    to_es,
)

TODAY = datetime.date(2026, 11, 22)


def test_mapping_folds_vietnamese_and_keeps_exact_subfields():
    index = ProductIndexDoc._index.clone("x").to_dict()
    analysis = index["settings"]["analysis"]
    folding = analysis["analyzer"]["vi_folding"]
    assert folding["filter"] == ["lowercase", "vi_ascii"]
    assert analysis["filter"]["vi_ascii"] == {"type": "asciifolding", "preserve_original": True}
    props = index["mappings"]["properties"]
    assert props["title"]["analyzer"] == "vi_folding"
    assert props["title"]["fields"]["exact"]["analyzer"] == "vi_exact"
    assert "suggest" not in props  # autocomplete matches any word (item 11)
    assert props["product_id"]["type"] == "long"  # the last sort key
    for keyword in ("producer_kind", "standards"):
        assert props[keyword]["type"] == "keyword"
    assert props["price"]["type"] == "long"


def test_text_query_boosts_exact_fields_and_requires_all_words():
    body = build_search(SearchQuery(text="Kẹo dừa!"), "idx", TODAY).to_dict()
    query = body["query"]["bool"]
    must = query["must"][0]["bool"]["should"]
    assert must[0]["multi_match"] == {
        "query": "kẹo dừa",
        "fields": ["title^3", "body"],
        "type": "cross_fields",
        "operator": "and",
    }
    assert must[1]["multi_match"]["type"] == "bool_prefix"
    # Every word must match ("kẹo trà" is not "kẹo" or "tra…"): issue 15, item 1.
    assert must[1]["multi_match"]["operator"] == "and"
    assert query["should"][0]["multi_match"]["fields"] == ["title.exact^6", "body.exact^2"]
    assert query["filter"] == [{"term": {"is_public": True}}]
    assert body["sort"][0] == "_score"


def test_no_words_is_match_all_sorted_newest():
    body = build_search(SearchQuery(text="?!"), "idx", TODAY).to_dict()
    assert body["query"] == {"bool": {"filter": [{"term": {"is_public": True}}]}}
    assert body["sort"] == [
        {"date_created": {"order": "desc"}},
        {"product_id": {"order": "desc", "unmapped_type": "long"}},
    ]


def test_filters_go_to_the_hits_query_and_each_facet_skips_its_own():
    q = SearchQuery(stars=5, province=86, standard="vietgap", price="100000-200000")
    body = build_search(q, "idx", TODAY).to_dict()
    assert "aggs" not in body and "post_filter" not in body
    filters = body["query"]["bool"]["filter"]
    assert filters[0] == {"term": {"is_public": True}}
    chosen = filters[1]["bool"]["filter"]
    assert {"term": {"province_code": 86}} in chosen
    assert {"term": {"standards": "vietgap"}} in chosen
    assert {"range": {"price": {"gte": 100000, "lt": 200000}}} in chosen
    stars_clause = next(c for c in chosen if "bool" in c)
    assert {"range": {"certified_until": {"gt": "2026-11-22"}}} in stars_clause["bool"]["must"]
    facets = build_facets(q, "idx", TODAY).to_dict()
    assert facets["size"] == 0 and "sort" not in facets and "suggest" not in facets
    province_agg = facets["aggs"]["province"]
    own = province_agg["filter"]["bool"]["filter"]
    assert {"term": {"province_code": 86}} not in own
    assert {"term": {"standards": "vietgap"}} in own
    stars_agg = facets["aggs"]["stars"]["aggs"]["valid"]
    assert stars_agg["filter"] == {"range": {"certified_until": {"gt": "2026-11-22"}}}
    assert stars_agg["aggs"]["levels"]["terms"] == {"field": "stars", "include": [3, 4, 5]}


def test_listing_is_a_hits_request_and_a_size_0_facets_request():
    """Scale: hits with 8 aggregations and size > 0 in one request defeated the shard
    request cache; the facets are now their own size-0 request (and cached by us)."""
    q = SearchQuery(text="kẹo", province=86)
    hits = build_search(q, "idx", TODAY).to_dict()
    facets = build_facets(q, "idx", TODAY).to_dict()
    assert "aggs" not in hits and hits["size"] == 24
    assert facets["size"] == 0
    assert set(facets["aggs"]) == {
        "group",
        "category",
        "province",
        "kind",
        "standard",
        "price",
        "stars",
        "in_stock",
    }


def test_sorts_and_paging():
    body = build_search(SearchQuery(sort="price_asc", page=3, per_page=24), "idx", TODAY).to_dict()
    assert body["sort"][0] == {"price": {"order": "asc", "missing": "_last"}}
    assert body["from"] == 48 and body["size"] == 24
    # Counted as far as pages can reach (index.max_result_window), not exactly to the end.
    assert body["track_total_hits"] == 10_000


def test_every_sort_ends_with_the_product_id():
    """Stable paging, as the database backend has (scale items)."""
    for sort in ("relevance", "price_asc", "price_desc", "newest", "stars"):
        for text in ("", "keo"):
            body = build_search(SearchQuery(text=text, sort=sort), "idx", TODAY).to_dict()
            assert body["sort"][-1] == {"product_id": {"order": "desc", "unmapped_type": "long"}}


def test_pages_never_ask_past_the_result_window():
    """Item 2: from + size > index.max_result_window is a 400 from Elasticsearch."""
    for page in (416, 417, 418, 10_000):
        body = build_search(SearchQuery(page=page, per_page=24), "idx", TODAY).to_dict()
        assert body["from"] + body["size"] <= 10_000, page
    assert build_search(SearchQuery(page=417), "idx", TODAY).to_dict()["size"] == 16
    past = build_search(SearchQuery(page=10_000), "idx", TODAY).to_dict()
    assert past["from"] == 0 and past["size"] == 0  # only the total is asked for


def test_the_stars_sort_runs_no_script_and_uses_the_filters_today():
    """Items 10 and scale: a Painless script per document computed its own naive "today";
    the sort now scores with the same `certified_until > today` clause as the filter."""
    import json

    body = build_search(SearchQuery(text="keo", sort="stars"), "idx", TODAY).to_dict()
    assert "script" not in json.dumps(body)
    ranked = body["query"]["bool"]["must"][0]["function_score"]
    assert ranked["boost_mode"] == "replace" and ranked["score_mode"] == "max"
    valid = {"range": {"certified_until": {"gt": "2026-11-22"}}}
    weights = {}
    for function in ranked["functions"]:
        clause = function["filter"]
        if "match_all" in clause:
            weights["other"] = function["weight"]
        else:
            assert valid in clause["bool"]["must"]
            level = next(c["term"]["stars"] for c in clause["bool"]["must"] if "term" in c)
            weights[level] = function["weight"]
    assert weights == {5: 5, 4: 4, 3: 3, "other": 1}
    assert body["sort"][:2] == ["_score", {"date_created": {"order": "desc"}}]
    filtered = build_search(SearchQuery(stars=4), "idx", TODAY).to_dict()
    stars_filter = filtered["query"]["bool"]["filter"][1]["bool"]["filter"][0]
    assert valid in stars_filter["bool"]["must"]


def test_parse_facets():
    empty = {"doc_count": 0, "levels": {"buckets": []}}
    aggs = {name: empty for name in ("group", "category", "province", "kind", "standard")}
    aggs["price"] = {
        "levels": {
            "buckets": [{"key": "0-100000", "doc_count": 2}, {"key": "1000000-", "doc_count": 0}]
        }
    }
    aggs["stars"] = {"valid": {"levels": {"buckets": [{"key": 4, "doc_count": 3}]}}}
    aggs["in_stock"] = {"levels": {"doc_count": 5}}
    facets = parse_facets(aggs)
    assert [(f.value, f.count) for f in facets["price"]] == [("0-100000", 2)]
    assert [(f.value, f.count) for f in facets["stars"]] == [(4, 3)]
    assert [(f.value, f.count) for f in facets["in_stock"]] == [(True, 5)]


def test_document_conversion():
    doc = {
        "product_id": 7,
        "title": "Nấm rơm",
        "exact": "nấm rơm đồng nai",
        "folded": "nam rom",
        "title_folded": "nam rom",
        "stars": 4,
        "certified_until": TODAY,
        "group_id": 1,
        "category_id": 3,
        "category_ids": ",1,2,3,",
        "province_code": 75,
        "producer_id": 2,
        "producer_name": "HTX",
        "producer_kind": "cooperative",
        "standards": ",haccp,vietgap,",
        "price": 90000,
        "in_stock": True,
        "is_public": True,
        "date_created": None,
    }
    source = to_es(doc)
    assert source["category_ids"] == [1, 2, 3]
    assert source["standards"] == ["haccp", "vietgap"]
    assert source["product_id"] == 7
    assert "suggest" not in source


def test_a_fuzzy_clause_forgives_a_typo_but_not_the_first_letter():
    body = build_search(SearchQuery(text="buoi da xnah"), "idx", TODAY).to_dict()
    alternatives = body["query"]["bool"]["must"][0]["bool"]["should"]
    fuzzy = [c["multi_match"] for c in alternatives if "fuzziness" in c["multi_match"]]
    assert fuzzy == [
        {
            "query": "buoi da xnah",
            "fields": ["title^3", "body"],
            "operator": "and",
            "fuzziness": "AUTO",
            "prefix_length": 1,
        }
    ]
    # cross_fields refuses fuzziness; it stays as it was, for the exact words.
    assert alternatives[0]["multi_match"]["type"] == "cross_fields"
    # Exact words still weigh more than anything fuzzy.
    assert body["query"]["bool"]["should"][0]["multi_match"]["fields"] == [
        "title.exact^6",
        "body.exact^2",
    ]


def test_a_phrase_suggester_asks_for_a_spelling_that_finds_something():
    body = build_search(SearchQuery(text="Mat ogn"), "idx", TODAY).to_dict()
    suggester = body["suggest"]["did_you_mean"]
    assert suggester["text"] == "mat ogn"
    phrase = suggester["phrase"]
    assert phrase["field"] == "body"
    assert phrase["direct_generator"] == [
        {"field": "body", "suggest_mode": "always", "prefix_length": 1, "min_word_length": 3}
    ]
    collate = phrase["collate"]
    assert collate["query"]["source"] == {
        "match": {"body": {"query": "{{suggestion}}", "operator": "and"}}
    }
    assert collate["prune"] is False
    assert "suggest" not in build_search(SearchQuery(text="!!"), "idx", TODAY).to_dict()


def test_parse_suggestion():
    response = {"suggest": {"did_you_mean": [{"text": "mat ogn", "options": []}]}}
    assert parse_suggestion(response, "mat ogn") is None
    response["suggest"]["did_you_mean"][0]["options"] = [{"text": "mat ong", "score": 0.3}]
    assert parse_suggestion(response, "mat ogn") == "mat ong"
    assert parse_suggestion(response, "mat ong") is None  # nothing to correct
    assert parse_suggestion({}, "mat ogn") is None


def test_terms_are_composed_before_splitting():
    """Issue 15, item 12: a decomposed "Nấm" was split into "na" and "m"."""
    import unicodedata

    from search.backends.base import terms

    assert terms(unicodedata.normalize("NFD", "Nấm rơm")) == ["nấm", "rơm"]
