from decimal import Decimal

import pytest

from catalogue.models import ProductClass
from storefront.places.models import Province
from storefront.shipping.models import ZoneRate
from storefront.shipping.parcels import quote_parcels, zone_between
from tests.factories import ProductFactory

from .conftest import basket_with

pytestmark = pytest.mark.django_db


def p(code):
    return Province.objects.get(pk=code)


def test_every_province_has_a_region():
    assert not Province.objects.filter(region="").exists()
    assert Province.objects.count() == 34


@pytest.mark.parametrize(
    "origin, destination, zone",
    [
        (75, 75, "local"),  # Đồng Nai → Đồng Nai
        (75, 79, "regional"),  # Đồng Nai → HCMC (South East)
        (86, 92, "regional"),  # Vĩnh Long → Cần Thơ (Mekong Delta)
        (75, 1, "national"),  # Đồng Nai → Hà Nội
        (75, None, "national"),  # no address yet: quote the far zone
    ],
)
def test_zone_between_provinces(origin, destination, zone):
    assert zone_between(p(origin), p(destination) if destination else None) == zone


def test_rates_are_data_staff_edit(two_producers):
    south, _ = two_producers
    basket = basket_with((south, 1))
    assert quote_parcels(basket, p(79))[0].charge == 30000
    ZoneRate.objects.filter(zone="regional").update(fee=25000, free_from=100000)
    (parcel,) = quote_parcels(basket, p(79))
    assert parcel.charge == 0  # 120.000 ₫ ≥ the new 100.000 ₫ threshold


def test_short_of_free_shipping_is_told(two_producers):
    south, _ = two_producers
    (parcel,) = quote_parcels(basket_with((south, 1)), p(79))
    assert parcel.short_of_free == Decimal(500000 - 120000)


def test_experiences_are_not_shipped(dong_nai_producer):
    tour_class = ProductClass.objects.create(name="Tour", requires_shipping=False)
    tour = ProductFactory(producer=dong_nai_producer, product_class=tour_class)
    (parcel,) = quote_parcels(basket_with((tour, 1)), p(1))
    assert parcel.zone == "none" and parcel.charge == 0


def test_negative_rates_are_refused():
    from django.core.exceptions import ValidationError

    rate = ZoneRate.objects.get(zone="local")
    rate.fee = -1
    with pytest.raises(ValidationError):
        rate.full_clean()
