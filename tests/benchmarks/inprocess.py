"""The in-process half of the page benchmark, run by tests/benchmarks/pages.py in a
subprocess with the shop's settings and database: the pages' URLs, a signed-in visitor's
session cookie, and each page's queries per request (Django's test client and
CaptureQueriesContext, warm: the second of two requests). Prints one JSON object.

    DATABASE_URL=... python -m tests.benchmarks.inprocess ours|stock
"""

import json
import os
import sys
from urllib.parse import urlsplit

import django


def our_pages():
    from wagtail.models import Page

    from catalogue.models import Category, Producer, Product
    from cms.news import NewsPage
    from fairs.pages import FairPage

    food = Category.objects.get(code="I")
    product = (
        Product.objects.filter(is_public=True, listing_state="live", producer__verified=True)
        .exclude(images=None)
        .order_by("id")
        .first()
    )
    producer = Producer.objects.filter(verified=True).order_by("id").first()
    news = NewsPage.objects.live().public().exact_type(NewsPage).order_by("id").first()
    fair = FairPage.objects.live().public().order_by("id").first()
    assert isinstance(news, Page) and fair is not None
    return {
        "home": "/",
        "catalogue": "/shop/catalogue/",
        "browse": food.get_absolute_url(),
        "multi-filter": (
            f"/shop/catalogue/?stars=4&province=dong-nai&group={food.id}&sort=price_asc"
        ),
        "search": "/shop/search/?q=mat+ong",
        "product": product.get_absolute_url(),
        "producer": producer.get_absolute_url(),
        # Paths only: with several Sites, Wagtail's `url` carries the site's host.
        "news": urlsplit(news.full_url).path,
        "fair": urlsplit(fair.full_url).path,
        "basket": "/shop/basket/",
    }


def stock_pages():
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    first = Category.objects.order_by("path").first()
    product = Product.objects.order_by("id").first()
    return {
        "catalogue": "/catalogue/",
        "browse": first.get_absolute_url(),
        "search": "/search/?q=mat+ong",
        "product": product.get_absolute_url(),
        "basket": "/basket/",
    }


def signed_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-buyer", defaults={"email": "bench-buyer@example.com"}
    )
    client = Client()
    client.force_login(user)
    return client


def count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return {"status": response.status_code, "queries": len(ctx.captured_queries)}


def main(shop):
    default = "storefront.settings" if shop == "ours" else "tests.benchmarks.stock_oscar.settings"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)
    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    pages = our_pages() if shop == "ours" else stock_pages()
    signed_in = signed_in_client()
    anonymous = Client()
    out = {
        "pages": pages,
        "session": signed_in.cookies[settings.SESSION_COOKIE_NAME].value,
        "anonymous": {name: count(anonymous, url) for name, url in pages.items()},
        "signed_in": {name: count(signed_in, url) for name, url in pages.items()},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
