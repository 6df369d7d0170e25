"""Vietnamese first: every string we show has a Vietnamese translation, and the compiled
catalogue in the repository matches its source (make messages rebuilds both)."""

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parents[2] / "storefront/locale/vi/LC_MESSAGES/django.po"


def catalog():
    with PO.open("rb") as fh:
        return read_po(fh, locale="vi")


def test_every_message_is_translated_and_none_is_fuzzy():
    missing = [
        m.id
        for m in catalog()
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalog() if m.id and "fuzzy" in m.flags]
    assert missing == [] and fuzzy == []


def test_compiled_catalogue_is_up_to_date():
    buf = io.BytesIO()
    write_mo(buf, catalog())
    assert PO.with_suffix(".mo").read_bytes() == buf.getvalue()
