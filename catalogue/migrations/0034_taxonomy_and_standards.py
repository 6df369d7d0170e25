from django.db import migrations


def load(apps, schema_editor):
    from catalogue.taxonomy import load_standards, load_taxonomy

    load_taxonomy(apps.get_model("catalogue", "Category"))
    load_standards(apps.get_model("catalogue", "Standard"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_standard_category_name_en_product_certified_stars_and_more")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
