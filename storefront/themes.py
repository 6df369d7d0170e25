"""Themes per storefront: a folder `themes/<name>/` with `templates/` and `static/` over
`themes/default/`, picked per Wagtail Site by its "Storefront" setting (cms/site_settings.py).

One deployment serves, say, a Đồng Nai and a Vĩnh Long storefront on their own host names.
The middleware puts the request's theme in a context variable; the template loader looks
in that theme's folder first, then the default one, and its cache is keyed by theme as
well as by name (Django's cached loader would serve the first host's template to all).
A theme's static files are served under `static/themes/<name>/`; `theme_static` picks the
theme's copy of a file when it has one (logo, stylesheet)."""

from contextvars import ContextVar
from functools import cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache as django_cache
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

from storefront import pagecache

DEFAULT = "default"
current_theme: ContextVar[str] = ContextVar("current_theme", default=DEFAULT)
current_province: ContextVar[int | None] = ContextVar("current_province", default=None)
current_site_id: ContextVar[int | None] = ContextVar("current_site_id", default=None)
current_site_name: ContextVar[str] = ContextVar("current_site_name", default="")


@cache
def available():
    """Theme folders shipped with the code: {name: its human name from `themes/<name>/NAME`}."""
    root = settings.BASE_DIR / "themes"
    found = {}
    for folder in sorted(root.iterdir()):
        if (folder / "templates").is_dir() or (folder / "static").is_dir():
            label = folder / "NAME"
            found[folder.name] = label.read_text().strip() if label.exists() else folder.name
    return found


class ThemeFilesystemLoader(FilesystemLoader):
    def get_dirs(self):
        root = settings.BASE_DIR / "themes"
        theme = current_theme.get()
        dirs = [root / DEFAULT / "templates"]
        if theme != DEFAULT:
            dirs.insert(0, root / theme / "templates")
        return dirs


class ThemeCachedLoader(CachedLoader):
    def cache_key(self, template_name, skip=None):
        return f"{current_theme.get()}:{super().cache_key(template_name, skip)}"


@cache
def _theme_has(theme, path):
    return (settings.BASE_DIR / "themes" / theme / "static" / path).is_file()


def theme_static_url(path):
    theme = current_theme.get()
    if theme != DEFAULT and _theme_has(theme, path):
        return staticfiles_storage.url(f"themes/{theme}/{path}")
    return staticfiles_storage.url(path)


SITE_CACHE_SECONDS = 300


def storefront_for(request):
    """(site id, theme, province code, storefront name) of the request's Wagtail Site,
    from the cache after the first request to a host: no query per page.

    The key carries the page cache's content version (storefront/pagecache.py), which
    every committed write to a Site or its setting moves, where every process reads it
    (Redis, or the version file when each worker has its own memory cache): a change made
    through one gunicorn worker shows in all of them on their next request. Without a
    readable version (Redis skipped) the Site is looked up, never taken from the cache."""
    version = pagecache.request_version(request)
    key = f"storefront-site:{version}:{request.get_host()}" if version else None
    found = django_cache.get(key) if key else None
    if found is None:
        from wagtail.models import Site

        from cms.site_settings import Storefront

        site = Site.find_for_request(request)
        site_id, theme, province = (site.pk if site else None), DEFAULT, None
        name = ""
        # Not Storefront.for_site: it creates the row on first use, a write on a GET.
        row = Storefront.objects.filter(site=site).values_list("theme", "province").first()
        if row is not None:
            theme = row[0] if row[0] in available() else DEFAULT
            province = row[1]
            if theme != DEFAULT or province:
                name = site.site_name  # a provincial storefront's own name, in titles
        found = (site_id, theme, province, name)
        if key:
            django_cache.set(key, found, SITE_CACHE_SECONDS)
    return found


class ThemeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_id, theme, province, name = storefront_for(request)
        request.theme, request.storefront_province = theme, province
        tokens = [
            (current_site_name, current_site_name.set(name)),
            (current_site_id, current_site_id.set(site_id)),
            (current_theme, current_theme.set(theme)),
            (current_province, current_province.set(province)),
        ]
        try:
            return self.get_response(request)
        finally:
            for var, token in tokens:
                var.reset(token)


def page_link_parts(page):
    """What a cached link to a Wagtail page keeps: (site id, site root URL, path)."""
    return page.get_url_parts()


def page_link(parts):
    """A cached page link for this request: the path on the page's own site, the full
    address from another storefront (Wagtail's `page.url` is absolute whenever a
    deployment has more than one Site)."""
    if not parts:
        return ""
    site_id, root_url, path = parts
    return path if site_id == current_site_id.get() else f"{root_url}{path}"
