from decimal import Decimal

import pytest
from django.utils import translation

from catalogue.templatetags.ocop_tags import vnd


@pytest.mark.parametrize(
    "value, expected",
    [
        (Decimal("150000.00"), "150.000\xa0₫"),
        (Decimal("1500000"), "1.500.000\xa0₫"),
        (Decimal("0"), "0\xa0₫"),
        (45000, "45.000\xa0₫"),
    ],
)
def test_vnd_in_vietnamese_has_dot_groups_and_no_decimals(value, expected):
    with translation.override("vi"):
        assert vnd(value) == expected


def test_vnd_in_english_has_no_decimals_either():
    with translation.override("en"):
        assert vnd(Decimal("150000.00")) == "₫150,000"


def test_vnd_of_garbage_is_empty_not_an_error():
    assert vnd("not a price") == ""
