from django.db import migrations

SQLITE_UP = [
    # The table tokenizer keeps accents; the `folded` column is folded by us (đ -> d too,
    # which SQLite's remove_diacritics does not do).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "exact, folded, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES_UP = [
    # Two vectors, so the rank can weigh an as-written match above a folded one.
    "ALTER TABLE search_productdocument ADD COLUMN IF NOT EXISTS exact_vector tsvector",
    "ALTER TABLE search_productdocument ADD COLUMN IF NOT EXISTS folded_vector tsvector",
    "CREATE INDEX IF NOT EXISTS searchdoc_exact_vector ON search_productdocument "
    "USING GIN (exact_vector)",
    "CREATE INDEX IF NOT EXISTS searchdoc_folded_vector ON search_productdocument "
    "USING GIN (folded_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS searchdoc_folded_vector",
    "DROP INDEX IF EXISTS searchdoc_exact_vector",
    "ALTER TABLE search_productdocument DROP COLUMN IF EXISTS folded_vector",
    "ALTER TABLE search_productdocument DROP COLUMN IF EXISTS exact_vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
