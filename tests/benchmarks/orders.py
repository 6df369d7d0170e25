"""Orders placed at a steady rate while tests/benchmarks/pages.py loads a page: the
"orders" visitor kind, an anonymous visitor of the cached shop on a promotion day.

Each order is a real one (storefront/order/services.py: the basket, the stock locked and
allocated, the order and its parcel), one unit of a product picked at random from those
in stock, by a new buyer each time (the open-orders-per-phone limit). Prints one JSON
object: orders placed, refused, and how many of them moved the page cache's version.

    DATABASE_URL=... python -m tests.benchmarks.orders RATE SECONDS
"""

import json
import os
import random
import sys
import time

import django


def main(rate, seconds):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    django.setup()
    from django.db.models import F
    from django.db.models.functions import Coalesce
    from oscar.apps.basket.models import Basket
    from oscar.core.loading import get_class

    from catalogue.models import Product
    from storefront import pagecache
    from storefront.order import services
    from storefront.order.stock import OutOfStock
    from storefront.places.models import Province, Ward

    Selector = get_class("partner.strategy", "Selector")
    in_stock = list(
        Product.objects.browsable()
        .filter(
            structure=Product.STANDALONE,
            stockrecords__num_in_stock__gt=Coalesce(F("stockrecords__num_allocated"), 0),
        )
        .values_list("pk", flat=True)
    )
    province = Province.objects.get(pk=79)
    ward = Ward.objects.filter(province=province).order_by("code").first()
    rng = random.Random(os.getpid())
    placed = refused = moves = 0
    deadline = time.monotonic() + seconds
    due = time.monotonic()
    while time.monotonic() < deadline:
        product = Product.objects.get(pk=rng.choice(in_stock))
        basket = Basket.objects.create()
        basket.strategy = Selector().strategy()
        basket.add_product(product, 1)
        buyer = services.Buyer(
            name="Khách hội chợ",
            phone=f"+8498{rng.randrange(10**7):07d}",
            email="khach@example.vn",
            street="1 Lê Duẩn",
            ward=ward,
            province=province,
        )
        version = pagecache.current_version()
        try:
            services.place_order(basket, buyer, "cod")
            placed += 1
        except (OutOfStock, services.OrderRefused):
            refused += 1
        moves += pagecache.current_version() != version
        due += 1 / rate
        time.sleep(max(0.0, due - time.monotonic()))
    json.dump({"placed": placed, "refused": refused, "version_moves": moves}, sys.stdout)


if __name__ == "__main__":
    main(float(sys.argv[1]), float(sys.argv[2]))
