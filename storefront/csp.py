"""Content-Security-Policy and private caching for pages with personal data.

The shop's own pages get a strict policy (settings.CONTENT_SECURITY_POLICY): scripts only
from our origin or with the request's nonce, styles only from files, nothing framed or
posted elsewhere. Stripe's origins are added per request while cards are on. The staff
areas (Wagtail under /cms/, Django's admin, Oscar's dashboard) use inline scripts, inline
styles and handlers we do not own, so they get a looser policy (CSP_STAFF_DIRECTIVES):
inline allowed, but still nothing loaded from or sent to another origin.
"""

import re
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control

STAFF_PATHS = re.compile(r"^/(?:cms|django-admin|(?:en/)?shop/dashboard)/")
# Pages that show a buyer's own data: never stored by a shared cache.
PRIVATE_PATHS = re.compile(r"^/(?:en/)?shop/(?:checkout|accounts|basket|wishlists|alerts)/")
# Order pages: not stored anywhere, not even in the browser's history cache.
NO_STORE_PATHS = re.compile(
    r"^/(?:en/)?(?:shop/(?:checkout/(?:orders|confirm)|accounts/orders)|ban-hang/(?:kenh|dang-ky|loi-moi))/"
)


def origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def stripe_sources():
    """Directives Stripe.js needs (https://docs.stripe.com/security/guide#content-security-policy)."""
    js = origin(settings.STRIPE_JS_URL) or "https://js.stripe.com"
    api = origin(settings.STRIPE_API_BASE) or "https://api.stripe.com"
    return {
        "script-src": [js],
        "frame-src": [js, "https://hooks.stripe.com"],
        "connect-src": [api, "https://api.stripe.com"],
    }


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if STAFF_PATHS.match(request.path_info):
            parts.config = settings.CSP_STAFF_DIRECTIVES
            parts.nonce = None  # a nonce would switch 'unsafe-inline' off
        elif settings.STRIPE_ENABLED:
            update = dict(parts.update or {})
            for directive, sources in stripe_sources().items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


class PrivatePagesMiddleware:
    """`Cache-Control: private` on pages with personal data (checkout, basket, account, and
    every page for a signed-in user); `no-store` on order pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        if NO_STORE_PATHS.match(path):
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        elif PRIVATE_PATHS.match(path) or self.signed_in(request):
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def signed_in(request):
        # Only look at the user when a session cookie came in: reading it would otherwise
        # touch the session (Vary: Cookie) on every anonymous page.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated
