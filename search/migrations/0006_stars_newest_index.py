"""The stars sort reads one star level at a time, newest first (issue 13): an index on
(stars, date_created) gives that order; the one on (stars, certified_until) it replaces
served only the stars filter, which the new one serves as well."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0005_suggestions")]

    operations = [
        migrations.RemoveIndex(model_name="productdocument", name="searchdoc_stars"),
        migrations.AddIndex(
            model_name="productdocument",
            index=models.Index(fields=["stars", "date_created"], name="searchdoc_stars_newest"),
        ),
    ]
