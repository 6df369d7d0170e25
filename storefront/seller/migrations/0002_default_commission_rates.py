"""Starting commission rates per producer kind; staff change them in the admin."""

from django.db import migrations

RATES = {"enterprise": "5.00", "cooperative": "3.00", "cooperative_group": "2.00", "household": "2.00"}


def forwards(apps, schema_editor):
    CommissionRate = apps.get_model("seller", "CommissionRate")
    for kind, percent in RATES.items():
        CommissionRate.objects.get_or_create(kind=kind, defaults={"percent": percent})


class Migration(migrations.Migration):
    dependencies = [("seller", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
