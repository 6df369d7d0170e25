"""What the search engines index about a product: one flat document, built in bulk.

Both backends index the same fields, so the contract tests can hold them to the same
answers. Validity of the OCOP stars is decided at query time (`certified_until` > today).
"""

import unicodedata

from django.db.models import Prefetch

from catalogue.models import Category, Product
from search.models import suggestion_columns
from storefront.text import fold

# Price ranges (VND) offered as a facet; the last one is open-ended.
PRICE_RANGES = [
    ("0-100000", 0, 100_000),
    ("100000-200000", 100_000, 200_000),
    ("200000-500000", 200_000, 500_000),
    ("500000-1000000", 500_000, 1_000_000),
    ("1000000-", 1_000_000, None),
]


def products_for_indexing(ids=None):
    qs = (
        Product.objects.for_sale()
        .select_related("producer__province")
        .prefetch_related(
            "stockrecords",
            Prefetch(
                "children",
                queryset=Product.objects.filter(is_public=True).prefetch_related("stockrecords"),
            ),
            "standards",
            Prefetch(
                "categories",
                queryset=Category.objects.only("id", "path", "depth", "name", "name_en"),
            ),
        )
        .order_by("id")
    )
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs


def build(product, categories_by_path):
    """The document for one product. `categories_by_path` maps path -> Category."""
    producer = product.producer
    cats = list(product.categories.all())
    nodes = {}
    for cat in cats:
        for depth in range(1, cat.depth + 1):
            node = categories_by_path.get(cat.path[: 4 * depth])
            if node is not None:
                nodes[node.id] = node
    group = categories_by_path.get(cats[0].path[:4]) if cats else None
    records = list(product.stockrecords.all())
    if product.is_parent:
        # A product sold in options (hũ 250 g / 500 g): from the cheapest option.
        records = [r for child in product.children.all() for r in child.stockrecords.all()]
        records.sort(key=lambda r: (r.price is None, r.price))
    price = int(records[0].price) if records and records[0].price is not None else None
    in_stock = any((r.num_in_stock or 0) - (r.num_allocated or 0) > 0 for r in records)
    place = producer.province.name if producer else ""
    others = [
        producer.name if producer else "",
        place,
        *(n.name for n in nodes.values()),
        *(n.name_en for n in nodes.values() if n.name_en),
    ]
    words = [
        product.title,
        producer.name if producer else "",
        place,
        " ".join(n.name for n in nodes.values()),
        " ".join(n.name_en for n in nodes.values() if n.name_en),
        product.description or "",
    ]
    # NFC: a title typed in decomposed form matches a query typed composed (issue 15, 12).
    exact = unicodedata.normalize("NFC", " ".join(w for w in words if w).lower())
    price_range = ""
    if price is not None:
        for key, low, high in PRICE_RANGES:
            if price >= low and (high is None or price < high):
                price_range = key
                break
    return {
        "product_id": product.id,
        "title": unicodedata.normalize("NFC", product.title),
        "exact": exact,
        "folded": fold(exact),
        # The autocomplete's words: the title, and the producer, province and categories
        # (not the description); search.backends.database.suggest_products.
        "suggest": suggestion_columns(product.title, others),
        "stars": product.certified_stars,
        "certified_until": product.certified_until,
        "group_id": group.id if group else None,
        "category_id": cats[0].id if cats else None,
        "category_ids": "," + ",".join(str(i) for i in sorted(nodes)) + "," if nodes else "",
        "province_code": producer.province_id if producer else None,
        "producer_id": producer.id if producer else None,
        "producer_name": producer.name if producer else "",
        "producer_kind": producer.kind if producer else "",
        "standards": "," + ",".join(sorted(s.code for s in product.standards.all())) + ","
        if product.standards.all()
        else "",
        "price": price,
        "price_range": price_range,
        "in_stock": in_stock,
        "is_public": product.is_public,
        "date_created": product.date_created,
    }


def iter_documents(ids=None, chunk=2000):
    categories_by_path = {
        c.path: c for c in Category.objects.only("id", "path", "name", "name_en", "depth")
    }
    qs = products_for_indexing(ids)
    last = 0
    while True:
        batch = list(qs.filter(id__gt=last)[:chunk])
        if not batch:
            return
        for product in batch:
            yield build(product, categories_by_path)
        last = batch[-1].id


class Catalogue:
    """Every document, as an iterable that can be read more than once (the Elasticsearch
    fallback rebuilds the database's index and the cluster's from it), and the documents of
    given products (a rebuild indexes again what changed while it ran)."""

    def __iter__(self):
        return iter_documents()

    def for_ids(self, ids):
        return list(iter_documents(sorted(ids)))
