from django.db import migrations


def fill_regions(apps, schema_editor):
    from storefront.places.loader import REGIONS

    Province = apps.get_model("places", "Province")
    for region, codes in REGIONS.items():
        Province.objects.filter(code__in=codes, region="").update(region=region)


class Migration(migrations.Migration):
    dependencies = [("places", "0003_province_region")]
    operations = [migrations.RunPython(fill_regions, migrations.RunPython.noop)]
