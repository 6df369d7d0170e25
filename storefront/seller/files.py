"""Producers' papers are not served from /media/ (storefront/media.py refuses their
folders): they go out through views that check who asks, always as a download."""

from django.http import FileResponse, Http404


def attachment(field):
    """The file of `field` as a download with no way to run in the browser; 404 if none."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=field.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection):
# `=HYPERLINK(...)` in a product title would run on the owner's computer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text for a CSV cell that a spreadsheet shows as text: a leading `'` before a
    formula character (OWASP's advice); numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def from_spreadsheet(text):
    """Undo `spreadsheet_safe` on a cell read back from an exported file."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
