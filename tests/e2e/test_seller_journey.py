"""Issue 10, end to end in Chromium: a cooperative signs up on a phone, staff approve it,
it lists a product in two options with a photo, staff approve the listing, a buyer finds
it by searching without accents and orders it cash on delivery, the producer ships the
parcel with a tracking number, and the buyer's order page shows it."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from catalogue.models import Producer, Product
from storefront.order.models import Order

from .test_checkout_on_a_phone import add_to_basket, fill_details
from .test_shopping_on_a_phone import live_server_screenshot_path

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-dai-2026"


def photo_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (600, 400), (214, 160, 40)).save(buf, "JPEG")
    return buf.getvalue()


def shot(page, name):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.screenshot(path=str(live_server_screenshot_path(name)), full_page=True)


def sign_in(page, url, email):
    page.goto(f"{url}/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    with page.expect_navigation():
        page.click("button[name=login_submit]")


def staff_approves(browser, url, kind, pk):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{url}/cms/login/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    page.goto(f"{url}/cms/duyet-nguoi-ban/")
    shot(page, f"seller-review-{kind}-desktop.png")
    with page.expect_navigation():
        page.locator(f"#{kind}-{pk} form[action$='/approve/'] button").click()
    context.close()


def test_a_cooperative_sells_on_its_phone(live_server, phone, browser):
    url = live_server.url
    User = get_user_model()
    User.objects.create_user("htx@namrom.vn", "htx@namrom.vn", PASSWORD)
    User.objects.create_superuser("canbo", "canbo@ocop.vn", PASSWORD)

    # 1. The cooperative applies.
    sign_in(phone, url, "htx@namrom.vn")
    phone.goto(f"{url}/ban-hang/")
    shot(phone, "seller-landing-phone.png")
    phone.get_by_role("link", name="Đăng ký bán hàng").click()
    phone.fill("#id_name", "HTX Mật ong Tràm U Minh")
    phone.select_option("#id_kind", "cooperative")
    phone.fill("#id_registration_number", "6101234567")
    phone.fill("#id_tax_code", "6101234567")
    phone.select_option("#id_province", "96")  # Cà Mau
    phone.wait_for_selector("#id_ward option:nth-child(2)", state="attached")
    phone.select_option("#id_ward", index=1)
    phone.fill("#id_street", "Ấp 7, xã Khánh Lâm")
    phone.fill("#id_contact_name", "Nguyễn Văn Tràm")
    phone.fill("#id_phone", "0912 345 678")
    phone.fill("#id_email", "htx@namrom.vn")
    phone.set_input_files(
        "#id_registration_scan",
        {"name": "dkkd.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"},
    )
    shot(phone, "seller-apply-phone.png")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi đơn đăng ký").click()
    expect(phone.locator("main")).to_contain_text("Đơn đăng ký đang chờ cán bộ kiểm tra")
    producer = Producer.objects.get(name="HTX Mật ong Tràm U Minh")
    assert not producer.verified

    # 2. Staff approve the producer in Wagtail's admin.
    staff_approves(browser, url, "producer", producer.pk)
    producer.refresh_from_db()
    assert producer.verified

    # 3. The producer lists honey in two jar sizes, with a photo, and sends it for review.
    phone.goto(f"{url}/ban-hang/kenh/san-pham/them/")
    phone.fill("#id_title", "Mật ong hoa tràm U Minh")
    phone.select_option("#id_category", label="I.3.c Chế biến từ rau, củ, quả, hạt")
    phone.fill("#id_description", "Mật ong hoa tràm khai thác tự nhiên trong rừng U Minh Hạ.")
    phone.check("#id_has_options")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Lưu bản nháp").click()
    for label, price, stock in (("Hũ 250 g", "95.000", "30"), ("Hũ 500 g", "180.000", "12")):
        phone.fill("#id_new-label", label)
        phone.fill("#id_new-price", price)
        phone.fill("#id_new-num_in_stock", stock)
        with phone.expect_navigation():
            phone.get_by_role("button", name="Thêm phân loại").last.click()
    phone.get_by_role("link", name="Quản lý ảnh").click()
    phone.set_input_files(
        "#id_photos", {"name": "mat-ong.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tải lên").click()
    phone.get_by_role("link", name="Quay lại sản phẩm").click()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi duyệt").click()
    expect(phone.locator(".listing-state")).to_contain_text("Chờ duyệt")
    shot(phone, "seller-listing-phone.png")
    product = Product.objects.get(title="Mật ong hoa tràm U Minh")
    assert product.children.count() == 2

    # 4. Staff approve the listing.
    staff_approves(browser, url, "listing", product.pk)
    product.refresh_from_db()
    assert product.listing_state == Product.ListingState.LIVE

    # 5. A buyer finds it without accents and orders the 500 g jar, cash on delivery.
    buyer = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True
    ).new_page()
    buyer.goto(f"{url}/shop/search/?q=mat+ong+tram")
    buyer.get_by_role("link", name="Mật ong hoa tràm U Minh").first.click()
    expect(buyer.locator(".options")).to_contain_text("Hũ 500 g")
    buyer.check("input[name=child_id] >> nth=1")
    shot(buyer, "seller-product-options-phone.png")
    add_to_basket(buyer)
    buyer.goto(f"{url}/shop/checkout/")
    fill_details(buyer, "Lê Thị Hoa", "0912 000 111", "hoa@example.com", 79, "12 Lê Lợi", "cod")
    buyer.wait_for_url("**/shop/checkout/review/")
    buyer.get_by_role("button", name="Đặt hàng").click()
    buyer.wait_for_url("**/shop/checkout/orders/**")
    order_page = buyer.url
    link = re.search(r"http\S+/shop/checkout/confirm/\S+/", mail.outbox[-1].body).group(0)
    buyer.goto(f"{url}/" + link.split("://", 1)[1].split("/", 1)[1])
    with buyer.expect_navigation():
        buyer.get_by_role("button", name="Xác nhận đơn hàng").click()
    order = Order.objects.get()
    assert order.status == "placed"
    assert order.lines.get().product.title == "Hũ 500 g"

    # 6. The producer ships the parcel with the carrier's tracking number.
    phone.goto(f"{url}/ban-hang/kenh/don-hang/")
    phone.get_by_role("link", name=f"Đơn hàng {order.number}").click()
    expect(phone.locator("main")).to_contain_text("Hũ 500 g")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Xác nhận: tôi sẽ giao đơn này").click()
    phone.fill("#id_carrier", "Viettel Post")
    phone.fill("#id_tracking_code", "VTP 8866 2026")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đánh dấu đã gửi hàng").click()
    expect(phone.locator("main")).to_contain_text("VTP88662026")
    shot(phone, "seller-parcel-phone.png")

    # 7. The buyer's order page shows the parcel on its way, with the tracking number.
    buyer.goto(order_page)
    expect(buyer.locator("main")).to_contain_text("VTP88662026")
    expect(buyer.locator("main")).to_contain_text("Viettel Post")
    shot(buyer, "seller-buyer-tracking-phone.png")
