"""sitemap.xml for pages, products and producers, and robots.txt.

Django's sitemap views take the domain from django.contrib.sites, whose row says
"example.com" unless someone edits it; these sitemaps take it from the request instead, so
the same deployment is right on any host name (ALLOWED_HOSTS still decides which hosts
are served at all). Products and producers list both languages as alternates.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from wagtail.models import Page


class RequestSitemap(Sitemap):
    limit = 10000

    def __init__(self, request):
        self.request = request

    def get_domain(self, site=None):
        return self.request.get_host()

    def get_protocol(self, protocol=None):
        return "https" if self.request.is_secure() else "http"


class PageSitemap(RequestSitemap):
    """Every live public Wagtail page, in every language it exists in."""

    def items(self):
        return (
            Page.objects.live().public().filter(depth__gt=1).defer_streamfields().order_by("path")
        )

    def location(self, page):
        return page.get_url(self.request)

    def lastmod(self, page):
        return page.last_published_at


class BothLanguages:
    """The Vietnamese URL and the /en/ one, each listing the other as an alternate."""

    i18n = True
    alternates = True
    x_default = True


class ProductSitemap(BothLanguages, RequestSitemap):
    def items(self):
        from catalogue.models import Product

        return Product.objects.browsable().only("pk", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class ProducerSitemap(BothLanguages, RequestSitemap):
    def items(self):
        from catalogue.models import Producer

        return Producer.objects.only("pk", "slug").order_by("pk")


SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap, "producers": ProducerSitemap}


def _sitemaps(request):
    return {name: cls(request) for name, cls in SITEMAPS.items()}


@require_GET
@cache_page(60 * 15)
def sitemap_index(request):
    """Django's index view builds its links from django.contrib.sites; ours from the request."""
    entries = []
    for name, sitemap in _sitemaps(request).items():
        url = request.build_absolute_uri(reverse("sitemap-section", kwargs={"section": name}))
        pages = sitemap.paginator.num_pages
        entries.append({"location": url})
        entries.extend({"location": f"{url}?p={page}"} for page in range(2, pages + 1))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
@cache_page(60 * 15)
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, _sitemaps(request), section=section)


PRIVATE = (
    "/cms/",
    "/django-admin/",
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/accounts/",
    "/shop/dashboard/",
    "/shop/search/",
    "/payments/",
)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    for path in PRIVATE:
        lines.append(f"Disallow: {path}")
        if path.startswith("/shop/"):
            lines.append(f"Disallow: /en{path}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
