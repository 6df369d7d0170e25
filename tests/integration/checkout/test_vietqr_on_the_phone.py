"""The VietQR order page on the phone that shows it (issue 11): a buyer cannot scan their
own screen, so the details copy with one tap and the code saves as a picture to open in
the banking app. Without JavaScript the values stay visible and selectable."""

import re

import pytest
from django.conf import settings

from storefront.order import services
from storefront.order.links import order_number_from, order_status_url, order_token
from storefront.payments import vietqr

from .conftest import basket_with, buyer

pytestmark = pytest.mark.django_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def transfer_order(two_producers):
    return services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")


def copy_buttons(html):
    return dict(re.findall(r'<button[^>]*data-copy="([^"]*)"[^>]*data-copy-name="(\w+)"', html))


def test_each_transfer_detail_has_a_copy_button_with_the_value_to_paste(client, transfer_order):
    html = client.get(order_status_url(transfer_order)).content.decode()

    buttons = {name: value for value, name in copy_buttons(html).items()}
    assert buttons == {
        "account": settings.VIETQR_ACCOUNT_NUMBER,
        "amount": str(transfer_order.total_vnd),  # digits only: a banking app takes no dots
        "note": vietqr.transfer_note(transfer_order.number),
    }
    assert "." not in buttons["amount"]
    # Hidden until the script runs: without it the values are there to select by hand.
    assert len(re.findall(r"<button[^>]*data-copy=[^>]*\bhidden\b", html)) == 3
    assert "Chép" in html
    # The confirmation is announced to screen readers.
    assert re.search(r'<p[^>]*class="copy-status"[^>]*aria-live="polite"', html)
    assert re.search(r'<script src="/static/js/copy\.js"', html)


def test_the_values_are_on_the_page_without_javascript(client, transfer_order):
    html = client.get(order_status_url(transfer_order)).content.decode()
    shown = f"{transfer_order.total_vnd:,}".replace(",", ".") + "\xa0₫"
    values = re.findall(r'<span class="copy-value"[^>]*>([^<]*)</span>', html)
    # What the buyer reads (the amount with dots; the button copies digits only).
    assert values == [
        settings.VIETQR_ACCOUNT_NUMBER,
        shown,
        vietqr.transfer_note(transfer_order.number),
    ]


def test_the_page_has_a_save_qr_button_that_downloads_a_png(client, transfer_order):
    html = client.get(order_status_url(transfer_order)).content.decode()
    # The page's own signed link (dated to the second, so read from the page).
    token = re.search(r'href="/shop/checkout/orders/([^/"]+)/vietqr\.png" download', html).group(1)
    assert order_number_from(token) == str(transfer_order.number)
    assert "Lưu ảnh QR" in html

    response = client.get(f"/shop/checkout/orders/{token}/vietqr.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'attachment; filename="vietqr-{transfer_order.number}.png"'
    )
    assert response.content.startswith(PNG_MAGIC)


def test_the_png_is_only_reached_through_the_signed_order_link(client, transfer_order):
    forged = order_token(transfer_order)[:-3] + "abc"
    assert client.get(f"/shop/checkout/orders/{forged}/vietqr.png").status_code == 404
    by_number = f"/shop/checkout/orders/{transfer_order.number}/vietqr.png"
    assert client.get(by_number).status_code == 404


def test_no_png_once_the_order_is_paid_or_for_another_method(client, two_producers):
    cod = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
    assert client.get(f"/shop/checkout/orders/{order_token(cod)}/vietqr.png").status_code == 404
    paid = services.place_order(basket_with((two_producers[1], 1)), buyer(), "vietqr")
    services.mark_paid(paid, paid.total_incl_tax, actor="staff")
    assert client.get(f"/shop/checkout/orders/{order_token(paid)}/vietqr.png").status_code == 404


def test_the_png_is_a_square_picture_large_enough_to_scan_from_the_gallery(transfer_order):
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(vietqr.png(vietqr.order_payload(transfer_order))))
    image.verify()
    assert image.format == "PNG"
    assert image.width == image.height >= 400


def test_each_copy_button_says_what_it_copies_to_a_screen_reader(client, transfer_order):
    html = client.get(order_status_url(transfer_order)).content.decode()
    names = re.findall(r'Chép<span class="visually-hidden"> ([^<]+)</span></button>', html)
    assert names == ["Số tài khoản", "Số tiền cần chuyển", "Nội dung chuyển khoản"]
