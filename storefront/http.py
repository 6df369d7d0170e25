"""Facts about the request that several places need."""

import ipaddress
import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind OCOP_TRUSTED_PROXIES proxies the X-Forwarded-For entry the
    outermost trusted proxy saw (a client can forge the entries before it). Used by the
    login throttle and the open-order limits."""
    proxies = settings.OCOP_TRUSTED_PROXIES
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(hops) >= proxies and hops[-proxies]:
            candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


# Text worth compressing; photos, fonts and archives are compressed already.
COMPRESSIBLE = re.compile(r"^(?:text/|application/(?:json|ld\+json|xml|javascript)|image/svg)")


class CompressTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding) for text responses only. A page
    from the page cache that a browser may take compressed is already compressed (its
    Content-Encoding is set) and passes through untouched."""

    def process_response(self, request, response):
        if not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
