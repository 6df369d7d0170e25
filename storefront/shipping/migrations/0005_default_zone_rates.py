from django.db import migrations

# Starting rates staff can change in the admin: typical courier prices for a parcel of a
# few kilograms in 2025, and free shipping above 500.000 ₫ of one producer's goods.
DEFAULT_RATES = {"local": 20000, "regional": 30000, "national": 40000}
FREE_FROM = 500000


def create_rates(apps, schema_editor):
    ZoneRate = apps.get_model("shipping", "ZoneRate")
    for zone, fee in DEFAULT_RATES.items():
        ZoneRate.objects.get_or_create(zone=zone, defaults={"fee": fee, "free_from": FREE_FROM})


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_zonerate")]
    operations = [migrations.RunPython(create_rates, migrations.RunPython.noop)]
