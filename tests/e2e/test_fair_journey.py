"""Issue 12, end to end in Chromium: a producer applies for a booth on a phone, staff
approve it in Wagtail's admin, and the booth appears on the fair page and on the
producer's product page."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from fairs.models import BoothApplication
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.fairs.conftest import index_page, make_fair

from .axe import check_page
from .test_seller_journey import PASSWORD, shot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_producer_gets_a_booth_and_buyers_see_it(live_server, phone, browser):
    url = live_server.url
    User = get_user_model()
    producer = ProducerFactory(name="HTX Mật ong Tràm U Minh", email="htx@tram.vn")
    product = ProductFactory(producer=producer, title="Mật ong tràm nguyên chất")
    user = User.objects.create_user("htx@tram.vn", "htx@tram.vn", PASSWORD)
    producer.partner.users.add(user)
    User.objects.create_superuser("canbo", "canbo@ocop.vn", PASSWORD)
    fair = make_fair(index_page(), "Hội chợ OCOP Cà Mau")

    # 1. The producer applies from the seller centre.
    sign_in(phone, url, "htx@tram.vn")
    phone.goto(f"{url}/ban-hang/kenh/hoi-cho/")
    phone.get_by_role("link", name="Đăng ký gian hàng").click()
    phone.select_option("#id_zone", label="Khu OCOP 5 sao")
    phone.check("#id_products_0")
    phone.fill("#id_note", "Xin gian gần lối vào")
    shot(phone, "fair-apply-phone.png")
    check_page(phone, "journey-fair-1-apply-phone")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi đơn đăng ký").click()
    expect(phone.locator(".seller-page")).to_contain_text("Đang chờ xét duyệt")
    application = BoothApplication.objects.get(fair=fair, producer=producer)

    # 2. Staff approve it in Wagtail's admin.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    staff = context.new_page()
    staff.goto(f"{url}/cms/login/")
    staff.fill("#id_username", "canbo")
    staff.fill("#id_password", PASSWORD)
    with staff.expect_navigation():
        staff.locator("form button[type=submit]").first.click()
    staff.goto(f"{url}/cms/hoi-cho-gian/")
    with staff.expect_navigation():
        staff.locator(f"#application-{application.pk} form[action$='/approve/'] button").click()
    context.close()
    application.refresh_from_db()
    assert application.booth == "A01"

    # 3. The producer is told; buyers see the booth on the fair page and the product page.
    phone.goto(f"{url}/ban-hang/kenh/thong-bao/")
    expect(phone.locator(".notices")).to_contain_text("gian A01")
    phone.goto(f"{url}{fair.url}")
    expect(phone.locator(".fair-exhibitors")).to_contain_text("Gian A01")
    expect(phone.locator(".fair-exhibitors")).to_contain_text("Mật ong tràm nguyên chất")
    shot(phone, "fair-page-phone.png")
    check_page(phone, "journey-fair-2-fair-page-phone")
    phone.goto(f"{url}{product.get_absolute_url()}")
    phone.locator(".producer-more").scroll_into_view_if_needed()  # loaded as it nears
    expect(phone.locator(".fair-meet")).to_contain_text(
        "Gặp nhà sản xuất tại Hội chợ OCOP Cà Mau, gian A01"
    )
    check_page(phone, "journey-fair-3-product-phone")
    desktop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = desktop.new_page()
    page.goto(f"{url}{fair.url}")
    expect(page.locator(".fair-exhibitors")).to_contain_text("Gian A01")
    check_page(page, "journey-fair-2-fair-page-desktop")
    desktop.close()
