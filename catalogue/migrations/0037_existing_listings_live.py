"""Products and certificates from before the seller centre were entered by staff: they stay
on sale (LIVE) and keep their badges (VERIFIED). New ones start as drafts / pending."""

from django.db import migrations


def forwards(apps, schema_editor):
    apps.get_model("catalogue", "Product").objects.update(listing_state="live")
    apps.get_model("catalogue", "Certificate").objects.update(review_state="verified")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0036_certificate_rejection_reason_and_more")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
