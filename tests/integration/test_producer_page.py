"""A producer's page lists all of its products, 24 to a page, in listing order (issue 13:
it showed the first 48 and no way to the rest; an enterprise in the 100k demo lists
6,900, and rendering 48 cards made it the slowest page with nothing cached)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import CertificateFactory, ProducerFactory
from tests.pages import cards

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def producer():
    producer = ProducerFactory(name="HTX Mật ong Tân Phú")
    for i in range(53):
        CertificateFactory(product__producer=producer, product__title=f"Mật ong rừng {i}")
    return producer


def get(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_product_is_on_one_of_the_pages_in_listing_order(producer):
    url = producer.get_absolute_url()
    pages = [cards(get(f"{url}?page={n}")) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [24, 24, 5]
    listed = [pk for page in pages for pk in page]
    expected = list(
        producer.products.order_by("-priority", "-date_created", "-id").values_list("pk", flat=True)
    )
    assert listed == expected  # each once, none left out
    assert cards(get(url)) == pages[0]


def test_the_pages_link_each_other_to_the_product_list(producer):
    url = producer.get_absolute_url()
    first = get(url)
    assert "Trang 1 / 3" in first
    assert 'rel="next" href="?page=2#products"' in first and 'rel="prev"' not in first
    assert 'id="products"' in first and "53 sản phẩm" in first
    assert "<title>HTX Mật ong Tân Phú |" in first
    second = get(f"{url}?page=2")
    assert f'rel="prev" href="{url}#products"' in second  # page 1 at one address
    assert 'rel="next" href="?page=3#products"' in second
    assert 'rel="prev" href="?page=2#products"' in get(f"{url}?page=3")
    assert "<title>HTX Mật ong Tân Phú (Trang 2 / 3) |" in second  # not three equal titles
    last = get(f"{url}?page=3")
    assert "Trang 3 / 3" in last and 'rel="next"' not in last


@pytest.mark.parametrize(
    "page, shown",
    [
        ("abc", "Trang 1 / 3"),
        ("²", "Trang 1 / 3"),
        ("1.5", "Trang 1 / 3"),
        ("", "Trang 1 / 3"),
        ("0", "Trang 3 / 3"),
        ("-1", "Trang 3 / 3"),
        pytest.param("9" * 5000, "Trang 1 / 3", id="5000-digits"),  # past int()'s limit
    ],
)
def test_an_odd_page_number_shows_a_page_not_an_error(producer, page, shown):
    """Not a number: the first page; a number out of range: the last (Django's get_page)."""
    html = get(f"{producer.get_absolute_url()}?page={page}")
    assert shown in html
    assert len(cards(html)) == (24 if shown == "Trang 1 / 3" else 5)


def test_a_nul_in_the_page_number_is_refused_in_vietnamese(producer):
    response = Client().get(f"{producer.get_absolute_url()}?page=1%00")
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_one(producer):
    html = get(f"{producer.get_absolute_url()}?page=99")
    assert "Trang 3 / 3" in html and len(cards(html)) == 5


def test_a_producer_with_few_products_has_no_page_links():
    producer = ProducerFactory()
    for _ in range(3):
        CertificateFactory(product__producer=producer)
    html = get(producer.get_absolute_url())
    assert len(cards(html)) == 3 and 'class="pagination"' not in html
    assert "3 sản phẩm" in html


def test_a_later_page_costs_the_same_queries_as_the_first(producer):
    url = producer.get_absolute_url()
    client = Client()
    counts = []
    for page in (1, 3):
        client.get(f"{url}?page={page}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"{url}?page={page}")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
