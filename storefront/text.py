"""Vietnamese-aware text helpers: slugs and accent folding."""

import unicodedata

from django.utils.text import slugify as django_slugify

# "đ" is a letter of its own, not "d" plus a diacritic, so Unicode decomposition leaves it
# alone and Django's slugify would drop it ("Đồng Nai" -> "ong-nai"). Map it first.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(value: str) -> str:
    """Strip Vietnamese diacritics: "Nấm rơm Đồng Nai" -> "Nam rom Dong Nai"."""
    decomposed = unicodedata.normalize("NFKD", str(value).translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value, allow_unicode=False) -> str:
    """Slug for Oscar (OSCAR_SLUG_FUNCTION) and our own models.

    "Nấm rơm sạch Đồng Nai" -> "nam-rom-sach-dong-nai".
    """
    if allow_unicode:
        return django_slugify(value, allow_unicode=True)
    return django_slugify(fold(value))
