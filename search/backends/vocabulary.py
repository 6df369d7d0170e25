"""The database backend's vocabulary: the index's words with how many documents hold each,
kept current by every write of the index, and the delete table that finds near words.

Each indexed document's distinct words are kept beside it (`DocumentWords`), so that
replacing or removing the document takes exactly its words off the counts; a word whose
count falls to nought stays (with its deletions) until the next rebuild, and is never
offered. Counts change in word order, so two writers meet the same rows in the same
order and cannot deadlock.
"""

from collections import Counter

from django.db import connection

from search import spelling
from search.models import DocumentWords

CHUNK = 500  # parameters per statement, well under SQLite's limit
MAX_ROWS = 5000  # variants looked up for one query: a bound, never reached by real words


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def forget(ids):
    """Remove the stored words of these documents; returns how often each word went."""
    gone = Counter()
    for chunk in _chunks(ids):
        rows = DocumentWords.objects.filter(product_id__in=chunk)
        for words in rows.values_list("words", flat=True):
            gone.update(words.split())
        rows.delete()
    return gone


def learn(docs, forgotten):
    """Store the words of these new documents and count them in, net of `forgotten`."""
    rows, added = [], Counter()
    for doc in docs:
        words = spelling.vocabulary_words(doc["folded"])
        added.update(words)
        rows.append(DocumentWords(product_id=doc["product_id"], words=" ".join(sorted(words))))
    DocumentWords.objects.bulk_create(rows, batch_size=CHUNK)
    change = Counter(added)
    change.subtract(forgotten)
    apply(change)


def apply(change):
    more = sorted((w, n) for w, n in change.items() if n > 0)
    fewer = sorted((w, -n) for w, n in change.items() if n < 0)
    with connection.cursor() as cursor:
        for chunk in _chunks(more):
            words = [w for w, _n in chunk]
            marks = ",".join(["%s"] * len(words))
            cursor.execute(f"SELECT word FROM search_searchword WHERE word IN ({marks})", words)
            known = {row[0] for row in cursor.fetchall()}
            cursor.executemany(
                "INSERT INTO search_searchword (word, documents) VALUES (%s, %s) "
                "ON CONFLICT (word) DO UPDATE "
                "SET documents = search_searchword.documents + excluded.documents",
                chunk,
            )
            variants = sorted(
                (variant, word)
                for word in words
                if word not in known
                for variant in spelling.deletions(word)
            )
            cursor.executemany(
                "INSERT INTO search_searchwordvariant (variant, word) VALUES (%s, %s) "
                "ON CONFLICT (variant, word) DO NOTHING",
                variants,
            )
        cursor.executemany(
            "UPDATE search_searchword SET documents = "
            "CASE WHEN documents > %s THEN documents - %s ELSE 0 END WHERE word = %s",
            [(n, n, w) for w, n in fewer],
        )


def clear():
    with connection.cursor() as cursor:
        for table in ("search_documentwords", "search_searchwordvariant", "search_searchword"):
            cursor.execute(f"DELETE FROM {table}")


def lookup(strings):
    """A spelling.Vocabulary of the words reachable from these strings (one query)."""
    strings = sorted(strings)
    if not strings:
        return spelling.Vocabulary([])
    marks = ",".join(["%s"] * len(strings))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.variant, w.word, w.documents FROM search_searchwordvariant AS v "
            "JOIN search_searchword AS w ON w.word = v.word "
            f"WHERE v.variant IN ({marks}) AND w.documents > 0 LIMIT {MAX_ROWS}",
            strings,
        )
        return spelling.Vocabulary(cursor.fetchall())
