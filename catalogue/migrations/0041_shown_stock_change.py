"""The trigger that tells the page cache when an updated stock record changes what public
pages show (catalogue/shown_stock.py): its price, product, partner, SKU, currency, low-stock
threshold or creation date, or its stock level counted as `shown_level` counts it (0, 1 ..
10, more). Only `num_in_stock`, `num_allocated` within the same level and `date_updated`
change silently. tests/integration/test_shown_stock.py checks every column."""

from django.db import migrations, models

FEW_LEFT = 10  # catalogue/shown_stock.py

COMPARED = [
    "id",
    "product_id",
    "partner_id",
    "partner_sku",
    "price_currency",
    "price",
    "low_stock_threshold",
    "date_created",
]


def level(row, least, greatest):
    net = f"COALESCE({row}.num_in_stock, 0) - COALESCE({row}.num_allocated, 0)"
    return f"{greatest}(0, {least}({net}, {FEW_LEFT + 1}))"


def changed(distinct, least, greatest):
    parts = [f"OLD.{c} {distinct} NEW.{c}" for c in COMPARED]
    parts.append(f"{level('OLD', least, greatest)} {distinct} {level('NEW', least, greatest)}")
    return " OR ".join(parts)


SQLITE = [
    f"""CREATE TRIGGER catalogue_shown_stock AFTER UPDATE ON partner_stockrecord
    FOR EACH ROW WHEN {changed("IS NOT", "MIN", "MAX")}
    BEGIN INSERT INTO catalogue_shownstockchange (id) VALUES (NULL); END""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS catalogue_shown_stock"]
POSTGRES = [
    """CREATE FUNCTION catalogue_shown_stock() RETURNS trigger AS $$
    BEGIN INSERT INTO catalogue_shownstockchange DEFAULT VALUES; RETURN NULL; END
    $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER catalogue_shown_stock AFTER UPDATE ON partner_stockrecord
    FOR EACH ROW WHEN ({changed("IS DISTINCT FROM", "LEAST", "GREATEST")})
    EXECUTE FUNCTION catalogue_shown_stock()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS catalogue_shown_stock ON partner_stockrecord",
    "DROP FUNCTION IF EXISTS catalogue_shown_stock()",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"No shown-stock trigger for {vendor}: see this migration.")
        for sql in statements[vendor]:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0040_product_by_producer"),
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [
        migrations.CreateModel(
            name="ShownStockChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
            ],
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
