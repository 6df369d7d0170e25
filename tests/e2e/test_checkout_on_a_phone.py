"""A buyer on a phone orders from two producers and pays by VietQR transfer."""

import pytest
from playwright.sync_api import expect

from storefront.order.models import Order
from storefront.places.models import Province, Ward
from tests.factories import ProducerFactory, ProductFactory

from .test_shopping_on_a_phone import live_server_screenshot_path

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def add_to_basket(phone):
    """Press "add to basket" and wait for the page it leads to: going elsewhere before
    that would cancel the request."""
    with phone.expect_navigation():
        phone.locator(".add-to-basket button[type=submit]").click()


def fill_details(phone, name, tel, email, province, street, method):
    """Fill the checkout details page and go on to the review; returns the commune."""
    phone.fill("#id_name", name)
    phone.fill("#id_phone", tel)
    phone.fill("#id_email", email)
    phone.select_option("#id_province", str(province))
    ward = Ward.objects.filter(province_id=province).order_by("name").first()
    phone.wait_for_selector(f"#id_ward option[value='{ward.pk}']", state="attached")
    phone.select_option("#id_ward", str(ward.pk))
    phone.fill("#id_street", street)
    phone.check(f"input[name=payment_method][value={method}]")
    phone.check("#id_consent")
    phone.get_by_role("button", name="Tiếp tục: xem lại đơn hàng").click()
    return ward


def test_order_from_two_producers_with_vietqr(live_server, phone):
    south = ProductFactory(
        title="Hạt điều rang muối", producer=ProducerFactory(province=Province.objects.get(pk=75))
    )
    hanoi_ward = Ward.objects.filter(province_id=1).order_by("code").first()
    north = ProductFactory(
        title="Chè Shan tuyết",
        producer=ProducerFactory(province=Province.objects.get(pk=1), ward=hanoi_ward),
    )
    for product in (south, north):
        phone.goto(f"{live_server.url}{product.get_absolute_url()}")
        add_to_basket(phone)

    phone.goto(f"{live_server.url}/shop/checkout/")
    # The commune list follows the province without a page reload.
    assert phone.locator("button[name=choose_province]").is_hidden()
    ward = fill_details(  # Vĩnh Long
        phone, "Trần Văn Bình", "0987 654 321", "binh@example.com", 86, "Ấp Tân Hưng", "vietqr"
    )

    phone.wait_for_url("**/shop/checkout/review/")
    review = phone.locator("main").inner_text()
    assert "Kiện hàng của" in review and "Hạt điều rang muối" in review
    assert "Tổng tiền đã bao gồm VAT và phí giao hàng" in review
    phone.screenshot(path=str(live_server_screenshot_path("review-phone.png")), full_page=True)
    phone.get_by_role("button", name="Đặt hàng").click()

    phone.wait_for_url("**/shop/checkout/orders/**")
    order = Order.objects.get()
    page = phone.locator("main").inner_text()
    assert f"Đơn hàng {order.number}" in page
    assert "Chờ chuyển khoản" in page
    assert f"OCOP {order.number}" in page  # the transfer note
    qr = phone.locator("#vietqr img")
    assert phone.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(live_server_screenshot_path("order-phone.png")), full_page=True)
    assert order.shipping_address.ward == ward
    assert order.parcels.count() == 2


def test_cash_on_delivery_confirmed_from_the_e_mail_link(live_server, phone):
    import re

    from django.core import mail

    product = ProductFactory(title="Kẹo dừa Bến Tre", producer=ProducerFactory())
    phone.goto(f"{live_server.url}{product.get_absolute_url()}")
    add_to_basket(phone)
    phone.goto(f"{live_server.url}/shop/checkout/")
    fill_details(phone, "Lê Thị Hoa", "0912 000 111", "hoa@example.com", 79, "12 Lê Lợi", "cod")
    phone.wait_for_url("**/shop/checkout/review/")
    phone.get_by_role("button", name="Đặt hàng").click()
    phone.wait_for_url("**/shop/checkout/orders/**")
    expect(phone.locator("main")).to_contain_text("Chờ xác nhận")

    link = re.search(r"http\S+/shop/checkout/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    phone.goto(f"{live_server.url}{path}")
    phone.screenshot(path=str(live_server_screenshot_path("confirm-phone.png")), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Xác nhận đơn hàng").click()

    phone.wait_for_url("**/shop/checkout/orders/**")
    expect(phone.locator("main")).to_contain_text("đã được xác nhận")
    order = Order.objects.get()
    assert order.status == "placed" and order.confirmed_at
    phone.screenshot(path=str(live_server_screenshot_path("confirmed-phone.png")), full_page=True)
