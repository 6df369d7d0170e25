"""A fingerprint stored with each search document: reindexing a product whose document
did not change writes nothing (issue 13: a stock save or a cancelled order kept emptying
the page cache). Nullable, so adding it rewrites no row; documents indexed before it are
written again the next time their product is saved."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0006_stars_newest_index")]

    operations = [
        migrations.AddField(
            model_name="productdocument",
            name="digest",
            field=models.CharField(max_length=32, null=True),
        ),
    ]
