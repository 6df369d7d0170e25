"""A product sold in options, as a buyer meets it: the product page, search and basket."""

from decimal import Decimal

import pytest

from catalogue.models import Product
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.models import ProductDocument
from storefront.seller import operations
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey(producer_a):
    product = ProductFactory(producer=producer_a, title="Mật ong rừng U Minh")
    small = operations.add_option(product, None, "Hũ 250 g", Decimal("95000"), 30)
    big = operations.add_option(product, None, "Hũ 500 g", Decimal("180000"), 0)
    # Oscar lists options newest first and would show the newest one's price (340.000).
    operations.add_option(product, None, "Hũ 1 kg", Decimal("340000"), 3)
    return Product.objects.get(pk=product.pk), small, big


def test_the_product_page_offers_each_option_at_its_price(client, honey):
    product, small, big = honey
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Hũ 250 g" in page and "95.000" in page
    assert "Hũ 500 g" in page and "180.000" in page
    assert f'value="{small.pk}" required checked' in page
    assert f'value="{big.pk}" required disabled' in page  # sold out
    price = page.split('class="price big"', 1)[1][:120]
    assert "từ 95.000" in price  # from the cheapest option, not the first one


def test_a_buyer_adds_an_option_to_the_basket(client, honey):
    product, small, _ = honey
    response = client.post(f"/shop/basket/add/{product.pk}/", {"child_id": small.pk, "quantity": 2})
    assert response.status_code == 302
    basket = client.get("/shop/basket/").context["basket"]
    line = basket.all_lines()[0]
    assert (line.product, line.quantity) == (small, 2)
    assert line.product.get_title() == "Mật ong rừng U Minh – Hũ 250 g"


def test_search_without_accents_finds_it_from_the_cheapest_option(honey):
    product, small, _ = honey
    result = get_backend().search(SearchQuery(text="mat ong u minh"))
    hits = result.product_ids
    assert product.pk in hits and small.pk not in hits
    assert ProductDocument.objects.get(product_id=product.pk).price == 95000
    operations.set_price_stock(small, None, Decimal("90000"), 30)
    assert ProductDocument.objects.get(product_id=product.pk).price == 90000


def test_listing_pages_cost_the_same_with_products_in_options(client, producer_a, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            product = ProductFactory(producer=producer_a, title=f"Mật ong {i}")
            operations.add_option(product, None, "Hũ nhỏ", Decimal("95000"), 5)
            operations.add_option(product, None, "Hũ lớn", Decimal("180000"), 5)

    add(1)
    client.get("/shop/catalogue/")
    with CaptureQueriesContext(connection) as one:
        assert "95.000" in client.get("/shop/catalogue/").content.decode()
    add(6)
    client.get("/shop/catalogue/")  # the facet counts are cached per index version
    with CaptureQueriesContext(connection) as seven:
        client.get("/shop/catalogue/")
    assert len(seven) == len(one)


def test_the_product_page_costs_the_same_with_two_options_or_six(client, honey, no_page_cache):
    """The options and their stock come with the product, once (were fetched twice for the
    price and the choices, and a third time, one query per option, by an unused form)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    product, small, _ = honey

    def count():
        client.get(product.get_absolute_url())
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(product.get_absolute_url()).content.decode()
        return len(ctx), page

    three, _ = count()
    for n in range(3):
        operations.add_option(product, None, f"Hộp quà {n}", Decimal("400000"), 2)
    six, page = count()
    assert six == three and "Hộp quà 2" in page
    children = [q for q in connection.queries if '"parent_id" =' in q["sql"]]
    assert len(children) <= 1
