from django.shortcuts import render

from storefront.health import healthz  # noqa: F401  (the URL's view; the middleware answers first)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
