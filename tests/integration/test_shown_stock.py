"""Orders that leave plenty in stock keep the page cache; a change a page shows moves it.

Public pages show "in stock", "only N left" (N <= FEW_LEFT) or sold out, never a plentiful
stock's exact count (catalogue/shown_stock.py). A database trigger tells the write watcher
when an updated stock record changed what pages show (storefront/pagecache.py). These run
on SQLite and, in CI's second run, on PostgreSQL.
"""

import importlib
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from oscar.apps.partner.models import Partner, StockRecord

from catalogue.shown_stock import FEW_LEFT
from storefront import pagecache
from storefront.order import services, stock
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer

pytestmark = pytest.mark.django_db
PLENTY = FEW_LEFT + 15  # an order takes at most OCOP_MAX_UNITS_PER_PRODUCT (20)


@pytest.fixture
def product():
    producer = ProducerFactory(name="HTX Nấm rơm Xuân Lộc")
    product = CertificateFactory(
        product__title="Nấm rơm sạch Đồng Nai",
        product__producer=producer,
        product__stock__num_in_stock=PLENTY,
        stars=4,
    ).product
    return product


def public_urls(product):
    return [
        "/",
        "/shop/catalogue/",
        "/shop/catalogue/?in_stock=1",
        product.categories.first().get_absolute_url(),
        "/shop/catalogue/stars/4/",
        product.get_absolute_url(),
        product.producer.get_absolute_url(),
        "/shop/search/?q=nam+rom",
    ]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def order(product, quantity=1):
    return services.place_order(basket_with((product, quantity)), buyer(), "cod")


def available(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock - (record.num_allocated or 0)


def test_an_order_that_leaves_plenty_keeps_every_cached_page(product):
    client = Client()
    urls = public_urls(product)
    for url in urls:
        fetch(client, url)
    version = pagecache.current_version()
    order(product, 2)
    assert available(product) == PLENTY - 2
    assert pagecache.current_version() == version
    for url in urls:
        assert fetch(client, url)["X-Page-Cache"] == "hit", url


def test_a_plentiful_stock_shows_no_count_and_a_few_left_do(product):
    client = Client()
    page = fetch(client, product.get_absolute_url()).content.decode()
    assert '<p class="stock">Còn hàng</p>' in page
    order(product, PLENTY - FEW_LEFT - 1)  # FEW_LEFT + 1 left: still plenty
    page = fetch(client, product.get_absolute_url())
    assert page["X-Page-Cache"] == "hit" and "Chỉ còn" not in page.content.decode()
    order(product, 1)  # FEW_LEFT left
    page = fetch(client, product.get_absolute_url()).content.decode()
    assert f'<p class="stock">Chỉ còn {FEW_LEFT} sản phẩm</p>' in page
    assert f'max="{FEW_LEFT}"' in page
    order(product, 1)  # each sale from here on shows
    page = fetch(client, product.get_absolute_url()).content.decode()
    assert f"Chỉ còn {FEW_LEFT - 1} sản phẩm" in page


def test_the_last_unit_sold_leaves_the_cards_and_the_in_stock_filter(product):
    client = Client()
    for url in ("/shop/catalogue/", "/shop/catalogue/?in_stock=1"):
        assert product.title in fetch(client, url).content.decode()
    record = product.stockrecords.get()
    with transaction.atomic():
        stock.allocate({record.pk: available(product)}, {record.pk: product.title})
    assert "Hết hàng" in fetch(client, "/shop/catalogue/").content.decode()
    assert product.title not in fetch(client, "/shop/catalogue/?in_stock=1").content.decode()


def test_a_cancelled_order_puts_a_sold_out_product_back_in_the_in_stock_filter(product):
    client = Client()
    order(product, 20)
    placed = order(product, available(product))
    assert product.title not in fetch(client, "/shop/catalogue/?in_stock=1").content.decode()
    services.cancel(placed, note="Khách đổi ý")
    assert product.title in fetch(client, "/shop/catalogue/?in_stock=1").content.decode()


def test_pages_are_the_same_whatever_the_plentiful_stock(product, settings):
    """What makes skipping the bump exact: rendered afresh, every public page is the same
    byte for byte with 40 units or 39."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False
    client = Client()
    urls = public_urls(product)
    before = {url: fetch(client, url).content for url in urls}
    StockRecord.objects.filter(product=product).update(num_in_stock=PLENTY - 1)
    for url in urls:
        assert fetch(client, url).content == before[url], url


def raw_update(record, column, value):
    table = StockRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', [value, record.pk])


def changed_value(record, field):
    other = ProductFactory()
    return {
        "id": record.pk + 1000,
        "product_id": other.pk,
        "partner_id": Partner.objects.create(name="Đối tác khác").pk,
        "partner_sku": "SKU-KHAC",
        "price_currency": "USD",
        "price": Decimal("1"),
        "low_stock_threshold": 3,
        "date_created": timezone.now() - timezone.timedelta(days=400),
    }[field.column]


SILENT = {"num_in_stock", "num_allocated", "date_updated"}  # within a shown level


@pytest.mark.parametrize(
    "column",
    [f.column for f in StockRecord._meta.concrete_fields if f.column not in SILENT],
)
def test_raw_sql_changing_any_shown_column_moves_the_version(product, column):
    """Every column of a stock record other than the counts and date_updated moves the
    version: a new column Oscar adds fails here until the trigger (catalogue 0041's
    successor) knows whether pages show it."""
    record = product.stockrecords.get()
    field = next(f for f in StockRecord._meta.concrete_fields if f.column == column)
    value = changed_value(record, field)
    version = pagecache.current_version()
    raw_update(record, column, value)
    assert pagecache.current_version() != version, column


def test_stock_records_have_no_column_the_trigger_does_not_know():
    trigger = importlib.import_module("catalogue.migrations.0041_shown_stock_change")
    known = SILENT | set(trigger.COMPARED)
    assert {f.column for f in StockRecord._meta.concrete_fields} == known


@pytest.mark.parametrize(
    "start, end, moves",
    [  # (in stock, allocated)
        ((PLENTY, 0), (PLENTY, 1), False),
        ((PLENTY, 0), (FEW_LEFT + 1, 0), False),
        ((FEW_LEFT + 1, 0), (FEW_LEFT + 1, 1), True),
        ((FEW_LEFT, 0), (FEW_LEFT - 1, 0), True),
        ((1, 0), (1, 1), True),
        ((1, 1), (1, 3), False),  # oversold stays sold out
        ((0, 0), (PLENTY, 0), True),  # restocked
        ((PLENTY, PLENTY), (PLENTY - 1, PLENTY - 1), False),  # goods left: still sold out
    ],
)
def test_the_stock_level_moves_the_version_only_across_what_pages_tell_apart(
    product, start, end, moves
):
    records = StockRecord.objects.filter(product=product)
    records.update(num_in_stock=start[0], num_allocated=start[1])
    version = pagecache.current_version()
    records.update(num_in_stock=end[0], num_allocated=end[1])
    assert (pagecache.current_version() != version) is moves


def test_a_null_stock_counts_as_none(product):
    StockRecord.objects.filter(product=product).update(num_in_stock=3, num_allocated=None)
    version = pagecache.current_version()
    StockRecord.objects.filter(product=product).update(num_in_stock=None)
    assert pagecache.current_version() != version


def test_a_stock_update_that_matches_no_row_keeps_the_version(product):
    version = pagecache.current_version()
    StockRecord.objects.filter(pk=-1).update(num_in_stock=0)
    assert pagecache.current_version() == version


def test_new_and_deleted_stock_records_move_the_version(product):
    version = pagecache.current_version()
    other = ProductFactory()  # inserts a stock record
    assert pagecache.current_version() != version
    version = pagecache.current_version()
    StockRecord.objects.filter(product=other).delete()
    assert pagecache.current_version() != version


def test_the_watch_adds_no_query_to_what_a_page_or_an_order_counts(product):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        StockRecord.objects.filter(product=product).update(num_in_stock=PLENTY - 1)
    assert len(ctx.captured_queries) == 1


# What a search document holds did not change: nothing is written -----------------------


def test_a_seller_restocking_a_plentiful_product_keeps_every_cached_page(product):
    """The stock record's `post_save` reindexed the product: its search document was
    deleted and written again unchanged, which moved the version."""
    from storefront.seller import operations

    client = Client()
    urls = public_urls(product)
    for url in urls:
        fetch(client, url)
    version = pagecache.current_version()
    operations.set_price_stock(product, None, Decimal("150000"), PLENTY + 30)
    assert available(product) == PLENTY + 30
    assert pagecache.current_version() == version
    for url in urls:
        assert fetch(client, url)["X-Page-Cache"] == "hit", url
    # A new price is a change: shown at once.
    operations.set_price_stock(product, None, Decimal("165000"), PLENTY + 30)
    assert pagecache.current_version() != version
    assert "165.000" in fetch(client, product.get_absolute_url()).content.decode()


def test_a_cancelled_order_that_leaves_plenty_keeps_the_version(product):
    placed = order(product, 2)
    version = pagecache.current_version()
    services.cancel(placed, note="Khách đổi ý")
    assert available(product) == PLENTY
    assert pagecache.current_version() == version


def test_reindexing_an_unchanged_product_writes_nothing_and_a_changed_one_is_written(product):
    from django.test.utils import CaptureQueriesContext

    from search.indexing import index_products
    from search.models import ProductDocument

    index_products([product.pk])
    with CaptureQueriesContext(connection) as ctx:
        index_products([product.pk])
    writes = [q["sql"] for q in ctx.captured_queries if pagecache.WRITE.match(q["sql"])]
    assert writes == []
    product.title = "Nấm rơm sạch Đồng Nai hộp 500 g"
    product.save()
    assert ProductDocument.objects.get(product=product).title == product.title
    # The stored fingerprint is the document's, so a restart or another process agrees.
    from search.backends.database import document_digest
    from search.documents import iter_documents

    (document,) = iter_documents([product.pk])
    assert ProductDocument.objects.get(product=product).digest == document_digest(document)
