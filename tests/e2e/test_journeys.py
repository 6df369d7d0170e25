"""Issue 11's journeys in Chromium, each on a 390 px phone and a 1366 px desktop, each page
checked with axe-core (no critical or serious violation) and kept as a screenshot under
var/screenshots/journey-*.png."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, Site

from cms.home import HomePage
from cms.site_settings import Storefront
from storefront.order.models import Order
from storefront.places.models import Ward
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, province

from .axe import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def candy():
    """Coconut candy from two producers in Vĩnh Long, rated 4★, and one rated 3★."""
    vinh_long = province(86)
    first = ProducerFactory(name="Cơ sở Kẹo dừa Thanh Long", province=vinh_long)
    second = ProducerFactory(name="HTX Dừa Mỏ Cày", province=vinh_long)
    products = {
        "durian": CertificateFactory(
            product__title="Kẹo dừa sầu riêng", product__producer=first, stars=4
        ).product,
        "pandan": CertificateFactory(
            product__title="Kẹo dừa lá dứa", product__producer=second, stars=4
        ).product,
        "plain": CertificateFactory(
            product__title="Kẹo dừa truyền thống", product__producer=second, stars=3
        ).product,
    }
    ProductFactory(title="Mật ong rừng U Minh")
    return products


def add_from_card(page, title):
    card = page.locator("article.card", has_text=title)
    with page.expect_navigation():
        # Its name says which product: "Thêm vào giỏ: <title>" for a screen reader.
        card.get_by_role("button", name=re.compile(rf"^Thêm vào giỏ\s*: {title}")).click()


def test_a_guest_finds_filters_buys_two_producers_cod(live_server, screen, candy):
    name = f"journey-guest-{screen.screen_name}"
    screen.goto(f"{live_server.url}/")
    screen.locator("#q").fill("keo dua")
    with screen.expect_navigation():
        screen.locator("#q").press("Enter")
    results = screen.locator("article.card")
    expect(results).to_have_count(3)
    check_page(screen, f"{name}-1-search")

    # 4★ only: behind "Lọc" on a phone, in the sidebar on a desktop.
    if screen.screen_name == "phone":
        screen.get_by_role("link", name="Lọc").click()
        expect(screen.locator("#filters")).to_be_visible()
        check_page(screen, f"{name}-2-filters")
    with screen.expect_navigation():
        screen.locator("#filters").get_by_role("link", name="4★").click()
    expect(results).to_have_count(2)
    expect(screen.locator(".chips")).to_contain_text("4★")

    add_from_card(screen, "Kẹo dừa sầu riêng")
    add_from_card(screen, "Kẹo dừa lá dứa")
    expect(screen.locator(".cart-count")).to_contain_text("2")
    screen.locator(".cart-link").click()
    screen.wait_for_url("**/shop/basket/")
    expect(screen.locator(".basket-line")).to_have_count(2)
    check_page(screen, f"{name}-3-basket")

    screen.get_by_role("link", name="Đặt hàng").click()
    screen.wait_for_url("**/shop/checkout/")
    screen.fill("#id_name", "Lê Thị Hoa")
    screen.fill("#id_phone", "0912 000 111")
    screen.fill("#id_email", "hoa@example.com")
    screen.select_option("#id_province", "79")
    ward = Ward.objects.filter(province_id=79).order_by("name").first()
    screen.wait_for_selector(f"#id_ward option[value='{ward.pk}']", state="attached")
    screen.select_option("#id_ward", str(ward.pk))
    screen.fill("#id_street", "12 Lê Lợi")
    screen.check("input[name=payment_method][value=cod]")
    screen.check("#id_consent")
    check_page(screen, f"{name}-4-details")
    screen.get_by_role("button", name="Tiếp tục: xem lại đơn hàng").click()
    screen.wait_for_url("**/shop/checkout/review/")
    expect(screen.locator("main")).to_contain_text("Cơ sở Kẹo dừa Thanh Long")
    expect(screen.locator("main")).to_contain_text("HTX Dừa Mỏ Cày")
    check_page(screen, f"{name}-5-review")
    screen.get_by_role("button", name="Đặt hàng").click()

    screen.wait_for_url("**/shop/checkout/orders/**")
    order = Order.objects.get()
    expect(screen.locator("main")).to_contain_text(f"Đơn hàng {order.number}")
    expect(screen.locator("main")).to_contain_text("Chờ xác nhận")
    assert order.parcels.count() == 2
    check_page(screen, f"{name}-6-order")


@pytest.fixture
def english_content(candy):
    from cms.demo.loader import ContentLoader

    ContentLoader(say=lambda *_: None, image_size=240).load()


def test_the_english_site(live_server, screen, english_content, candy):
    name = f"journey-english-{screen.screen_name}"
    screen.goto(f"{live_server.url}/en/")
    expect(screen.locator("html")).to_have_attribute("lang", "en")
    expect(screen.get_by_role("heading", name="Featured products")).to_be_visible()
    check_page(screen, f"{name}-1-home")

    screen.goto(f"{live_server.url}/en{candy['durian'].get_absolute_url()}")
    expect(screen.locator(".certificate")).to_contain_text("OCOP")
    expect(screen.get_by_role("button", name="Add to cart").first).to_be_visible()
    check_page(screen, f"{name}-2-product")

    screen.goto(f"{live_server.url}/en/")
    article = screen.locator(".news-card h3 a").first
    title = article.inner_text()
    with screen.expect_navigation():
        article.click()
    assert screen.url.startswith(f"{live_server.url}/en/")
    expect(screen.locator("h1")).to_have_text(title)
    check_page(screen, f"{name}-3-news")

    screen.goto(f"{live_server.url}/en/")
    with screen.expect_navigation():
        screen.locator(".fair-list a").first.click()
    assert "/en/hoi-cho/" in screen.url
    expect(screen.locator("h1")).to_contain_text("OCOP")
    expect(screen.locator("html")).to_have_attribute("lang", "en")
    check_page(screen, f"{name}-4-fair")


@pytest.fixture
def provincial_sites(candy, live_server):
    ProducerFactory(name="HTX Nấm rơm Xuân Lộc")  # Đồng Nai, the factories' default
    ProductFactory(
        title="Nấm rơm sấy khô Xuân Lộc",
        producer=ProducerFactory(name="HTX Điều Bình Phước", province=province(75)),
    )
    root = Page.get_first_root_node()
    for host, theme, code, title in (
        ("dongnai.localhost", "dongnai", 75, "Chợ OCOP Đồng Nai"),
        ("vinhlong.localhost", "vinhlong", 86, "Chợ OCOP Vĩnh Long"),
    ):
        home = root.add_child(instance=HomePage(title=title, slug=theme))
        home.save_revision().publish()
        site = Site.objects.create(hostname=host, port=80, root_page=home, site_name=title)
        Storefront.objects.create(site=site, theme=theme, province_id=code)
    return live_server.url.rsplit(":", 1)[1]


def test_each_provincial_host_shows_its_own_look_and_producers(screen, provincial_sites):
    port = provincial_sites
    looks = {}
    for host, mine, other in (
        ("dongnai", "Nấm rơm sấy khô Xuân Lộc", "Kẹo dừa sầu riêng"),
        ("vinhlong", "Kẹo dừa sầu riêng", "Nấm rơm sấy khô Xuân Lộc"),
    ):
        screen.goto(f"http://{host}.localhost:{port}/shop/catalogue/")
        expect(screen.locator(".brand")).to_contain_text(
            host == "dongnai" and "Đồng Nai" or "Vĩnh Long"
        )
        expect(screen.locator("main")).to_contain_text(mine)
        expect(screen.locator("main")).not_to_contain_text(other)
        logo = screen.locator(".brand img")
        assert f"themes/{host}/img/logo.svg" in logo.get_attribute("src")
        looks[host] = screen.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).borderBottomColor"
        )
        check_page(screen, f"journey-{host}-{screen.screen_name}")
    assert looks["dongnai"] != looks["vinhlong"]


def test_a_buyer_registers_finds_the_guest_order_and_pays_again_by_vietqr(
    live_server, screen, candy
):
    from django.core import mail

    from storefront.order import services
    from tests.integration.checkout.conftest import basket_with, buyer

    name = f"journey-returning-{screen.screen_name}"
    earlier = services.place_order(basket_with((candy["plain"], 1)), buyer(86), "cod")
    assert earlier.user is None and earlier.email == "lan@example.com"
    screen.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    screen.goto(f"{live_server.url}/shop/accounts/login/")
    screen.fill("#id_registration-email", "Lan@Example.com")
    screen.fill("#id_registration-password1", "Mat-khau-dai-123")
    screen.fill("#id_registration-password2", "Mat-khau-dai-123")
    screen.check("#id_registration-consent")
    check_page(screen, f"{name}-1-register")
    with screen.expect_navigation():
        screen.locator("button[name=registration_submit]").click()

    # The guest order joins the account once the buyer opens the link sent to that address.
    claim = next(m for m in mail.outbox if "Gắn các đơn hàng" in m.subject)
    link = re.search(r"https?://\S+/shop/accounts/link-orders/\S+/", claim.body)
    screen.goto(live_server.url + "/" + link.group(0).split("://", 1)[1].split("/", 1)[1])
    expect(screen.locator("main")).to_contain_text(str(earlier.number))
    check_page(screen, f"{name}-2-claim")
    with screen.expect_navigation():
        screen.get_by_role("button", name="Gắn các đơn này vào tài khoản của tôi").click()
    screen.goto(f"{live_server.url}/shop/accounts/orders/")
    expect(screen.locator("main")).to_contain_text(str(earlier.number))
    check_page(screen, f"{name}-3-history")

    # Ordering again: the checkout is filled in from the earlier order.
    screen.goto(f"{live_server.url}/shop/search/?q=keo+dua")
    add_from_card(screen, "Kẹo dừa lá dứa")
    screen.goto(f"{live_server.url}/shop/checkout/")
    expect(screen.locator("#id_name")).to_have_value("Nguyễn Thị Lan")
    expect(screen.locator("#id_street")).to_have_value("12 Lê Lợi")
    expect(screen.locator("#id_province")).to_have_value("86")
    check_page(screen, f"{name}-4-prefilled")
    screen.check("input[name=payment_method][value=vietqr]")
    screen.check("#id_consent")
    screen.get_by_role("button", name="Tiếp tục: xem lại đơn hàng").click()
    screen.wait_for_url("**/shop/checkout/review/")
    screen.get_by_role("button", name="Đặt hàng").click()
    screen.wait_for_url("**/shop/checkout/orders/**")

    order = Order.objects.exclude(pk=earlier.pk).get()
    box = screen.locator("#vietqr")
    for field, value in (("amount", str(order.total_vnd)), ("note", f"OCOP {order.number}")):
        box.locator(f"button[data-copy-name={field}]").click()
        expect(box.locator(".copy-status")).to_have_text(f"Đã chép: {value}")
        assert screen.evaluate("navigator.clipboard.readText()") == value
    check_page(screen, f"{name}-5-vietqr")
