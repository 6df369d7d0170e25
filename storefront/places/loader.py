"""Load provinces and communes from the `vietnam-provinces` package."""

from vietnam_provinces import Province as VNProvince
from vietnam_provinces import Ward as VNWard

from storefront.text import fold, slugify

CITY_PREFIX = "Thành phố "


def english_name(name: str) -> str:
    if name.startswith(CITY_PREFIX):
        return f"{fold(name[len(CITY_PREFIX) :])} City"
    return fold(name)


def load_places(province_model, ward_model):
    """Insert every province and commune not yet present. Safe to run again."""
    have = set(province_model.objects.values_list("code", flat=True))
    province_model.objects.bulk_create(
        province_model(
            code=p.code.value,
            name=p.name,
            name_en=english_name(p.name),
            slug=slugify(p.name.removeprefix(CITY_PREFIX)),
            division_type=p.division_type.value,
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
