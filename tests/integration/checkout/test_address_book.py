"""The buyer's address book (issue 11): our form (name, phone, street, province → commune,
default flag) in Vietnamese, the same commune narrowing as the checkout with or without
JavaScript, and every address found through the signed-in user."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.address.models import UserAddress
from storefront.places.models import Ward

from .conftest import ward_of

pytestmark = pytest.mark.django_db

BOOK = "/shop/accounts/addresses/"


@pytest.fixture
def lan(django_user_model, client):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    return user


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("binh", "binh@example.com", "pw-12345678")


def form(**overrides):
    data = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "street": "12 Lê Lợi",
        "province": 79,
        "ward": ward_of(79).pk,
    }
    data.update(overrides)
    return data


def saved(user, province=79, default=False, street="12 Lê Lợi", name="Nguyễn Thị Lan"):
    ward = ward_of(province)
    return UserAddress.objects.create(
        user=user,
        first_name="",
        last_name=name,
        line1=street,
        line4=ward.name,
        state=ward.province.name,
        country_id="VN",
        phone_number="+84912345678",
        province=ward.province,
        ward=ward,
        is_default_for_shipping=default,
    )


def test_the_form_asks_what_a_vietnamese_address_has_in_vietnamese(client, lan):
    html = client.get(BOOK + "add/").content.decode()
    for name in ("name", "phone", "street", "province", "ward", "is_default_for_shipping"):
        assert f'name="{name}"' in html, name
    for oscar_only in ("postcode", "line2", "line3", "country", "first_name"):
        assert f'name="{oscar_only}"' not in html, oscar_only
    for label in ("Họ và tên", "Số điện thoại", "Tỉnh / thành phố", "Xã / phường", "Số nhà"):
        assert label in html
    assert "Dùng làm địa chỉ giao hàng mặc định" in html
    # The same script as the checkout narrows the communes; without it, a button does.
    assert 'id="checkout-js"' in html and 'name="choose_province"' in html


def test_saving_stores_the_commune_and_province(client, lan):
    ward = ward_of(79)
    response = client.post(BOOK + "add/", form(is_default_for_shipping="on"))

    assert response.status_code == 302 and response["Location"] == BOOK
    address = UserAddress.objects.get(user=lan)
    assert (address.province_id, address.ward_id) == (79, ward.pk)
    assert address.last_name == "Nguyễn Thị Lan" and address.line1 == "12 Lê Lợi"
    assert (address.line4, address.state) == (ward.name, ward.province.name)
    assert str(address.phone_number) == "+84912345678"
    assert address.is_default_for_shipping


def test_without_javascript_the_button_narrows_the_communes_and_keeps_what_was_typed(client, lan):
    response = client.post(
        BOOK + "add/", {"name": "Trần Văn Bình", "province": 1, "choose_province": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert not UserAddress.objects.exists()
    assert 'value="Trần Văn Bình"' in html
    hanoi = Ward.objects.filter(province_id=1).first()
    saigon = Ward.objects.filter(province_id=79).first()
    assert f'<option value="{hanoi.pk}"' in html
    assert f'<option value="{saigon.pk}"' not in html


def test_a_commune_of_another_province_is_refused_with_a_reason(client, lan):
    response = client.post(BOOK + "add/", form(province=1))
    html = response.content.decode()
    assert response.status_code == 400
    assert "không thuộc" in html and "hãy chọn một xã/phường của tỉnh này" in html
    assert not UserAddress.objects.exists()


BAD = {
    "phone-superscript": ("phone", "0912²345678"),
    "ward-superscript": ("ward", "²"),
    "province-superscript": ("province", "²"),
    "street-5000": ("street", "x" * 5000),
    "name-5000": ("name", "L" * 5000),
    "name-nul": ("name", "\x00"),
}


@pytest.mark.parametrize("field, value", BAD.values(), ids=BAD.keys())
def test_bad_input_gets_a_vietnamese_error_and_loses_nothing_typed(client, lan, field, value):
    typed = form(street="Hẻm 45 Trần Hưng Đạo", name="Lê Thị Hoa")
    typed[field] = value

    response = client.post(BOOK + "add/", typed)

    html = response.content.decode()
    assert response.status_code == 400
    assert not UserAddress.objects.exists()
    errors = re.findall(r'<p class="field-error"[^>]*>([^<]+)</p>', html)
    assert errors and all(
        re.search(r"[ạảãàáâậầấẩẫăắằặẳẵđêệềếểễôộồốổỗơớờợởỡưứừựửữíìịỉĩýỳỵỷỹ]", e) for e in errors
    ), errors
    for name, kept in typed.items():
        if name != field and name not in ("province", "ward"):
            assert f'value="{kept}"' in html, name


def test_editing_shows_the_saved_address_with_its_communes(client, lan):
    address = saved(lan, province=1)
    html = client.get(f"{BOOK}{address.pk}/").content.decode()
    assert re.search(rf'<option value="{address.ward_id}" selected>', html)
    assert re.search(r'<option value="1" selected>', html)
    assert 'value="0912 345 678"' in html  # the way Vietnamese write it

    response = client.post(f"{BOOK}{address.pk}/", form(street="99 Hàng Bài"))

    assert response.status_code == 302
    address.refresh_from_db()
    assert address.line1 == "99 Hàng Bài" and address.province_id == 79


def test_the_same_address_twice_is_refused(client, lan):
    saved(lan)
    response = client.post(BOOK + "add/", form())
    assert response.status_code == 400
    assert "Địa chỉ này đã có trong sổ địa chỉ của bạn" in response.content.decode()
    assert UserAddress.objects.count() == 1


def test_making_an_address_the_default_is_a_post(client, lan):
    first, second = saved(lan, default=True), saved(lan, street="5 Hai Bà Trưng")
    url = f"{BOOK}{second.pk}/default_for_shipping/"

    assert client.get(url).status_code == 405  # a GET changes nothing
    second.refresh_from_db()
    assert not second.is_default_for_shipping

    assert client.post(url).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.is_default_for_shipping and not first.is_default_for_shipping


def test_deleting_asks_then_deletes(client, lan):
    address = saved(lan)
    html = client.get(f"{BOOK}{address.pk}/delete/").content.decode()
    assert "12 Lê Lợi" in html and "Xoá địa chỉ" in html
    assert UserAddress.objects.filter(pk=address.pk).exists()

    assert client.post(f"{BOOK}{address.pk}/delete/").status_code == 302
    assert not UserAddress.objects.filter(pk=address.pk).exists()


def test_another_buyers_address_is_not_found_and_not_changed(client, lan, other):
    theirs = saved(other)
    for method, path, data in (
        ("get", f"{BOOK}{theirs.pk}/", None),
        ("post", f"{BOOK}{theirs.pk}/", form(street="Của Lan")),
        ("get", f"{BOOK}{theirs.pk}/delete/", None),
        ("post", f"{BOOK}{theirs.pk}/delete/", None),
        ("post", f"{BOOK}{theirs.pk}/default_for_shipping/", None),
    ):
        response = getattr(client, method)(path, data)
        assert response.status_code == 404, (method, path)
    theirs.refresh_from_db()
    assert theirs.line1 == "12 Lê Lợi" and not theirs.is_default_for_shipping
    assert "12 Lê Lợi" not in client.get(BOOK).content.decode()


def test_the_book_lists_the_default_first_in_vietnamese(client, lan):
    saved(lan, street="5 Hai Bà Trưng")
    saved(lan, province=1, default=True, street="1 Tràng Tiền")
    html = client.get(BOOK).content.decode()
    assert html.index("1 Tràng Tiền") < html.index("5 Hai Bà Trưng")
    assert "Mặc định" in html and "Thêm địa chỉ" in html
    assert "Postcode" not in html and "Mã bưu" not in html


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


ADDRESS_BOOK_LIMIT = 8


def test_the_address_book_makes_the_same_queries_whatever_its_size(client, lan):
    saved(lan)
    small = count(client, BOOK)
    for i in range(9):
        saved(lan, province=(1, 79, 75)[i % 3], street=f"{i} Nguyễn Huệ")
    large = count(client, BOOK)
    assert large == small <= ADDRESS_BOOK_LIMIT, (small, large)


def test_the_first_address_is_the_default_even_unticked(client, lan):
    client.post(BOOK + "add/", form())
    client.post(BOOK + "add/", form(street="5 Hai Bà Trưng"))
    first, second = UserAddress.objects.filter(user=lan).order_by("pk")
    assert first.is_default_for_shipping and not second.is_default_for_shipping


def test_the_first_address_form_shows_the_default_box_ticked(client, lan):
    box = re.search(
        r'<input[^>]*name="is_default_for_shipping"[^>]*>',
        client.get(BOOK + "add/").content.decode(),
    )
    assert "checked" in box.group(0)
    saved(lan)
    box = re.search(
        r'<input[^>]*name="is_default_for_shipping"[^>]*>',
        client.get(BOOK + "add/").content.decode(),
    )
    assert "checked" not in box.group(0)
