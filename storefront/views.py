from django.core.exceptions import DisallowedHost
from django.http import HttpResponseBadRequest
from django.shortcuts import render

from storefront.health import healthz  # noqa: F401  (the URL's view; the middleware answers first)


def bad_request(request, exception=None):
    if isinstance(exception, DisallowedHost):
        # A host we do not serve: the site's pages build absolute links from the Host
        # header, so they cannot be drawn for it. A bare answer, nothing else to leak.
        return HttpResponseBadRequest(
            "<!DOCTYPE html><title>400</title><h1>Bad Request (400)</h1>",
            content_type="text/html; charset=utf-8",
        )
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """A form without a valid CSRF token (an old page, blocked cookies): our page, in the
    visitor's language, instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)
