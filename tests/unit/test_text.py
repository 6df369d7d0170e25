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
