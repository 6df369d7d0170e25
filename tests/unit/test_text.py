import pytest

from storefront.text import fold, slugify


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Nấm rơm sạch Đồng Nai", "nam-rom-sach-dong-nai"),
        ("Kẹo dừa Bến Tre – hộp 500g", "keo-dua-ben-tre-hop-500g"),
        ("ĐẶC SẢN ĐẮK LẮK", "dac-san-dak-lak"),
        ("Chè búp Tân Cương đặc biệt", "che-bup-tan-cuong-dac-biet"),
        ("Rượu làng Vân 40°", "ruou-lang-van-40"),
    ],
)
def test_slug_keeps_d_and_drops_accents(title, slug):
    assert slugify(title) == slug


def test_fold_removes_every_vietnamese_diacritic():
    assert fold("Nấm rơm Đồng Nai, kẹo dừa, Ưu đãi") == "Nam rom Dong Nai, keo dua, Uu dai"


def test_oscar_uses_our_slug_function(settings):
    from oscar.core.utils import slugify as oscar_slugify

    assert oscar_slugify("Đồng Nai") == "dong-nai"


def test_vietnamese_order_puts_names_where_readers_look_for_them():
    from storefront.text import vietnamese_key

    names = [
        "Tỉnh Đồng Nai",
        "Thành phố Hà Nội",
        "Tỉnh Vĩnh Long",
        "Tỉnh Cao Bằng",
        "Tỉnh Cà Mau",
        "Thành phố Cần Thơ",
        "Tỉnh Điện Biên",
        "Tỉnh Hưng Yên",
        "Thành phố Huế",
        "Tỉnh Gia Lai",
    ]
    assert sorted(names, key=vietnamese_key) == [
        "Tỉnh Cà Mau",
        "Tỉnh Cao Bằng",
        "Thành phố Cần Thơ",  # â after a
        "Tỉnh Điện Biên",  # đ right after d, before e
        "Tỉnh Đồng Nai",
        "Tỉnh Gia Lai",
        "Thành phố Hà Nội",  # under H, not T
        "Thành phố Huế",
        "Tỉnh Hưng Yên",  # ư after u
        "Tỉnh Vĩnh Long",
    ]
    assert vietnamese_key("Phường Bến Nghé") < vietnamese_key("Xã Cần Giờ")
