"""Trade fairs: the pages (`fairs/pages.py`) and booth applications (`fairs/booths.py`),
gathered here so Django finds every model of the app in one place."""

from django.conf import settings
from django.utils.translation import get_language

from fairs.booths import BoothApplication, exhibitors_of, next_appearance
from fairs.pages import (
    FairGalleryImage,
    FairIndexPage,
    FairPage,
    FairProvinceQuota,
    FairSideEvent,
    FairState,
    FairZone,
    SideEventKind,
    today_in_vietnam,
)

__all__ = [
    "BoothApplication",
    "FairGalleryImage",
    "FairIndexPage",
    "FairPage",
    "FairProvinceQuota",
    "FairSideEvent",
    "FairState",
    "FairZone",
    "SideEventKind",
    "exhibitors_of",
    "next_appearance",
    "today_in_vietnam",
    "upcoming_fairs",
]


def upcoming_fairs(limit, language=None, province=None):
    """The next fairs, each in the visitor's language where staff translated it and in
    Vietnamese where not (one query): the English home linked every fair in Vietnamese."""
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    fairs = (
        FairPage.objects.live()
        .public()
        .filter(end_date__gte=today_in_vietnam(), **({"province_id": province} if province else {}))
        .select_related("province", "locale")
        .order_by("start_date", "pk")[: limit * len(settings.LANGUAGES)]
    )
    chosen = {}
    for fair in fairs:
        mine = fair.locale.language_code == language
        if fair.translation_key not in chosen or mine:
            chosen[fair.translation_key] = fair
    return sorted(chosen.values(), key=lambda f: (f.start_date, f.pk))[:limit]
