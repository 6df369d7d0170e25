"""The shop's public address, from one setting (issue 9, item 10).

Every absolute link in an e-mail is built from SITE_URL: ours directly (order e-mails),
Oscar's and Django's through `django.contrib.sites` (password reset, registration,
product alerts: `get_current_site()` and Oscar's `{% absolute_url site.domain ... %}` with
OSCAR_URL_SCHEMA). So the Site row is rewritten from SITE_URL after every migrate (the
image's start command migrates), and OSCAR_URL_SCHEMA is SITE_URL's scheme. Its default
row said example.com.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_domain(url=None):
    """ "https://cho-ocop.vn/" -> "cho-ocop.vn"; a port is kept ("127.0.0.1:8000")."""
    return urlsplit(url or settings.SITE_URL).netloc


def absolute(path):
    """An absolute URL on the public address for a path from reverse()."""
    return settings.SITE_URL.rstrip("/") + path


def sync_site(**kwargs):
    from django.contrib.sites.models import Site

    domain = site_domain()
    if not domain:
        return
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.OSCAR_SHOP_NAME}
    )
    Site.objects.clear_cache()
