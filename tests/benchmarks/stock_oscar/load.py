"""Migrate the stock Oscar shop's database and load it with `--products` products, each
with a stock record and a category, titled and priced like our demo catalogue's.

    DJANGO_SETTINGS_MODULE=tests.benchmarks.stock_oscar.settings \\
    DATABASE_URL=sqlite:///var/bench/stock-10000.sqlite3 \\
    python -m tests.benchmarks.stock_oscar.load --products 10000

Running it again adds only what is missing.
"""

import argparse
import os
import random
import time
from decimal import Decimal

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.benchmarks.stock_oscar.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    made = load(args.products)
    print(f"stock Oscar: {made} products added in {time.perf_counter() - started:.1f}s")


def templates():
    """(title, top-level group, price) for every product of the hand-written demo."""
    from catalogue.demo.data import PRODUCTS, SIZES

    rows = []
    for specs in PRODUCTS.values():
        for title, code, price, _standards, sizes, _description in specs:
            for label, factor in SIZES[sizes]:
                name = f"{title} – {label}" if label else title
                rows.append((name, code.split(".")[0], Decimal(round(price * factor, -3))))
    return rows


def load(count, batch=2000):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

    get_user_model().objects.get_or_create(
        username="bench", defaults={"email": "bench@example.com"}
    )
    existing = Product.objects.count()
    if existing >= count:
        return 0
    rows = templates()
    kind = ProductClass.objects.get_or_create(
        name="Sản phẩm OCOP", defaults={"requires_shipping": True, "track_stock": True}
    )[0]
    partner = Partner.objects.get_or_create(name="Chợ OCOP")[0]
    categories = {}
    for group in sorted({g for _t, g, _p in rows}):
        found = Category.objects.filter(name=f"Nhóm {group}").first()
        categories[group] = found or Category.add_root(name=f"Nhóm {group}")
    rng = random.Random(2025)
    for offset in range(existing, count, batch):
        n = min(batch, count - offset)
        picks = [rows[(offset + i) % len(rows)] for i in range(n)]
        with transaction.atomic():
            new = []
            for i, (title, _group, _price) in enumerate(picks):
                name = f"{title} · lô {offset + i + 1}"
                new.append(
                    Product(
                        title=name,
                        slug=slugify(name, allow_unicode=False)[:255] or "san-pham",
                        product_class=kind,
                        structure=Product.STANDALONE,
                        is_public=True,
                    )
                )
            Product.objects.bulk_create(new, batch_size=1000)
            ProductCategory.objects.bulk_create(
                [
                    ProductCategory(product_id=p.id, category_id=categories[g].id)
                    for p, (_t, g, _p) in zip(new, picks, strict=True)
                ],
                batch_size=1000,
            )
            StockRecord.objects.bulk_create(
                [
                    StockRecord(
                        product_id=p.id,
                        partner=partner,
                        partner_sku=f"bench-{p.id}",
                        price_currency="VND",
                        price=price,
                        num_in_stock=rng.choice([0, 5, 20, 80]),
                    )
                    for p, (_t, _g, price) in zip(new, picks, strict=True)
                ],
                batch_size=1000,
            )
    return count - existing


if __name__ == "__main__":
    main()
