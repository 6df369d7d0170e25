"""Serving uploads from MEDIA_ROOT when SERVE_MEDIA is on (issue 9, item 13).

Uploads are not ours: an editor's HTML or SVG served inline from our origin runs its
script with a visitor's (or an admin's) session. So this route serves only pictures
inline, with `nosniff` and a CSP that forbids everything, sends any other type as an
attachment, and refuses Wagtail documents outright: those go through Wagtail's serve view
(`/documents/<id>/<name>`), which checks collection privacy and sends them as attachments
with the same headers. Production behind a CDN must keep the same rules.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

INLINE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# Wagtail's documents, producers' papers and certificate scans: served by views that check
# who asks (Wagtail's serve view, storefront/seller/files.py), never from /media/.
REFUSED_PREFIXES = ("documents/", "producers/documents/", "certificates/")


def serve_media(request, path):
    normalized = posixpath.normpath(path).lstrip("/")
    if normalized.startswith(REFUSED_PREFIXES) or normalized == "documents":
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if posixpath.splitext(normalized)[1].lower() not in INLINE_EXTENSIONS:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response
