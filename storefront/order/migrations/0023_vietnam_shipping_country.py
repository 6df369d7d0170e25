from django.db import migrations


def create_vietnam(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội chủ nghĩa Việt Nam",
            "is_shipping_country": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0022_order_language_order_paid_at_order_payment_due_and_more"),
        ("address", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_vietnam, migrations.RunPython.noop)]
