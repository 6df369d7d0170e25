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


def listed(response):
    assert response.status_code == 200
    return [p.id for p in response.context["products"]], response.context["paginator"].count


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"q": "keo", "page": "abc"}, "page"),
        ({"q": "keo", "page": "999999"}, "page"),  # past the end: the last page
        ({"page": "-3"}, "page"),
        ({"page": "²"}, "page"),
        ({"stars": "9"}, "stars"),
        ({"stars": "0"}, "stars"),
        ({"stars": "-5"}, "stars"),
        ({"stars": "²"}, "stars"),
        ({"price": "1-2"}, "price"),
        ({"price": "-1-99999999999"}, "price"),
        ({"province": "atlantis"}, "province"),
        ({"group": "-1"}, "group"),
        ({"category": "99999999999"}, "category"),
        ({"sort": "drop table"}, "sort"),
        ({"standard": "iso9001"}, "standard"),
        ({"kind": "<script>"}, "kind"),
    ],
)
def test_bad_values_are_ignored(client, shop, params, bad):
    without = {k: v for k, v in params.items() if k != bad}
    expected = listed(client.get("/shop/search/", without))
    assert expected[1] >= 1  # something to lose if the bad value were applied
    assert listed(client.get("/shop/search/", params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"q": "<script>alert(1)</script>"},
        {"q": "keo", "kind": "<script>alert(1)</script>"},
        {"q": "keo", "sort": "<script>alert(1)</script>", "page": "2"},
        {"q": "keo", "tab": "<script>alert(1)</script>"},
    ],
)
def test_markup_in_the_query_string_is_escaped(client, shop, params):
    response = client.get("/shop/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    if params["q"] != "keo":
        assert "Kết quả cho “&lt;script&gt;alert(1)&lt;/script&gt;”" in html


@pytest.mark.parametrize(
    "params, says",
    [
        ({"q": ""}, "Tất cả sản phẩm OCOP"),
        ({"q": "!!!"}, "Kết quả cho “!!!”"),
        ({"q": "a" * 5000}, "Không có sản phẩm nào khớp với"),
        ({"q": "keo", "tab": "pages"}, "Kết quả cho “keo”"),
    ],
    ids=["empty", "punctuation", "long", "pages-tab"],
)
def test_odd_queries_give_a_normal_page(client, shop, params, says):
    response = client.get("/shop/search/", params)
    assert response.status_code == 200
    assert says in response.content.decode()


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


def test_search_page_query_count_is_fixed(client, shop, settings, no_page_cache):
    def count():
        client.get("/shop/search/", {"q": "keo", "stars": "5"})
        with CaptureQueriesContext(connection) as ctx:
            client.get("/shop/search/", {"q": "keo", "stars": "5"})
        return len(ctx.captured_queries)

    before = count()
    for i in range(10):
        CertificateFactory(product__title=f"Kẹo dừa số {i}", stars=5)
    assert count() == before <= 12


@pytest.fixture
def pomelo(shop):
    producer = ProducerFactory(name="HTX Bưởi da xanh Chợ Lách")
    return ProductFactory(title="Bưởi da xanh Chợ Lách", producer=producer)


def test_no_results_page_says_it_once(client, shop):
    html = client.get("/shop/search/", {"q": "xyzzy"}).content.decode()
    assert html.count('class="empty"') == 1
    assert "Có phải bạn muốn tìm" not in html


def test_a_typo_shows_the_corrected_results_and_says_so(client, pomelo):
    html = client.get("/shop/search/", {"q": "buoi da xnah"}).content.decode()
    assert "Bưởi da xanh Chợ Lách" in html
    assert "Không có sản phẩm nào khớp với “buoi da xnah”" in html
    # Spelled as the products found spell it.
    assert "Hiển thị kết quả cho “bưởi da xanh”" in html
    assert html.count('class="empty"') == 0


def test_a_correction_the_filters_exclude_is_offered_as_a_link(client, pomelo):
    html = client.get("/shop/search/", {"q": "buoi da xnah", "stars": "5"}).content.decode()
    assert html.count('class="empty"') == 1
    assert "Có phải bạn muốn tìm: <a" in html
    # Without the filter that excluded it: with it, the link would find nothing again.
    assert 'href="?q=buoi+da+xanh"' in html
    assert "Chưa có sản phẩm phù hợp với lựa chọn này." not in html


def test_the_correction_speaks_english_under_en(client, pomelo):
    html = client.get("/en/shop/search/", {"q": "buoi da xnah"}).content.decode()
    assert "Nothing matches “buoi da xnah”" in html
    assert "Showing results for “bưởi da xanh”" in html
    html = client.get("/en/shop/search/", {"q": "buoi da xnah", "stars": "5"}).content.decode()
    assert "Did you mean: <a" in html


@pytest.mark.parametrize(
    "q",
    ["a" * 5000, "buoi da xnah " * 400, "²", "x", "!!!", "xnah" * 1000, "ç¢ñ"],
    ids=["a*5000", "typo*400", "superscript", "one-letter", "punctuation", "long-typo", "latin"],
)
def test_odd_queries_give_a_clean_page(client, pomelo, q):
    response = client.get("/shop/search/", {"q": q})
    assert response.status_code == 200
    assert response.content.decode().count('class="empty"') <= 1


def test_corrected_search_page_query_count_is_fixed(client, pomelo, no_page_cache):
    def count():
        client.get("/shop/search/", {"q": "buoi da xnah"})
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/shop/search/", {"q": "buoi da xnah"})
        assert response.context["correction"]
        return len(ctx.captured_queries)

    before = count()
    for i in range(10):
        CertificateFactory(product__title=f"Bưởi da xanh loại {i}", stars=5)
    assert count() == before <= 16


def test_few_results_are_shown_with_a_did_you_mean_link(client, shop):
    ProductFactory(title="Dầu dừa ép lạnh", description="Dùng nấu kẹo.")
    html = client.get("/shop/search/", {"q": "keo dau"}).content.decode()
    assert "Dầu dừa ép lạnh" in html
    assert 'Có phải bạn muốn tìm: <a href="?q=keo+dua">keo dua</a>?' in html
    assert "Không có sản phẩm nào khớp" not in html
