"""Facets counted by one GROUP BY on a precomputed key (issue 13): the tally columns in one
string, `search.models.tally_key`, filled here for documents already indexed."""

from django.db import migrations, models

COLUMNS = [
    "COALESCE(CAST(group_id AS TEXT), '')",
    "COALESCE(CAST(category_id AS TEXT), '')",
    "COALESCE(CAST(province_code AS TEXT), '')",
    "COALESCE(producer_kind, '')",
    "CASE WHEN in_stock THEN '1' ELSE '0' END",
    "COALESCE(price_range, '')",
    "COALESCE(CAST(stars AS TEXT), '')",
    "COALESCE(CAST(certified_until AS TEXT), '')",
    "COALESCE(standards, '')",
    "COALESCE(category_ids, '')",
]
FILL = "UPDATE search_productdocument SET tally = " + " || '|' || ".join(COLUMNS)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0037_existing_listings_live"),
        ("search", "0003_vocabulary"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="productdocument", name="searchdoc_facets"),
        migrations.AddField(
            model_name="productdocument",
            name="tally",
            field=models.CharField(blank=True, default="", max_length=600),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="productdocument",
            index=models.Index(fields=["tally"], name="searchdoc_tally"),
        ),
    ]
