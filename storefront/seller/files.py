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
