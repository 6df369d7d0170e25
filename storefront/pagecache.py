"""Whole pages from a cache for visitors without a session (issue 13).

What a page shows depends on the data, the host (theme, province), the language, the query
string and Vietnam's date (certificates and fairs change state at midnight there). The
cache key carries all of them, plus one *content version* that moves after every committed
write to a table public pages read. Nothing names the models that matter: a wrapper around
every database connection sees each INSERT, UPDATE and DELETE, also the ones signals never
see (`QuerySet.update()`, `bulk_create`, raw SQL, another process), and bumps the version
once per transaction after it commits. Tables only personal pages read (sessions, baskets,
orders, accounts) are listed in `PERSONAL_APPS`/`PERSONAL_TABLES`: forgetting one there
costs cache hits, never a stale page. One table is finer: an UPDATE of a stock record moves
the version only when a database trigger says it changed what a page shows (its price, or
its stock across a level a page tells apart: catalogue/shown_stock.py), so orders that leave
plenty in stock keep the cache on a promotion day.

Who gets a cached page: a GET without a session, basket or messages cookie, to a view in
`CACHEABLE_VIEWS` (Wagtail pages included). What is stored: a 200 that sets no cookie,
used no CSP nonce and is not marked private. A cached page carries `Cache-Control: public`
with an ETag, so a browser or CDN revalidates it with a 304.

The version lives in the cache when the cache is shared (Redis). With the embedded local-
memory cache each process has its own cache, so the version is a small file instead
(`PAGE_CACHE_VERSION_FILE`): a write in one gunicorn worker or a management command is
seen by every worker on the next request.
"""

import gzip
import hashlib
import logging
import os
import re
import threading
import uuid
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from storefront.http import COMPRESSIBLE, personal

log = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
# url names (namespace:name) of the pages served from the cache to anonymous visitors.
CACHEABLE_VIEWS = {
    "wagtail_serve",  # home, news, programme and fair pages
    "catalogue:index",
    "catalogue:category",
    "catalogue:detail",
    "catalogue:producers",
    "catalogue:producer",
    "catalogue:producer-more",  # the producer's part of its product pages
    "catalogue:province",
    "catalogue:stars",
    "catalogue:reviews-list",
    "search:search",
    "search:autocomplete",  # every keystroke in the search box
}
# What an entry holds, in its key: raise it when the entry's shape changes, so that entries
# stored by the code before are never read. 2: (content, gzip of it or None, headers, ETag).
ENTRY_FORMAT = 2
UNSTORED_HEADERS = ("etag", "cache-control", "content-length")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding
# Query parameters that never change a page (campaign tags): left out of the key.
IGNORED_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|zarsrc|_ga)$")
# Writes to these apps' tables never change a page that an anonymous visitor sees.
PERSONAL_APPS = {
    "sessions",
    "admin",
    "axes",
    "basket",
    "order",
    "payment",
    "checkout",
    "analytics",
    "communication",
    "address",
    "wishlists",
}
PERSONAL_TABLES = {
    "auth_user",  # last_login on every sign-in; reviews keep their own name
    "wagtailcore_revision",  # a draft; publishing writes the page itself
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "wagtailcore_pagesubscription",
    "wagtailusers_userprofile",
    "wagtailadmin_editingsession",
    "customer_communicationeventtype",
    "customer_email",
    "customer_notification",
    "customer_productalert",
    "catalogue_shownstockchange",  # SHOWN_STOCK_TABLE: a trigger's, read by the write watcher
    "seller_auditentry",  # the seller centre's history of every change, read only there
}
WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"']?(\w+)""",
    re.IGNORECASE,
)


# --- the content version ----------------------------------------------------------------


def shared_cache() -> bool:
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def _version_file() -> Path:
    return Path(settings.PAGE_CACHE_VERSION_FILE)


def current_version() -> str | None:
    """The content version, or None when it cannot be read (then nothing is cached)."""
    if shared_cache():
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(VERSION_KEY, version, None):
                version = cache.get(VERSION_KEY)
        return version
    try:
        return _version_file().read_text() or None
    except FileNotFoundError:
        bump_version()
        try:
            return _version_file().read_text() or None
        except OSError:
            return None
    except OSError:
        return None


def request_version(request) -> str | None:
    """The content version as this request first read it: the page cache's key and the
    theme lookup (storefront/themes.py), both read before the view runs, agree on it and
    cost one read."""
    try:
        return request._content_version
    except AttributeError:
        request._content_version = current_version()
        return request._content_version


def bump_version() -> None:
    """A new content version: every cached page is re-rendered on its next request."""
    version = uuid.uuid4().hex
    if shared_cache():
        cache.set(VERSION_KEY, version, None)
        return
    path = _version_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_text(version)
        os.replace(temporary, path)
    except OSError:
        log.exception("Could not write the page cache version to %s", path)


# --- seeing writes -------------------------------------------------------------------------

_personal_tables: set[str] | None = None


def personal_tables() -> set[str]:
    global _personal_tables
    if _personal_tables is None:
        tables = set(PERSONAL_TABLES)
        for config in apps.get_app_configs():
            if config.label in PERSONAL_APPS:
                models = config.get_models(include_auto_created=True)
                tables.update(m._meta.db_table for m in models)
        _personal_tables = tables
    return _personal_tables


def _pending(connection) -> bool:
    """Is a bump already waiting for this transaction to commit (and not dropped with a
    rolled-back savepoint)?"""
    return any(func is bump_version for _, func, _ in connection.run_on_commit)


SHOWN_STOCK_TABLE = "catalogue_shownstockchange"


def _newest_shown_stock_change(connection):
    """The newest row the shown-stock trigger wrote (catalogue/shown_stock.py), read on the
    driver's own cursor: the statement being watched keeps its cursor (Django reads its row
    count), and this read is not one of the page's queries. None before migration 0041."""
    cursor = connection.connection.cursor()
    try:
        if not getattr(connection, "_shown_stock_ready", False):
            # A query that cannot fail (a failed one would abort a PostgreSQL transaction).
            if connection.vendor == "postgresql":
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [SHOWN_STOCK_TABLE])
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                    [SHOWN_STOCK_TABLE],
                )
            if not cursor.fetchone()[0]:
                return None
            connection._shown_stock_ready = True
        cursor.execute(f"SELECT MAX(id) FROM {SHOWN_STOCK_TABLE}")
        return cursor.fetchone()[0] or 0
    finally:
        cursor.close()


def _prune_shown_stock_changes(connection, before, newest, keep=100):
    """Drop the trigger's old rows; only the newest is ever read. After the commit, so a
    transaction that holds stock locks never waits on another's prune."""

    def prune():
        cursor = connection.connection.cursor()
        try:
            cursor.execute(f"DELETE FROM {SHOWN_STOCK_TABLE} WHERE id < {int(newest - keep)}")
        finally:
            cursor.close()

    if newest > 2 * keep and newest // keep != before // keep:  # once every `keep` rows
        transaction.on_commit(prune, using=connection.alias)


def _bump_after_commit(connection):
    if not connection.in_atomic_block:
        bump_version()
    elif not _pending(connection):
        transaction.on_commit(bump_version, using=connection.alias)


def watch_writes(execute, sql, params, many, context):
    connection = context["connection"]
    match = WRITE.match(sql) if isinstance(sql, str) else None
    table = match.group(1).lower() if match else None
    if table == "partner_stockrecord" and match.group(0).lstrip().upper().startswith("UPDATE"):
        # A stock record's update changes a page only if the trigger says so: an order
        # that leaves plenty in stock keeps every cached page.
        before = _newest_shown_stock_change(connection)
        result = execute(sql, params, many, context)
        after = _newest_shown_stock_change(connection) if before is not None else None
        if after is None or after != before:
            _bump_after_commit(connection)
            if after:
                _prune_shown_stock_changes(connection, before, after)
        return result
    result = execute(sql, params, many, context)
    if table and table not in personal_tables():
        _bump_after_commit(connection)
    return result


def install(connection, **kwargs):
    """connection_created: watch this connection's writes (once per connection object)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def install_all():
    for connection in connections.all(initialized_only=True):
        install(connection)


# --- the middleware ------------------------------------------------------------------------


def visitor_has_state(request) -> bool:
    """A session, a basket or a message waiting: the page may be personal."""
    cookies = request.COOKIES
    return any(
        name in cookies
        for name in (
            settings.SESSION_COOKIE_NAME,
            settings.OSCAR_BASKET_COOKIE_OPEN,
            "messages",  # django.contrib.messages' cookie storage
        )
    )


_release = None


def release() -> str:
    """What a deploy changes besides the data: the static files' manifest (a page names
    hashed file names) and the settings pages read. A deploy or a switched setting starts
    from new keys, with Redis still holding the old ones."""
    global _release
    if _release is None:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        try:
            _release = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]
        except OSError:
            _release = "no-manifest"
    page_settings = (settings.STRIPE_ENABLED, settings.OSCAR_SHOP_NAME, settings.DEBUG)
    return f"{_release}:{hashlib.sha256(repr(page_settings).encode()).hexdigest()[:8]}"


def context_parts(request, version) -> tuple[str, ...]:
    """What every cached page and fragment depends on besides its own path or name: host
    (theme, province), language, Vietnam's date, the content version and the release."""
    return (
        request.get_host().lower(),
        getattr(request, "LANGUAGE_CODE", ""),
        timezone.localdate().isoformat(),
        version,
        release(),
    )


def page_key(request, version) -> str:
    params = sorted(
        (k, v) for k, vs in request.GET.lists() if not IGNORED_PARAMS.match(k) for v in vs
    )
    parts = "|".join((request.path, urlencode(params), *context_parts(request, version)))
    return f"page-cache:{ENTRY_FORMAT}:" + hashlib.sha256(parts.encode()).hexdigest()


def etag_for(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def representation(request, content, compressed, etag):
    """(body, ETag) of a stored page for this request: the gzip copy for a browser that
    takes it, with a weak tag as GZipMiddleware gives what it compresses."""
    if compressed is not None and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return compressed, f"W/{etag}"
    return content, etag


def storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Encoding"):
        return False  # kept as sent, and compressed again when stored: not ours to handle
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # an inline script allowed by this request's nonce only
    return not personal(response)


class PageCacheMiddleware:
    """Serve and store anonymous pages; see the module's docstring.

    It sits early (after the security headers, before sessions): a hit is answered before
    the URL is even resolved, so it costs a cookie check, the version and one cache read.
    An entry exists only for a page that was stored, and a page is stored only when the
    view that answered is in CACHEABLE_VIEWS (known in process_view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.candidate_key(request)
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                return self.from_cache(request, hit)
            request._page_cache_key = key
        response = self.get_response(request)
        if key is not None and getattr(request, "_page_cache_view", False):
            if storable(request, response):
                return self.store(request, key, response)
        if visitor_has_state(request):
            # Their basket count, their messages: never kept by a shared cache (a CDN).
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        request._page_cache_view = match is not None and match.view_name in CACHEABLE_VIEWS
        return None

    @staticmethod
    def candidate_key(request):
        """The key of a request that may be answered from the cache, or None."""
        if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
            return None
        if visitor_has_state(request) or len(request.META.get("QUERY_STRING", "")) > 512:
            return None  # a long query string is no shopper's: not worth an entry
        version = request_version(request)
        if version is None:
            return None
        # The language as LocaleMiddleware will pick it: the path's prefix, else Vietnamese.
        request.LANGUAGE_CODE = (
            translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        )
        return page_key(request, version)

    def store(self, request, key, response):
        """Kept with its gzip, made once here (when smaller) and sent at once to a browser
        that takes it: a hit is then only a cache read (compressing a 40 KB listing costs
        more than serving it from the cache)."""
        content = response.content
        etag = etag_for(content)
        headers = {k: v for k, v in response.items() if k.lower() not in UNSTORED_HEADERS}
        compressed = None
        if COMPRESSIBLE.match(response.get("Content-Type", "")) and len(content) >= 200:
            compressed = gzip.compress(content, compresslevel=6, mtime=0)
            if len(compressed) >= len(content):
                compressed = None
        cache.set(key, (content, compressed, headers, etag), settings.PAGE_CACHE_SECONDS)
        body, etag = representation(request, content, compressed, etag)
        if body is compressed:
            response.content = body
            response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves it be
            response["Content-Length"] = str(len(body))
        response["ETag"] = etag
        self.public(response)
        response["X-Page-Cache"] = "miss"
        return response

    def from_cache(self, request, hit):
        response = self.answer(request, *hit)
        response["X-Page-Cache"] = "hit"
        return response

    def answer(self, request, content, compressed, headers, etag):
        content, etag = representation(request, content, compressed, etag)
        # If-None-Match compares weakly: either tag of the page's content matches.
        match = request.headers.get("If-None-Match", "")
        if match.strip() == "*" or etag.removeprefix("W/") in match:
            response = HttpResponseNotModified()
            for name in ("Vary", "Content-Language"):  # as the 200 would have them
                if name in headers:
                    response[name] = headers[name]
        else:
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            if content is compressed:
                response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(content))
        response["ETag"] = etag
        self.public(response)
        return response

    @staticmethod
    def public(response):
        max_age = settings.PAGE_CACHE_MAX_AGE
        if max_age:
            patch_cache_control(response, public=True, max_age=max_age)
        else:
            patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))


# --- fragments, for visitors who get their own page ------------------------------------------


def fragment_key(request) -> str:
    """What a cached fragment of a page depends on besides its own names: host (theme,
    province), language, Vietnam's date and the content version. Used by `{% cache %}` in
    templates (`fragment_key` in every template's context). Without a readable version a
    fresh random key: the fragment is rendered, never served stale (so too with
    FRAGMENT_CACHE_ENABLED off)."""
    version = (settings.FRAGMENT_CACHE_ENABLED and current_version()) or uuid.uuid4().hex
    return "|".join(context_parts(request, version))


class deferred:
    """A value computed the first time a template asks for it, then kept: a view can hand
    a template the expensive parts of a page, and a cached fragment that never asks costs
    no query. Templates call callables when they resolve a variable."""

    def __init__(self, compute):
        self.compute = compute
        self.done = False
        self.value = None

    def __call__(self):
        if not self.done:
            self.value, self.done = self.compute(), True
        return self.value
