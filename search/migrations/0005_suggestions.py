"""The autocomplete's own index (issue 13): search.backends.suggestions.

SQLite: an FTS5 table with prefix indexes for words' first 1, 2 and 3 letters. PostgreSQL:
a table of one weighted tsvector per product, with a GIN index; a table of its own, not a
column of `search_productdocument`, so the rows that searches and facets read stay narrow
(and filling it rewrites no row there). Both are filled here from the documents
already indexed, so a deployed site needs no `search_rebuild` (a rebuild fills them too).
"""

import unicodedata

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_suggest USING fts5("
    "written, title, rest, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_suggest"]
POSTGRES_UP = [
    "CREATE TABLE IF NOT EXISTS search_suggest "
    "(product_id integer PRIMARY KEY, vector tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_suggest_vector ON search_suggest USING GIN (vector)",
]
POSTGRES_DOWN = ["DROP TABLE IF EXISTS search_suggest"]
# The same statements as search.backends.suggestions.write, kept here as they are today.
SQLITE_ROW = "INSERT INTO search_suggest(written, title, rest, rowid) VALUES (%s, %s, %s, %s)"
POSTGRES_ROW = (
    "INSERT INTO search_suggest(vector, product_id) VALUES ("
    "setweight(to_tsvector('simple', %s), 'C') "
    "|| setweight(to_tsvector('simple', %s), 'A') "
    "|| setweight(to_tsvector('simple', %s), 'B'), %s)"
)
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(value):
    """storefront.text.fold as it is today."""
    decomposed = unicodedata.normalize("NFKD", str(value).translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def columns(title, others):
    """search.models.suggestion_columns as it is today."""
    written = unicodedata.normalize("NFC", title).lower()
    rest = unicodedata.normalize("NFC", " ".join(w for w in others if w)).lower()
    return written, fold(written), fold(rest)


def rows(apps):
    """(written, title, rest, product id) for every indexed document: the texts
    search.documents.build gives, from what the documents hold (the title, the producer's
    name, the province and the category trail `category_ids`)."""
    document = apps.get_model("search", "ProductDocument")
    province = apps.get_model("places", "Province")
    category = apps.get_model("catalogue", "Category")
    places = dict(province.objects.values_list("code", "name"))
    names = {c.id: (c.name, c.name_en) for c in category.objects.only("id", "name", "name_en")}
    documents = document.objects.order_by("product_id").values_list(
        "product_id", "title", "producer_name", "province_code", "category_ids"
    )
    for pid, title, producer, code, trail in documents.iterator(chunk_size=2000):
        nodes = [names[int(i)] for i in (trail or "").split(",") if i and int(i) in names]
        others = [producer, places.get(code, ""), *(n for n, _ in nodes)]
        others += [en for _, en in nodes if en]
        yield (*columns(title, others), pid)


def fill(apps, schema_editor):
    sql = SQLITE_ROW if schema_editor.connection.vendor == "sqlite" else POSTGRES_ROW
    batch = []
    with schema_editor.connection.cursor() as cursor:
        for row in rows(apps):
            batch.append(row)
            if len(batch) >= 2000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def run(statements_by_vendor, then=None):
    def apply(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            return
        for sql in statements:
            schema_editor.execute(sql)
        if then:
            then(apps, schema_editor)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0038_product_newest_live"),
        ("places", "0001_initial"),
        ("search", "0004_facet_tally"),
    ]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}, then=fill),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
