"""Facts about the request that several places need."""

import ipaddress
import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from storefront.csp import STAFF_PATHS


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
COMPRESSIBLE = re.compile(
    r"^(?:text/|image/svg|application/(?:javascript|(?:[\w.-]+\+)?(?:json|xml)))", re.IGNORECASE
)


class CompressTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for public text responses. A page from the page cache that a
    browser may take compressed is already compressed (its Content-Encoding is set) and
    passes through untouched.

    Pages with personal data (`Cache-Control: private` or `no-store`: checkout, basket,
    account, seller centre, every page of a signed-in user) and the staff areas leave
    uncompressed: they carry secrets beside text an attacker can choose (the search box
    echoes `q`), and compressed sizes would leak them (BREACH); Django's random padding
    only makes that slower. Public pages carry no secret (no CSRF token: a page that set
    the token's cookie is never cached, and forms on them need none)."""

    def process_response(self, request, response):
        if not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        if personal(response) or STAFF_PATHS.match(request.path_info):
            return response
        return super().process_response(request, response)


def personal(response) -> bool:
    """Marked as holding personal data (storefront.csp.PrivatePagesMiddleware, the page
    cache for a visitor with a basket): kept by no shared cache, compressed by no one."""
    control = response.get("Cache-Control", "").lower()
    return "private" in control or "no-store" in control
