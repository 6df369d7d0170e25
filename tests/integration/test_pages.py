import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.models import Category
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, province
from tests.pages import producer_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    dong_nai = ProducerFactory(name="HTX Nấm rơm Xuân Lộc")
    valid = CertificateFactory(
        product__title="Nấm rơm sạch Đồng Nai",
        product__producer=dong_nai,
        stars=4,
        decision_number="4894/QĐ-UBND",
    ).product
    expired = CertificateFactory(
        product__title="Mật ong rừng Nam Cát Tiên",
        product__producer=dong_nai,
        stars=5,
        decision_date=timezone.localdate() - datetime.timedelta(days=4 * 365),
        issuer="Bộ Nông nghiệp và Phát triển nông thôn",
        issuer_level="central",
    ).product
    plain = ProductFactory(title="Chà bông nấm rơm", producer=dong_nai)
    return {"producer": dong_nai, "valid": valid, "expired": expired, "plain": plain}


def main_product(html):
    """The product's own part of the page, before the producer's other products."""
    return html.split('class="producer-card"')[0]


def test_catalogue_lists_products_with_prices_in_vnd(client, shop):
    html = client.get("/shop/catalogue/").content.decode()
    assert "Nấm rơm sạch Đồng Nai" in html
    assert "150.000\xa0₫" in html
    assert "Tất cả sản phẩm OCOP" in html


def test_product_page_shows_the_certificate_box(client, shop):
    product = shop["valid"]
    html = client.get(product.get_absolute_url()).content.decode()
    assert "4894/QĐ-UBND" in html
    assert "UBND tỉnh Đồng Nai" in html
    assert "★★★★<" in html
    valid_until = product.certificates.get().valid_until.strftime("%d/%m/%Y")
    assert valid_until in html
    assert "HTX Nấm rơm Xuân Lộc" in html
    # The producer's other products are in its part of the page, loaded from its own URL.
    part, left_out = producer_part(html)
    assert left_out == product.pk
    assert "Mật ong rừng Nam Cát Tiên" in client.get(part).content.decode()


def test_expired_certificate_shows_expiry_and_no_stars(client, shop):
    product = shop["expired"]
    product.refresh_from_db()
    html = main_product(client.get(product.get_absolute_url()).content.decode())
    date = product.certified_until.strftime("%d/%m/%Y")
    assert f"Chứng nhận đã hết hạn ngày {date}" in html
    assert "ocop-stars" not in html
    assert "badge-ocop" not in html


def test_uncertified_product_says_so(client, shop):
    html = main_product(client.get(shop["plain"].get_absolute_url()).content.decode())
    assert "Sản phẩm này chưa có chứng nhận OCOP." in html
    assert "badge-ocop" not in html


def test_wrong_slug_redirects_to_the_real_address(client, shop):
    product = shop["valid"]
    response = client.get(f"/shop/catalogue/old-name_{product.pk}/")
    assert response.status_code == 301
    assert response["Location"] == product.get_absolute_url()


def test_unknown_product_is_a_vietnamese_404(client, shop):
    response = client.get("/shop/catalogue/khong-co_999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_english_lives_under_en(client, shop):
    html = client.get("/en/shop/catalogue/").content.decode()
    assert 'lang="en"' in html
    assert "All OCOP products" in html
    assert "₫150,000" in html


def test_browse_by_stars_hides_expired_and_uncertified(client, shop):
    five = CertificateFactory(product__title="Kẹo dừa sầu riêng", stars=5).product

    response = client.get("/shop/catalogue/stars/4/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nấm rơm sạch Đồng Nai" in html
    assert "Chà bông nấm rơm" not in html  # uncertified

    response = client.get("/shop/catalogue/stars/5/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card"') == 1
    assert five.title in html
    assert "Mật ong rừng Nam Cát Tiên" not in html  # 5★, but the certificate expired
    assert "Nấm rơm sạch Đồng Nai" not in html  # 4★


def test_browse_by_province_and_group(client, shop):
    vinh_long = ProducerFactory(name="Cơ sở Kẹo dừa Thanh Long", province=province(86))
    keo = ProductFactory(title="Kẹo dừa Bến Tre", producer=vinh_long)

    response = client.get("/shop/catalogue/province/dong-nai/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card"') == 3
    assert "Nấm rơm sạch Đồng Nai" in html and keo.title not in html

    response = client.get("/shop/catalogue/province/vinh-long/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card"') == 1
    assert keo.title in html
    assert "Nấm rơm sạch Đồng Nai" not in html

    food = Category.objects.get(code="I")
    response = client.get(food.get_absolute_url())
    assert response.status_code == 200
    assert "Nấm rơm sạch Đồng Nai" in response.content.decode()
    drinks = Category.objects.get(code="II")
    response = client.get(drinks.get_absolute_url())
    assert response.status_code == 200
    assert "Nấm rơm sạch Đồng Nai" not in response.content.decode()
    assert "Đồ uống" in response.content.decode()  # the group's own page, not an error


def test_producer_pages(client, shop):
    html = client.get("/shop/catalogue/producers/").content.decode()
    assert "HTX Nấm rơm Xuân Lộc" in html
    html = client.get(shop["producer"].get_absolute_url()).content.decode()
    assert "Chà bông nấm rơm" in html
    assert "Hợp tác xã" in html


@pytest.mark.parametrize(
    "query",
    ["?stars=9", "?stars=abc", "?province=khong-co", "?kind=alien", "?page=999", "?page=x"],
)
def test_bad_filters_and_pages_give_a_normal_page(client, shop, query):
    assert client.get(f"/shop/catalogue/{query}").status_code == 200


def test_stars_outside_ocop_levels_is_404(client, shop):
    assert client.get("/shop/catalogue/stars/2/").status_code == 404


def test_home_page_shows_groups_and_products(client, shop):
    html = client.get("/").content.decode()
    assert "Thực phẩm" in html
    assert "Nấm rơm sạch Đồng Nai" in html


def test_healthcheck(client):
    assert client.get("/healthz").json() == {
        "status": "ok",
        "services": {"database": "ok", "cache": "ok"},
    }


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/shop/catalogue/",
        "/shop/catalogue/stars/4/",
        "/shop/catalogue/producers/",
        "/shop/catalogue/province/dong-nai/",
        "/shop/search/?q=nam+rom&stars=4",
        "/shop/search/autocomplete/?q=nam",
    ],
)
def test_get_requests_never_write(client, shop, url, no_page_cache):
    urls = [url, shop["valid"].get_absolute_url(), shop["producer"].get_absolute_url()]
    for u in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(u).status_code == 200
        writes = [
            q["sql"]
            for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == [], u


def test_the_breadcrumbs_follow_the_products_first_category_from_the_root(no_page_cache):
    """One query (catalogue.listing.product_trail): the first category by path, and each
    of its ancestors root first, none of another branch or of a second category."""
    product = ProductFactory(category=Category.objects.get(code="I.1.a"))
    product.categories.add(Category.objects.get(code="II"))  # later in path order
    html = Client().get(product.get_absolute_url()).content.decode()
    trail = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html).group(1)
    names = re.findall(r">([^<>]+)</a>", trail)
    expected = [Category.objects.get(code=code) for code in ("I", "I.1", "I.1.a")]
    assert names == ["Tất cả sản phẩm"] + [c.name for c in expected]
    for category in expected:
        assert f'href="{category.get_absolute_url()}"' in trail


def test_the_breadcrumbs_are_one_query_and_a_product_in_no_category_has_none(no_page_cache):
    from catalogue.listing import product_trail

    product = ProductFactory(category=Category.objects.get(code="I.1.a"))
    with CaptureQueriesContext(connection) as ctx:
        assert [c.code for c in product_trail(product)] == ["I", "I.1", "I.1.a"]
    assert len(ctx.captured_queries) == 1
    product.categories.clear()
    assert product_trail(product) == []
    html = Client().get(product.get_absolute_url()).content.decode()
    assert re.search(r'<nav class="breadcrumbs"[^>]*><a [^>]*>Tất cả sản phẩm</a></nav>', html)
