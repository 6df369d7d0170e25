"""Facts about the request that several places need."""

import ipaddress

from django.conf import settings


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
