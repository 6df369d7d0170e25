"""A consumer on a phone browses by stars, opens a product and checks its certificate."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CertificateFactory, ProducerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    producer = ProducerFactory(name="HTX Bưởi da xanh Chợ Lách")
    good = CertificateFactory(
        product__title="Bưởi da xanh Chợ Lách",
        product__producer=producer,
        stars=5,
        issuer="Bộ Nông nghiệp và Môi trường",
        issuer_level="central",
        decision_number="123/QĐ-BNN",
    ).product
    old = CertificateFactory(
        product__title="Mứt vỏ bưởi",
        product__producer=producer,
        stars=4,
        decision_date=timezone.localdate() - datetime.timedelta(days=1200),
    ).product
    return good, old


def test_browse_by_stars_and_read_the_certificate(live_server, phone, catalogue):
    good, old = catalogue
    phone.goto(f"{live_server.url}/shop/catalogue/")
    expect(phone.locator("h1")).to_have_text("Tất cả sản phẩm OCOP")
    cards = phone.locator("article.card")
    expect(cards).to_have_count(2)
    phone.get_by_role("link", name="5★").first.click()
    phone.wait_for_url(f"**{reverse('catalogue:stars', args=[5])}")
    expect(cards).to_have_count(1)
    cards.first.get_by_role("link").first.click()
    phone.wait_for_url(f"**{good.get_absolute_url()}")
    box = phone.locator("section.certificate")
    expect(box).to_contain_text("123/QĐ-BNN")
    expect(box).to_contain_text("Bộ Nông nghiệp và Môi trường")
    # The page fits a phone: nothing wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone.screenshot(path=str(live_server_screenshot_path("product-phone.png")))


def test_expired_product_shows_no_stars(live_server, phone, catalogue):
    _, old = catalogue
    phone.goto(f"{live_server.url}{old.get_absolute_url()}")
    summary = phone.locator(".summary")
    expect(summary).to_contain_text("Chứng nhận đã hết hạn ngày")
    expect(summary.locator(".ocop-stars")).to_have_count(0)


def test_switch_to_english(live_server, phone, catalogue):
    phone.goto(f"{live_server.url}/shop/catalogue/")
    phone.locator("header").get_by_role("link", name="English").click()
    phone.wait_for_url("**/en/shop/catalogue/")
    expect(phone.locator("h1")).to_have_text("All OCOP products")


def live_server_screenshot_path(name):
    from pathlib import Path

    out = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out / name


def test_search_box_suggests_and_works_from_the_keyboard(live_server, phone, catalogue):
    good, _ = catalogue
    phone.goto(f"{live_server.url}/")
    box = phone.locator("#q")
    box.click()
    box.type("buoi da", delay=30)  # typed without accents
    options = phone.locator("#q-suggestions [role=option]")
    expect(options.first).to_contain_text("Bưởi da xanh Chợ Lách")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    phone.wait_for_url(f"**{good.get_absolute_url()}")


def test_search_page_with_facets(live_server, phone, catalogue):
    phone.goto(f"{live_server.url}/shop/search/?q=buoi")
    cards = phone.locator("article.card")
    expect(cards).to_have_count(2)
    # On a phone the filters are behind "Lọc", products first (issue 11).
    expect(phone.locator("#filters")).to_be_hidden()
    phone.get_by_role("link", name="Lọc").click()
    phone.locator(".facet").filter(has_text="Hạng sao OCOP").get_by_role("link", name="5★").click()
    phone.wait_for_url("**stars=5**")
    expect(cards).to_have_count(1)


def test_the_producers_other_products_load_as_the_buyer_scrolls_to_them(live_server, phone):
    """The product page loads the producer's part from its own URL (site.js, data-more) as
    the buyer nears it: once, without the page's own product, eight cards at most, and the
    add-to-basket buttons in it work."""
    producer = ProducerFactory(name="HTX Bưởi da xanh Chợ Lách")
    products = [
        CertificateFactory(
            product__title=f"Bưởi da xanh loại {i}", product__producer=producer
        ).product
        for i in range(10)
    ]
    fetched = []
    phone.on("request", lambda r: fetched.append(r.url) if "/more/" in r.url else None)
    own = products[-1]
    phone.goto(f"{live_server.url}{own.get_absolute_url()}")
    part = phone.locator(".producer-more")
    part.scroll_into_view_if_needed()
    expect(part).to_have_attribute("data-state", "loaded")
    cards = part.locator("article.card")
    expect(cards).to_have_count(8)
    expect(part.locator(f'[data-product="{own.pk}"]')).to_have_count(0)
    expect(part).to_contain_text("Sản phẩm khác của HTX Bưởi da xanh Chợ Lách")
    assert len(fetched) == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= phone.viewport_size["width"]
    phone.screenshot(
        path=str(live_server_screenshot_path("product-more-phone.png")), full_page=True
    )
    with phone.expect_navigation():
        cards.first.locator("button[type=submit]").click()
    expect(phone.locator(".messages")).to_contain_text("Bưởi da xanh loại")
    # The oldest product is not among the nine newest the part carries: the ninth goes.
    oldest = products[0]
    phone.goto(f"{live_server.url}{oldest.get_absolute_url()}")
    part.scroll_into_view_if_needed()
    expect(cards).to_have_count(8)
    expect(part.locator(f'[data-product="{products[1].pk}"]')).to_have_count(0)


def test_a_product_page_whose_producer_part_fails_keeps_the_producers_link(live_server, phone):
    """The part's URL down (500), or answering with a redirect to another page: nothing is
    inserted, the page keeps the producer box and its link, and nothing breaks."""
    producer = ProducerFactory(name="HTX Bưởi da xanh Chợ Lách")
    own, other = (
        CertificateFactory(
            product__title=f"Bưởi da xanh loại {i}", product__producer=producer
        ).product
        for i in range(2)
    )
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    for answer in (
        {"status": 500, "body": "<p>Lỗi</p>"},
        {"status": 302, "headers": {"Location": "/shop/basket/"}},
    ):
        phone.unroute("**/more/")
        phone.route("**/more/", lambda route, _request, answer=answer: route.fulfill(**answer))
        phone.goto(f"{live_server.url}{own.get_absolute_url()}")
        part = phone.locator(".producer-more")
        part.scroll_into_view_if_needed()
        expect(part).to_have_attribute("data-state", "failed")
        assert part.locator("article.card").count() == 0, answer
        assert part.inner_html().strip() == "", answer
        expect(phone.locator(".producer-card")).to_contain_text(
            "Xem tất cả sản phẩm của HTX Bưởi da xanh Chợ Lách"
        )
    assert errors == []
