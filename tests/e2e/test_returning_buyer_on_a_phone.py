"""A returning buyer on a 390 px phone (issue 11): signs in, finds the checkout filled in
from the address book, pays by VietQR on the same phone with the copy buttons and saves
the QR picture."""

import pytest
from playwright.sync_api import expect

from storefront.address.models import UserAddress
from storefront.order.models import Order
from storefront.places.models import Ward
from tests.factories import ProducerFactory, ProductFactory

from .test_checkout_on_a_phone import add_to_basket
from .test_shopping_on_a_phone import live_server_screenshot_path

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-dai-123"


def shot(page, name):
    page.screenshot(path=str(live_server_screenshot_path(name)), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def sign_in(page, url, email):
    page.goto(f"{url}/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    with page.expect_navigation():
        page.click("button[name=login_submit]")


def test_a_returning_buyer_checks_out_prefilled_and_copies_the_transfer_details(
    live_server, phone, django_user_model
):
    user = django_user_model.objects.create_user("hoa", "hoa@example.com", PASSWORD)
    ward = Ward.objects.filter(province_id=86).order_by("code").first()  # Vĩnh Long
    UserAddress.objects.create(
        user=user,
        first_name="",
        last_name="Lê Thị Hoa",
        line1="Ấp Tân Hưng",
        line4=ward.name,
        state=ward.province.name,
        country_id="VN",
        phone_number="+84912000111",
        province=ward.province,
        ward=ward,
        is_default_for_shipping=True,
    )
    product = ProductFactory(title="Kẹo dừa Bến Tre", producer=ProducerFactory())
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    sign_in(phone, live_server.url, "hoa@example.com")
    phone.goto(f"{live_server.url}/shop/accounts/addresses/")
    expect(phone.locator("main")).to_contain_text("Ấp Tân Hưng")
    shot(phone, "address-book-phone.png")

    phone.goto(f"{live_server.url}{product.get_absolute_url()}")
    add_to_basket(phone)
    phone.goto(f"{live_server.url}/shop/checkout/")
    # Filled in from the default address, commune list already that province's.
    expect(phone.locator("#id_name")).to_have_value("Lê Thị Hoa")
    expect(phone.locator("#id_phone")).to_have_value("0912 000 111")
    expect(phone.locator("#id_street")).to_have_value("Ấp Tân Hưng")
    expect(phone.locator("#id_province")).to_have_value("86")
    expect(phone.locator("#id_ward")).to_have_value(str(ward.pk))
    expect(phone.locator("#id_email")).to_have_value("hoa@example.com")
    expect(phone.locator("#id_consent")).not_to_be_checked()  # never pre-ticked
    shot(phone, "checkout-prefilled-phone.png")
    phone.check("input[name=payment_method][value=vietqr]")
    phone.check("#id_consent")
    phone.get_by_role("button", name="Tiếp tục: xem lại đơn hàng").click()
    phone.wait_for_url("**/shop/checkout/review/")
    phone.get_by_role("button", name="Đặt hàng").click()
    phone.wait_for_url("**/shop/checkout/orders/**")

    order = Order.objects.get()
    assert order.user == user and order.shipping_address.ward == ward
    box = phone.locator("#vietqr")
    status = box.locator(".copy-status")
    for name, value in (
        ("account", None),
        ("amount", str(order.total_vnd)),
        ("note", f"OCOP {order.number}"),
    ):
        button = box.locator(f"button[data-copy-name={name}]")
        expect(button).to_be_visible()
        value = value or button.get_attribute("data-copy")
        button.click()
        # The value in the message: not the previous button's confirmation still showing.
        expect(status).to_have_text(f"Đã chép: {value}")
        assert phone.evaluate("navigator.clipboard.readText()") == value, name
        if name == "amount":
            assert value.isdigit()  # no dots for the banking app
            shot(phone, "vietqr-copied-phone.png")
    assert status.get_attribute("aria-live") == "polite"

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Lưu ảnh QR").click()
    assert download.value.suggested_filename == f"vietqr-{order.number}.png"
    with open(download.value.path(), "rb") as png:
        assert png.read(8) == b"\x89PNG\r\n\x1a\n"

    # Cancelling asks first; the order is kept until the confirming button.
    phone.get_by_role("link", name="Huỷ đơn hàng này").click()
    expect(phone.locator("h1")).to_have_text(f"Bạn chắc chắn muốn huỷ đơn {order.number}?")
    shot(phone, "cancel-question-phone.png")
    phone.get_by_role("link", name="Không, giữ đơn hàng").click()
    order.refresh_from_db()
    assert order.status == "awaiting-transfer"

    phone.goto(f"{live_server.url}/shop/accounts/orders/")
    expect(phone.locator("main")).to_contain_text("Bạn từng đặt hàng khi chưa có tài khoản?")
    shot(phone, "order-history-phone.png")
    phone.goto(f"{live_server.url}/shop/accounts/addresses/add/")
    phone.select_option("#id_province", "1")
    hanoi = Ward.objects.filter(province_id=1).order_by("code").first()
    phone.wait_for_selector(f"#id_ward option[value='{hanoi.pk}']", state="attached")
    shot(phone, "address-form-phone.png")


def test_without_javascript_the_transfer_details_are_plain_text(live_server, browser):
    from storefront.order import services
    from storefront.order.links import order_status_url
    from tests.integration.checkout.conftest import basket_with, buyer

    product = ProductFactory(producer=ProducerFactory())
    order = services.place_order(basket_with((product, 1)), buyer(), "vietqr")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{order_status_url(order)}")
    box = page.locator("#vietqr")
    expect(box.locator("button[data-copy]")).to_have_count(3)
    for button in box.locator("button[data-copy]").all():
        expect(button).to_be_hidden()  # nothing that would not work
    expect(box.locator(".copy-value").nth(2)).to_have_text(f"OCOP {order.number}")
    expect(box.get_by_role("link", name="Lưu ảnh QR")).to_be_visible()
    shot(page, "vietqr-no-js-phone.png")
    context.close()
