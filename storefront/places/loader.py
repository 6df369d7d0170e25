"""Load provinces and communes from the `vietnam-provinces` package."""

from vietnam_provinces import Province as VNProvince
from vietnam_provinces import Ward as VNWard

from storefront.text import fold, slugify

CITY_PREFIX = "Thành phố "

# The six socio-economic regions, used as the "neighbouring" shipping zone. The package has
# no regions, so this is the one hand-kept table: 34 codes, checked against the 2025 map
# (the Central Highlands keep Gia Lai, Đắk Lắk and Lâm Đồng). Staff may edit a province's
# region in the admin; reloading never overwrites an edited value.
REGIONS = {
    "northern-mountains": (4, 8, 11, 12, 14, 15, 19, 20, 25),
    "red-river-delta": (1, 22, 24, 31, 33, 37),
    "central-coast": (38, 40, 42, 44, 46, 48, 51, 56),
    "central-highlands": (52, 66, 68),
    "south-east": (75, 79, 80),
    "mekong-delta": (82, 86, 91, 92, 96),
}
REGION_BY_PROVINCE = {code: region for region, codes in REGIONS.items() for code in codes}


def english_name(name: str) -> str:
    if name.startswith(CITY_PREFIX):
        return f"{fold(name[len(CITY_PREFIX) :])} City"
    return fold(name)


def load_places(province_model, ward_model):
    """Insert every province and commune not yet present. Safe to run again."""
    have = set(province_model.objects.values_list("code", flat=True))
    # Migration 0002 runs with the model as it was before the region field existed.
    has_region = any(f.name == "region" for f in province_model._meta.get_fields())
    province_model.objects.bulk_create(
        province_model(
            code=p.code.value,
            name=p.name,
            name_en=english_name(p.name),
            slug=slugify(p.name.removeprefix(CITY_PREFIX)),
            division_type=p.division_type.value,
            **({"region": REGION_BY_PROVINCE[p.code.value]} if has_region else {}),
        )
        for p in VNProvince.iter_all()
        if p.code.value not in have
    )
    have = set(ward_model.objects.values_list("code", flat=True))
    ward_model.objects.bulk_create(
        (
            ward_model(
                code=w.code.value,
                name=w.name,
                division_type=w.division_type.value,
                province_id=w.province_code.value,
            )
            for w in VNWard.iter_all()
            if w.code.value not in have
        ),
        batch_size=500,
    )


def _province_table():
    rows = {}
    for p in VNProvince.iter_all():
        rows[p.code.value] = {
            "code": p.code.value,
            "name": p.name,
            "name_en": english_name(p.name),
            "slug": slugify(p.name.removeprefix(CITY_PREFIX)),
        }
    return rows


# The 34 provinces from the package, in memory: labels and slugs without a query.
PROVINCES_BY_CODE = _province_table()
PROVINCES_BY_SLUG = {row["slug"]: row for row in PROVINCES_BY_CODE.values()}
