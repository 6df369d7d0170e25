import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    producer = ProducerFactory(name="Cơ sở Kẹo dừa Thanh Long")
    keo = CertificateFactory(
        product__title="Kẹo dừa sầu riêng", product__producer=producer, stars=5
    ).product
    nam = ProductFactory(title="Nấm rơm sạch Đồng Nai")
    return {"keo": keo, "nam": nam, "producer": producer}


def test_search_page_finds_without_accents(client, shop):
    html = client.get("/shop/search/", {"q": "keo dua"}).content.decode()
    assert "Kẹo dừa sầu riêng" in html
    assert "Nấm rơm sạch Đồng Nai" not in html
    assert "Kết quả cho “keo dua”" in html


def test_search_page_has_facets_with_counts_and_toggle_links(client, shop):
    html = client.get("/shop/search/", {"q": "", "stars": "5"}).content.decode()
    assert "Hạng sao OCOP" in html
    assert '✓ 5★</a> <span class="count">(1)</span>' in html
    assert 'href="?q="' in html  # clicking the chosen value again removes it


def test_no_results_says_so(client, shop):
    html = client.get("/shop/search/", {"q": "xyzzy"}).content.decode()
    assert "Không có sản phẩm nào khớp với “xyzzy”" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "!!!"},
        {"q": "a" * 5000},
        {"q": "keo", "page": "abc"},
        {"q": "keo", "page": "999999"},
        {"stars": "9"},
        {"province": "atlantis"},
        {"group": "-1"},
        {"category": "99999999999"},
        {"price": "1-2"},
        {"sort": "drop table"},
        {"standard": "iso9001"},
        {"kind": "<script>"},
        {"q": "keo", "tab": "pages"},
        {"stars": "²"},
        {"page": "²"},
    ],
)
def test_bad_input_gives_a_normal_page(client, shop, params):
    assert client.get("/shop/search/", params).status_code == 200


def test_a_nul_character_gives_a_400_page_in_the_theme(client, shop):
    """RejectNulMiddleware (issue 9, item 20): PostgreSQL cannot take NUL in text."""
    response = client.get("/shop/search/", {"q": "\x00"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_page_past_the_end_shows_the_last_page(client, shop, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 1
    html = client.get("/shop/search/", {"page": "50"}).content.decode()
    assert "Trang 2 / 2" in html


def test_autocomplete_json(client, shop):
    data = client.get("/shop/search/autocomplete/", {"q": "keo"}).json()
    kinds = {s["kind"] for s in data["suggestions"]}
    assert {"product", "producer"} <= kinds
    product = next(s for s in data["suggestions"] if s["kind"] == "product")
    assert product["label"] == "Kẹo dừa sầu riêng"
    assert client.get(product["url"], follow=True).status_code == 200
    cat = client.get("/shop/search/autocomplete/", {"q": "thuc pham"}).json()
    assert any(s["kind"] == "category" and s["label"] == "Thực phẩm" for s in cat["suggestions"])


@pytest.mark.parametrize("q", ["", "k", "!!", "?!?!", "a" * 1000])
def test_autocomplete_short_or_odd_input(client, shop, q):
    response = client.get("/shop/search/autocomplete/", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)
    # Punctuation matches nothing, rather than every producer.
    assert all(s["kind"] != "producer" for s in response.json()["suggestions"])


def test_search_box_is_wired_for_autocomplete(client, shop):
    html = client.get("/shop/catalogue/").content.decode()
    assert 'data-autocomplete="/shop/search/autocomplete/"' in html
    assert "/static/js/autocomplete.js" in html


def test_search_page_query_count_is_fixed(client, shop, settings):
    def count():
        client.get("/shop/search/", {"q": "keo", "stars": "5"})
        with CaptureQueriesContext(connection) as ctx:
            client.get("/shop/search/", {"q": "keo", "stars": "5"})
        return len(ctx.captured_queries)

    before = count()
    for i in range(10):
        CertificateFactory(product__title=f"Kẹo dừa số {i}", stars=5)
    assert count() == before <= 12
