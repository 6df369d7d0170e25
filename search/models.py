"""The database backend's index: one small row per product, for filters and facets.

The words live beside it: an FTS5 table `search_fts` on SQLite; `exact_vector` and
`folded_vector` tsvector columns with GIN indexes on PostgreSQL (migration 0002), and the
autocomplete's shorter texts in a table `search_suggest` on both (migration 0005,
search.backends.suggestions). Keeping long text out of this table keeps facet counting to
a scan of one covering index.
"""

import unicodedata

from django.db import models

from storefront.text import fold

# The columns facets are counted from, in the order of their covering index.
FACET_COLUMNS = (
    "group_id",
    "category_id",
    "province_code",
    "producer_kind",
    "in_stock",
    "price_range",
    "stars",
    "certified_until",
    "standards",
)
# What facets are counted from: the facet columns and the category trail. Every filter but
# the words and the producer is decided by these (search.backends.database._facets).
TALLY_COLUMNS = (*FACET_COLUMNS, "category_ids")
TALLY_SEPARATOR = "|"


def tally_key(document):
    """The tally columns of a document (a dict) as one string; `tally_values` reads it."""
    values = []
    for column in TALLY_COLUMNS:
        value = document.get(column)
        if isinstance(value, bool):
            value = int(value)
        values.append("" if value is None else str(value))
    return TALLY_SEPARATOR.join(values)


def tally_values(key):
    """The dict of tally columns `tally_key` wrote."""
    import datetime

    raw = dict(zip(TALLY_COLUMNS, key.split(TALLY_SEPARATOR), strict=True))
    row = {}
    for column, text in raw.items():
        if column in ("group_id", "category_id", "province_code", "stars"):
            row[column] = int(text) if text else None
        elif column == "in_stock":
            row[column] = text in ("1", "true", "True")
        elif column == "certified_until":
            row[column] = datetime.date.fromisoformat(text) if text else None
        else:
            row[column] = text
    return row


def suggestion_columns(title, others):
    """The autocomplete index's three texts for a product: its title as written, its title
    folded, and the other words (producer, province, categories) folded; lower case, NFC.
    Migration 0005 fills the same texts for documents indexed before it."""
    written = unicodedata.normalize("NFC", title).lower()
    rest = unicodedata.normalize("NFC", " ".join(w for w in others if w)).lower()
    return written, fold(written), fold(rest)


class ProductDocument(models.Model):
    """Only public products are indexed: a product taken off sale is removed, so no
    query needs an `is_public` test (which also keeps SQLite on the covering index)."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    title = models.CharField(max_length=255)
    stars = models.PositiveSmallIntegerField(null=True)
    certified_until = models.DateField(null=True)
    group_id = models.IntegerField(null=True)
    category_id = models.IntegerField(null=True)
    category_ids = models.CharField(max_length=255, blank=True)
    province_code = models.PositiveSmallIntegerField(null=True)
    producer_id = models.IntegerField(null=True)
    producer_name = models.CharField(max_length=200, blank=True)
    producer_kind = models.CharField(max_length=24, blank=True)
    standards = models.CharField(max_length=255, blank=True)
    price = models.BigIntegerField(null=True)
    price_range = models.CharField(max_length=16, blank=True)
    in_stock = models.BooleanField(default=False)
    date_created = models.DateTimeField(null=True)
    # The tally columns' values in one string (`tally_key`): facets are counted by one
    # GROUP BY on this column, read in order off its index (search.backends.database).
    tally = models.CharField(max_length=600, blank=True, default="")
    # A fingerprint of the whole document (`database.document_digest`): reindexing a product
    # whose document did not change (a stock count that stays above zero, a cancelled
    # order) writes nothing, so public pages keep their cache. NULL: indexed before it.
    digest = models.CharField(max_length=32, null=True)

    class Meta:
        indexes = [
            # Facets are counted off this index alone, in its order (no hashing, no sort).
            models.Index(fields=["tally"], name="searchdoc_tally"),
            # Sort orders: the index (plus the rowid) gives the order, so a page is read
            # straight off the index instead of sorting every match.
            models.Index(fields=["date_created"], name="searchdoc_newest"),
            models.Index(fields=["price"], name="searchdoc_price"),
            # The stars sort reads one level at a time, newest first (database._by_stars).
            models.Index(fields=["stars", "date_created"], name="searchdoc_stars_newest"),
            models.Index(fields=["province_code"], name="searchdoc_province"),
            models.Index(fields=["group_id"], name="searchdoc_group"),
        ]

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """A word of the index, folded to ASCII, and how many documents hold it: what a
    typo is corrected to (search.spelling)."""

    word = models.CharField(max_length=20, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class SearchWordVariant(models.Model):
    """A word with one or two of its letters deleted, pointing at the word: the typed
    word's own deletions find its near words here (see search.spelling)."""

    variant = models.CharField(max_length=20)
    word = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "word"], name="searchwordvariant_unique")
        ]

    def __str__(self):
        return f"{self.variant} -> {self.word}"


class DocumentWords(models.Model):
    """The distinct vocabulary words of one indexed document, so that replacing or
    removing it takes exactly those words off the counts. A plain id, not a foreign key:
    a deleted product's words must still be here when the index removes it."""

    product_id = models.IntegerField(primary_key=True)
    words = models.TextField()

    def __str__(self):
        return f"{self.product_id}: {self.words[:60]}"
