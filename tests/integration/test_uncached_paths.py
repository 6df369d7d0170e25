"""The pages a visitor with a session gets: cheaper where nothing needs computing (issue 13)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from storefront.seller import operations
from tests.factories import ProducerFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries], response


def test_an_empty_basket_is_not_priced():
    """Oscar loaded every site offer, the shipping methods and surcharges for nothing."""
    sql, response = queries(Client(), "/shop/basket/")
    assert not [q for q in sql if "offer_" in q], sql
    assert len(sql) <= 1
    assert response.context["basket"].is_empty


def test_a_basket_with_a_line_is_still_priced_with_its_offers():
    product = ProductFactory(producer=ProducerFactory())
    operations.set_price_stock(product, None, Decimal("120000"), 5)
    client = Client()
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 2})
    sql, response = queries(client, "/shop/basket/")
    assert [q for q in sql if "offer_conditionaloffer" in q]
    assert "240.000" in response.content.decode()
    assert response.context["order_total"] is not None


def test_saved_items_show_in_an_empty_basket(django_user_model):
    from oscar.apps.basket.models import Basket

    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-12345678")
    from storefront.partner.strategy import Selector

    product = ProductFactory(title="Mắm tép chưng thịt")
    saved = Basket.saved.create(owner=user)
    saved.strategy = Selector().strategy()
    saved.add_product(product, 1)
    client = Client()
    client.force_login(user)
    response = client.get("/shop/basket/")
    assert response.context["saved_formset"] is not None
    assert "Mắm tép chưng thịt" in response.content.decode()


def test_the_home_rows_come_off_an_index_not_a_sort_of_every_product():
    """SQLite sorted every live product for "newest" and every group row (about 100 ms and
    360 ms at 100,000 products); the rows now walk an index and stop after a few."""
    from django.db.models import Exists, OuterRef

    from catalogue.listing import valid_ocop
    from catalogue.models import Product, ProductCategory

    if connection.vendor != "sqlite":
        pytest.skip("the plan is SQLite's; PostgreSQL's depends on its statistics")
    browsable = Product.objects.browsable()
    in_group = ProductCategory.objects.filter(
        product=OuterRef("pk"), category__path__startswith="0001"
    )
    rows = {
        "newest": browsable,
        "5 stars": valid_ocop(browsable, stars=5),
        "group": browsable.filter(Exists(in_group)),
    }
    for name, qs in rows.items():
        sql, params = qs.order_by("-date_created", "-id")[:8].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " | ".join(row[-1] for row in cursor.fetchall())
        assert "TEMP B-TREE FOR ORDER BY" not in plan, (name, plan)


def test_a_products_options_are_looked_up_by_index_not_a_scan_of_every_product():
    """Every listing and product page prefetches the options (parent_id IN ...). Nearly
    every product has no parent, so SQLite's statistics counted the NULLs as one value of
    the plain index, judged it useless and scanned the whole table: 11 ms a page at
    10,000 products. A partial index holds only the options."""
    from catalogue.listing import product_cards
    from catalogue.models import Product

    if connection.vendor != "sqlite":
        pytest.skip("the plan is SQLite's; PostgreSQL's statistics count NULLs apart")
    producer = ProducerFactory()
    ProductFactory.create_batch(40, producer=producer)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as load_demo and a maintained database have
    with CaptureQueriesContext(connection) as ctx:
        list(product_cards(Product.objects.browsable().filter(producer=producer))[:8])
    (sql,) = [q["sql"] for q in ctx.captured_queries if '"parent_id" IN' in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert "SCAN catalogue_product" not in plan, plan


def test_a_product_without_options_asks_for_none_and_one_with_options_once():
    producer = ProducerFactory()
    plain = ProductFactory(producer=producer)
    operations.set_price_stock(plain, None, Decimal("90000"), 3)
    sql, response = queries(Client(), plain.get_absolute_url())
    assert response.context["product"] == plain
    assert not [q for q in sql if f'"parent_id" IN ({plain.pk})' in q], sql

    parent = ProductFactory(producer=producer, title="Mật ong hoa cà phê")
    for weight in ("250 g", "500 g"):
        operations.add_option(parent, None, f"Hũ {weight}", Decimal("120000"), 5)
    sql, response = queries(Client(), parent.get_absolute_url())
    assert len([q for q in sql if f'"parent_id" IN ({parent.pk})' in q]) == 1, sql
    assert "Hũ 500 g" in response.content.decode()


def test_a_producers_stories_cost_one_query(django_assert_num_queries):
    """Wagtail's `.public()` asked for every view restriction first: two queries."""
    from cms.stories import stories_of

    producer = ProducerFactory()
    with django_assert_num_queries(1):
        assert stories_of(producer) == []


def test_a_producers_products_come_off_an_index_in_listing_order():
    """The producer page and "more from" on a product page sorted all the producer's
    products for a page of them (12 ms for an enterprise with 6,900 at 100,000)."""
    from catalogue.listing import product_cards
    from catalogue.models import Product

    if connection.vendor != "sqlite":
        pytest.skip("the plan is SQLite's; PostgreSQL's depends on its statistics")
    producer = ProducerFactory()
    qs = product_cards(Product.objects.browsable().filter(producer=producer))[:8]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
