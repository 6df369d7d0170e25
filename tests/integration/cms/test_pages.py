"""Every page type renders, in both languages, from the demo content."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import NewsPage, PolicyPage, ProducerStoryPage
from fairs.models import FairPage
from storefront.order.models import Order
from storefront.places.models import Province
from storefront.shipping.models import ZoneRate
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import place_from, to_review
from tests.pages import producer_part

pytestmark = pytest.mark.django_db


def json_ld(html):
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_home_page_is_built_from_blocks(client, content):
    html = client.get("/").content.decode()
    assert "Sản phẩm OCOP chính hãng, từ tận nơi sản xuất" in html  # hero block
    assert "Nấm rơm sạch Đồng Nai" in html  # featured product and the newest 5★ row
    assert "Hội chợ OCOP Đồng Nai 2026" in html  # upcoming fairs
    assert "Thông báo sửa đổi quy chế hoạt động sàn" in html  # latest news
    assert "HTX Nấm rơm Xuân Lộc" in html  # producer spotlight
    assert json_ld(html)[0]["@type"] == "Organization"
    assert '<meta property="og:type" content="website">' in html


def test_english_home_page_and_switcher(client, content):
    html = client.get("/en/").content.decode()
    assert "Genuine OCOP products, straight from the producers" in html
    assert 'hreflang="vi"' in html and 'href="/"' in html
    assert "Thông báo sửa đổi" not in html  # Vietnamese news stays on the Vietnamese site


def test_news_index_paginates_and_filters(client, content):
    first = client.get("/tin-tuc/")
    assert first.status_code == 200
    assert len(first.context["articles"]) == 10
    assert first.context["articles"].paginator.count >= 12
    policy = client.get("/tin-tuc/?category=policy").context["articles"]
    assert {a.category for a in policy} == {"policy"}
    tagged = client.get("/tin-tuc/?tag=Đồng Nai").context["articles"]
    assert tagged and all("Đồng Nai" in [t.name for t in a.tags.all()] for a in tagged)


@pytest.mark.parametrize(
    "query", ["?page=999", "?page=abc", "?page=-1", "?category=nope", "?tag=" + "x" * 500]
)
def test_news_index_bad_parameters_give_a_normal_page(client, content, query):
    assert client.get("/tin-tuc/" + query).status_code == 200


def test_article_has_news_article_json_ld_and_related_products(client, content):
    article = NewsPage.objects.get(
        slug="het-han-sao-ocop-nguoi-mua-can-biet", locale__language_code="vi"
    )
    html = client.get(article.url).content.decode()
    data = json_ld(html)[0]
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert data["datePublished"] == article.date.isoformat()
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:image"' in html


def test_producer_story_shows_on_producer_and_product_pages(client, content):
    story = ProducerStoryPage.objects.get()
    assert story.category == "producer-story"
    assert client.get(story.url).status_code == 200
    producer_page = client.get(story.producer.get_absolute_url()).content.decode()
    assert story.title in producer_page
    product = story.producer.products.first()
    part, _ = producer_part(client.get(product.get_absolute_url()).content.decode())
    assert story.title in client.get(part).content.decode()


def test_programme_and_policy_pages(client, content):
    assert "36 tháng" in client.get("/gioi-thieu-ocop/cach-danh-gia-sao/").content.decode()
    kinds = set(PolicyPage.objects.values_list("kind", flat=True))
    assert {"rules", "inspection", "returns", "delivery", "payment", "privacy"} <= kinds
    home = client.get("/").content.decode()
    assert "Chính sách kiểm hàng" in home  # every page links the policies in its footer


def test_marketplace_rules_show_the_upcoming_version_and_its_date(client, content):
    rules = PolicyPage.objects.get(kind="rules", locale__language_code="vi")
    html = client.get(rules.url).content.decode()
    starts = timezone.localdate() + datetime.timedelta(days=10)
    assert f"có hiệu lực từ ngày {starts:%d/%m/%Y}" in html
    assert "giữ hàng 48 giờ" in html


def test_fair_pages(client, content):
    fair = FairPage.objects.first()
    html = client.get(fair.url).content.decode()
    assert fair.venue in html and f"{fair.start_date:%d/%m/%Y}" in html
    assert fair.title in client.get("/hoi-cho/").content.decode()


def test_feeds_are_valid_xml(client, content):
    rss = ET.fromstring(client.get("/tin-tuc/rss/").content)
    items = rss.findall("./channel/item")
    assert 12 <= len(items) <= 20
    assert items[0].find("link").text.startswith("http://testserver/tin-tuc/")
    atom = ET.fromstring(client.get("/tin-tuc/atom/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(atom.findall("a:entry", ns)) == len(items)
    english = ET.fromstring(client.get("/en/tin-tuc/rss/").content)
    assert 1 <= len(english.findall("./channel/item")) < len(items)


def test_sitemap_covers_pages_products_and_producers_on_the_requests_host(
    client, content, settings
):
    settings.ALLOWED_HOSTS = ["ocop.vn", "testserver"]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST="ocop.vn").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert sections == [
        "http://ocop.vn/sitemap-pages.xml",
        "http://ocop.vn/sitemap-products.xml",
        "http://ocop.vn/sitemap-producers.xml",
    ]
    urls = []
    for section in ("pages", "products", "producers"):
        tree = ET.fromstring(client.get(f"/sitemap-{section}.xml", HTTP_HOST="ocop.vn").content)
        urls += [loc.text for loc in tree.findall("s:url/s:loc", ns)]
    assert "http://ocop.vn/tin-tuc/" in urls
    assert "http://ocop.vn/en/tin-tuc/" in urls
    assert any("/shop/catalogue/" in u for u in urls)
    assert any("/en/shop/catalogue/producers/" in u for u in urls)
    assert not any("example.com" in u for u in urls)
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_robots_txt(client, db, settings):
    settings.ALLOWED_HOSTS = ["ocop.vn", "testserver"]
    text = client.get("/robots.txt", HTTP_HOST="ocop.vn").content.decode()
    assert "Disallow: /shop/checkout/" in text and "Disallow: /cms/" in text
    assert "Sitemap: http://ocop.vn/sitemap.xml" in text


def test_product_json_ld_carries_offer_and_ocop_certification(client, content):
    from catalogue.models import Product

    product = Product.objects.get(title="Nấm rơm sạch Đồng Nai")
    data = json_ld(client.get(product.get_absolute_url()).content.decode())[0]
    assert data["@type"] == "Product"
    assert data["offers"]["priceCurrency"] == "VND" and data["offers"]["price"] == "150000"
    assert data["hasCertification"]["certificationRating"]["ratingValue"] == 5
    assert data["hasCertification"]["certificationIdentification"].endswith("/QĐ-UBND")


def test_home_page_query_count_is_fixed(client, content, django_assert_num_queries):
    client.get("/")  # warm Wagtail's site cache
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")
    # More products and news do not change the count.
    from tests.factories import CertificateFactory

    for _ in range(5):
        CertificateFactory(stars=5)
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")


# Two product rows, each fetching its cards' options once (products sold in options).
HOME_QUERIES = 21


def test_news_index_query_count_does_not_grow(client, content, django_assert_max_num_queries):
    client.get("/tin-tuc/")
    with CaptureQueriesContext(connection) as before:
        client.get("/tin-tuc/")
    index = NewsPage.objects.filter(locale__language_code="vi").first().get_parent()
    for n in range(15):
        index.add_child(
            instance=NewsPage(title=f"Tin {n}", slug=f"tin-{n}", author="A", lead="B", body=[])
        )
    with django_assert_max_num_queries(len(before)):
        client.get("/tin-tuc/")


def test_shipping_rates_are_in_the_cms(admin_client, client, db):
    """Staff change a rate in Wagtail's OCOP menu; the buyer's next checkout charges it."""
    product = ProductFactory(producer=ProducerFactory(province=Province.objects.get(pk=75)))
    rate = ZoneRate.objects.get(zone=ZoneRate.Zone.REGIONAL)  # Đồng Nai → Hồ Chí Minh City
    assert admin_client.get("/cms/snippets/shipping/zonerate/").status_code == 200
    response = admin_client.post(
        f"/cms/snippets/shipping/zonerate/edit/{rate.pk}/",
        {"zone": "regional", "fee": "37000", "free_from": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    # 1.200.000 ₫ of goods: free under the old threshold; the new rate has none.
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 8})
    review = to_review(client)
    assert "37.000\xa0₫" in review.content.decode()
    place_from(client, review)
    order = Order.objects.get()
    assert order.shipping_incl_tax == 37000
    assert order.total_incl_tax == 8 * 150000 + 37000


def test_every_page_links_news_fairs_and_selling(client, content):
    """News and fairs were reachable from nowhere; producers did not find the way in."""
    import re

    for path in ("/", "/shop/catalogue/", "/en/"):
        page = client.get(path).content.decode()
        nav = page[page.index('class="wrap main-nav"') :].split("</nav>", 1)[0]
        hrefs = re.findall(r'href="([^"]+)"', nav)
        prefix = "/en" if path.startswith("/en/") else ""
        assert any(
            h.startswith(f"{prefix}/tin-tuc/") or h.startswith(f"{prefix}/news") for h in hrefs
        ), hrefs
        assert any("hoi-cho" in h or "fairs" in h for h in hrefs), hrefs
        assert 'href="' + prefix + '/ban-hang/"' in page
        assert client.get(hrefs[-1]).status_code == 200


def test_english_home_speaks_english_with_news_and_english_fair_links(client, content):
    """Issue 11: the English home kept the Vietnamese block headings, had no news block and
    linked the fairs' Vietnamese pages; /en/hoi-cho/<fair>/ was a 404."""
    html = client.get("/en/").content.decode()
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert "Featured products" in headings and "Upcoming trade fairs" in headings
    assert not {"Sản phẩm nổi bật", "Hội chợ sắp diễn ra", "Tin tức OCOP"} & set(headings)
    assert "OCOP news" in headings and 'class="news-card"' in html
    fair_links = re.findall(r'href="([^"]*hoi-cho/[^"]+/)"', html)
    assert fair_links and all(link.startswith("/en/") for link in fair_links)
    pages = [client.get(link) for link in fair_links]
    assert all(page.status_code == 200 for page in pages)
    assert "Đồng Nai OCOP Fair 2026" in pages[0].content.decode()


def test_a_fair_not_yet_translated_is_listed_in_vietnamese_and_says_so(client, content):
    from fairs.models import FairPage

    FairPage.objects.filter(locale__language_code="en", title="Vĩnh Long OCOP Week").delete()
    html = client.get("/en/").content.decode()
    assert 'lang="vi" hreflang="vi">Tuần lễ sản phẩm OCOP Vĩnh Long</a>' in html
    assert "Vĩnh Long OCOP Week" not in html


def test_featured_and_rule_rows_put_sold_out_products_last(client, content):
    """Issue 11: the featured block showed sold-out products first."""
    from oscar.apps.partner.models import StockRecord

    from tests.factories import ProductFactory

    sold_out, available = ProductFactory(title="Hết hàng"), ProductFactory(title="Còn hàng")
    StockRecord.objects.filter(product=sold_out).update(num_in_stock=0, num_allocated=0)
    home = content.specific
    home.body = [
        ("featured_products", {"title": "Nổi bật", "products": [sold_out, available]}),
        (
            "product_row",
            {"title": "Mới", "rule": "newest", "province": "", "group": "", "count": 24},
        ),
    ]
    featured, newest = [data() for _block, data in home.sections()]
    assert [p.title for p in featured] == ["Còn hàng", "Hết hàng"]
    titles = [p.title for p in newest]
    assert titles.index("Còn hàng") < titles.index("Hết hàng") and titles[-1] == "Hết hàng"


def test_the_hero_promises_cards_only_when_cards_are_on(client, content, settings):
    """Issue 11: the hero said "…hoặc thẻ" while the shop took no cards."""

    def hero():
        html = client.get("/").content.decode()
        return re.search(r'<section class="hero.*?</section>', html, re.S).group(0)

    assert "thẻ" not in hero()
    assert "Thanh toán khi nhận hàng hoặc chuyển khoản VietQR." in hero()
    settings.STRIPE_ENABLED = True
    assert "chuyển khoản VietQR hoặc thẻ" in hero()


def test_the_hero_has_a_crop_per_screen_shape_around_its_subject(client, content):
    """Issue 11: one 12:5 crop shrunk onto a phone cut through the hero's subject."""
    html = client.get("/").content.decode()
    picture = re.search(r'<section class="hero.*?<picture>(.*?)</picture>', html, re.S).group(1)
    assert '<source media="(min-width: 700px)"' in picture and "fill-1200x500" in picture
    assert re.search(r'<img class="hero-bg" src="[^"]*fill-800x500[^"]*"', picture)
    hero = next(b for b in content.body if b.block_type == "hero").value["image"]
    focus = hero.get_focal_point()
    assert focus is not None and 0 < focus.width < hero.width


def test_news_cards_offer_sizes_and_keep_the_picture_whole(client, content):
    """Issue 11: news cards cut their square pictures mid-text; now 16:9 pictures with a
    focal point, offered in two widths."""
    html = client.get("/tin-tuc/").content.decode()
    card = html.split('class="news-card"')[1]
    srcset = re.search(r'srcset="([^"]+)"', card).group(1)
    assert "fill-400x225" in srcset and "fill-640x360" in srcset and "sizes=" in card
    article = NewsPage.objects.filter(locale__language_code="vi").exclude(lead_image=None).first()
    image = article.lead_image
    assert abs(image.width / image.height - 16 / 9) < 0.02 and image.get_focal_point()
