from django.db import migrations


def load(apps, schema_editor):
    from storefront.places.loader import load_places

    load_places(apps.get_model("places", "Province"), apps.get_model("places", "Ward"))


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
