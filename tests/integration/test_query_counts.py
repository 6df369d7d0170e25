"""Listing pages make a fixed number of queries whatever the page size (at most 12);
the product page at most 20. The home page, arranged from blocks, is pinned in
tests/integration/cms/test_pages.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Category
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

# Every test here counts what rendering a page costs: the page cache is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

BROWSE_LIMIT = 12
PRODUCT_LIMIT = 20


def make_products(n, producer):
    for i in range(n):
        CertificateFactory(product__producer=producer, stars=3 + i % 3)


def count(client, url):
    """Queries of a warm request: process-wide caches (content types, Wagtail's site
    root paths) are filled by the first request and do not depend on the data."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def browse_urls(producer):
    return [
        "/shop/catalogue/",
        "/shop/catalogue/?stars=4&province=dong-nai",
        "/shop/catalogue/stars/4/",
        "/shop/catalogue/province/dong-nai/",
        Category.objects.get(code="I").get_absolute_url(),
        producer.get_absolute_url(),
        "/shop/catalogue/producers/",
    ]


def test_listing_queries_do_not_grow_with_the_page(client, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 30
    producer = ProducerFactory()
    make_products(3, producer)
    small = {url: count(client, url) for url in browse_urls(producer)}
    make_products(27, producer)
    for _ in range(5):
        ProducerFactory()
    large = {url: count(client, url) for url in browse_urls(producer)}
    assert large == small
    assert max(large.values()) <= BROWSE_LIMIT, large


def test_product_page_queries_are_bounded(client):
    producer = ProducerFactory()
    make_products(12, producer)
    product = producer.products.first()
    n = count(client, product.get_absolute_url())
    assert n <= PRODUCT_LIMIT
    ProductFactory(producer=producer)
    assert count(client, product.get_absolute_url()) == n
