"""The database backend's autocomplete: products whose words start with the typed words.

Its own small index, beside the search index (migration 0005): the title as written, the
title folded, and the producer, province and categories folded; no description. SQLite
keeps them in the FTS5 table `search_suggest` (with prefix indexes, so "b" or "keo d" reads
one short list instead of merging every word that starts with "b" or "d"); PostgreSQL in a
table `search_suggest` of one tsvector per product, the three texts as weights A (title
folded), B (the rest) and C (title as written), with a GIN index.

Ranking a few thousand matches by relevance took 60-360 ms at 100,000 products (issue 13),
so the order is a fixed list of tiers instead, each read newest first and only as far as
the page needs:

  0. the words as typed, accents and all, in the title, the last one maybe half typed
     (only when the words carry accents: "trà" puts Trà xanh before Khô cá tra)
  1. every word whole, in the title
  2. every word whole, in the title, producer, province or categories
  3. the last word as the start of a word (half typed), in the title
  4. the last word half typed, anywhere

Every word must match in each tier; a product is listed once, in its first tier. Only
public products are indexed (search.models.ProductDocument), so there is nothing else to
filter; an expired certificate does not hide a product.
"""

from django.db import connection

from search.backends.base import terms as split_terms
from storefront.text import fold

# Where each tier looks: FTS5 columns (SQLite) and tsvector weights (PostgreSQL).
WRITTEN, TITLE, ANYWHERE = ("written", "C"), ("title", "A"), ("{title rest}", "AB")
TIERS = (  # (where, the last word may be half typed)
    (WRITTEN, True),
    (TITLE, False),
    (ANYWHERE, False),
    (TITLE, True),
    (ANYWHERE, True),
)

# PostgreSQL: a tier's newest matches. Given `LIMIT 6`, the planner walks the primary key
# backwards and tests each row, which is quick when matches are many and reads every row
# (200 ms at 100k) when a word is rare or absent, which it cannot tell from its statistics.
# So the walk is capped to the newest NEWEST_WINDOW documents, and only when they hold
# fewer than n matches are all matches taken from the GIN index (few, since the newest
# held so few) and sorted: the second branch is not run otherwise (a one-time filter).
NEWEST_WINDOW = 1000
POSTGRES_TIER = """
WITH newest AS MATERIALIZED (
    SELECT product_id FROM (
        SELECT product_id, vector FROM search_suggest
        ORDER BY product_id DESC LIMIT %(window)s
    ) AS recent
    WHERE vector @@ to_tsquery('simple', %(query)s)
    ORDER BY product_id DESC LIMIT %(n)s
)
SELECT product_id FROM newest
UNION ALL
SELECT product_id FROM (
    SELECT product_id FROM (
        SELECT product_id FROM search_suggest
        WHERE vector @@ to_tsquery('simple', %(query)s)
        OFFSET 0
    ) AS matched
    WHERE (SELECT count(*) FROM newest) < %(n)s
    ORDER BY product_id DESC LIMIT %(n)s
) AS older
"""


def suggest(text, limit):
    """[product id], at most `limit`, best first."""
    typed = split_terms(text)
    if not typed or limit <= 0:
        return []
    folded = [fold(t) for t in typed]
    found = []
    for tier, (where, prefix) in enumerate(TIERS):
        if tier == 0 and typed == folded:
            continue  # no accents typed: no spelling to prefer
        words = typed if where is WRITTEN else folded
        # Enough rows that, after those already found, `limit` new ones are there if any.
        for pid in _tier(words, where, prefix, limit + len(found)):
            if pid not in found:
                found.append(pid)
        if len(found) >= limit:
            break
    return found[:limit]


def _tier(words, where, prefix, n):
    column, weights = where
    last = "*" if prefix else ""
    if connection.vendor == "postgresql":
        # 'keo:A & d:*A': every word, with this weight (this part of the text).
        tsquery = " & ".join(f"{w}:{last}{weights}" for w in words)
        sql = POSTGRES_TIER
        params = {"query": tsquery, "n": n, "window": NEWEST_WINDOW}
    else:
        # 'title : "keo" AND title : "d"*'; FTS5 reads its rowids (product ids) backwards
        # and stops after n.
        phrases = [f'{column} : "{w}"' for w in words]
        phrases[-1] += last
        sql = (
            "SELECT rowid FROM search_suggest WHERE search_suggest MATCH %s "
            "ORDER BY rowid DESC LIMIT %s"
        )
        params = [" AND ".join(phrases), n]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # On PostgreSQL the newest matches may come twice (both branches): keep the order.
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))


# --- writing the index (called by DatabaseBackend inside its transactions) ----------------


def write(cursor, docs):
    """Index these documents (not yet in the autocomplete index)."""
    rows = [(*d["suggest"], d["product_id"]) for d in docs]
    if connection.vendor == "postgresql":
        cursor.executemany(
            "INSERT INTO search_suggest(vector, product_id) VALUES ("
            "setweight(to_tsvector('simple', %s), 'C') "
            "|| setweight(to_tsvector('simple', %s), 'A') "
            "|| setweight(to_tsvector('simple', %s), 'B'), %s)",
            rows,
        )
    else:
        cursor.executemany(
            "INSERT INTO search_suggest(written, title, rest, rowid) VALUES (%s, %s, %s, %s)",
            rows,
        )


def delete(cursor, ids):
    if ids:
        marks = ",".join(["%s"] * len(ids))
        column = "product_id" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(f"DELETE FROM search_suggest WHERE {column} IN ({marks})", list(ids))


def clear(cursor):
    cursor.execute("DELETE FROM search_suggest")
