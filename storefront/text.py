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


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
# The letters with a breve, circumflex or horn (and đ) are letters of their own, sorted
# after their base; the five tone marks only break ties (a < à < ả < ã < á < ạ).
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_PREFIXES = (
    "thành phố ",
    "tỉnh ",
    "phường ",
    "xã ",
    "đặc khu ",
    "thị trấn ",
)


def vietnamese_key(value: str, strip_prefix: bool = True):
    """A sort key for Vietnamese names: "Thành phố Hà Nội" under H, "Đồng Nai" right after
    the names in D. With `strip_prefix`, the administrative word in front ("Tỉnh",
    "Thành phố", "Phường", "Xã", "Đặc khu") is not what a reader looks under."""
    text = str(value).strip().lower()
    if strip_prefix:
        for prefix in _PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _LETTER_MARKS and letters:
            base, _mark = letters[-1]
            letters[-1] = (base, _LETTER_MARKS[ch])
        elif ch in _TONE_MARKS:
            tones[-1] = _TONE_MARKS[ch] if tones else 0
        elif ch == "đ":
            letters.append(("d", 9))
            tones.append(0)
        else:
            letters.append((ch, 0))
            tones.append(0)
    return (letters, tones)
