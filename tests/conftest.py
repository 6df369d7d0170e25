import hashlib
import os
import socket
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory, request
):
    """On SQLite, test in a database file, as `make run` serves, not in shared memory:
    threads and live servers then get their own connections and real locking (shared-cache
    memory databases fail a locked table at once instead of waiting).

    `--reuse-db` (local runs on SQLite: `make test PYTEST_ARGS=--reuse-db`) starts from a
    copy of a freshly migrated database kept in var/test-databases/, named after every
    migration file and the versions of the packages that ship migrations: a change to any
    of them builds a new one, and each run starts from the migrated state, not from what the
    last run's transactional tests flushed. CI never passes it."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        if request.config.getoption("reuse_db", False):
            pytest.exit("--reuse-db is for SQLite runs; PostgreSQL runs build afresh", 4)
        return
    work = tmp_path_factory.mktemp("database") / "test.sqlite3"
    database.setdefault("TEST", {})["NAME"] = str(work)
    template = _template_path() if request.config.getoption("reuse_db", False) else None
    if template and template.exists():
        _copy_sqlite(template, work)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """After a run's first migration with `--reuse-db`, keep the migrated database as the
    template of the next runs (before any test has touched it)."""
    from django.conf import settings
    from django.db import connections

    template = _template_path() if request.config.getoption("reuse_db", False) else None
    if template and not template.exists():
        with django_db_blocker.unblock():
            connections.close_all()
        work = Path(settings.DATABASES["default"]["NAME"])
        partial = template.with_suffix(".partial")
        _copy_sqlite(work, partial)
        partial.replace(template)
    yield


def _template_path():
    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "var" / "test-databases"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"migrated-{_schema_fingerprint()}.sqlite3"


def _copy_sqlite(source, target):
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _schema_fingerprint() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from django.conf import settings

    digest = hashlib.sha256()
    for package in ("django", "wagtail", "django-oscar", "django-axes", "django-taggit"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            pass
    base = Path(settings.BASE_DIR)
    for path in sorted(base.glob("*/**/migrations/*.py")):
        if ".venv" not in path.parts and "var" not in path.parts:
            digest.update(str(path.relative_to(base)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: the test client leaves the last
    request's language active in the thread, so a test after an `/en/` request would see
    English URL prefixes and messages (the matrix then saw every route as `en/...`)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.OCOP_SELLER_LOGINS_FILE = str(tmp_path / "seller-logins.txt")  # not the repo's
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PAGE_CACHE_VERSION_FILE = tmp_path / "page-cache-version"  # not the repo's var/


def contract_cluster_host():
    """The host of TEST_ELASTICSEARCH_URL, the cluster the search contract suite may use."""
    from urllib.parse import urlsplit

    return urlsplit(os.environ.get("TEST_ELASTICSEARCH_URL", "")).hostname


@pytest.fixture(autouse=True)
def _no_network(monkeypatch, request):
    """Tests never reach the internet: only loopback connections are allowed, and the
    search contract suite's cluster (TEST_ELASTICSEARCH_URL) wherever it runs."""
    if request.node.get_closest_marker("e2e"):
        return
    real_connect = socket.socket.connect
    cluster = contract_cluster_host()
    allowed = set()
    if cluster:
        allowed.add(cluster)
        try:
            allowed.update(info[4][0] for info in socket.getaddrinfo(cluster, None))
        except OSError:
            pass

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.")
            or host in ("localhost", "::1")
            or host.startswith("/")
            or host in allowed
        ):
            raise RuntimeError(f"Network access in tests is not allowed: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests about real concurrency need PostgreSQL; CI runs the suite on both databases."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def _database_search(request, settings):
    """Tests search the database backend whatever the environment says (ELASTICSEARCH_URL
    used to switch the whole session to a cluster: every factory save indexed into it);
    a test asks for Elasticsearch by setting SEARCH_BACKEND itself, or through the contract
    suite's `backend` fixture (TEST_ELASTICSEARCH_URL). Each test gets fresh backends, so
    the fallback's circuit breaker starts closed."""
    from search.backends import _backend

    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    _backend.cache_clear()
    yield
    _backend.cache_clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    """An empty cache, and the Redis client's circuit breakers closed (a test that made
    Redis fail leaves no skipping behind)."""
    from django.core.cache import cache

    from storefront import rediscache

    rediscache.reset()
    cache.clear()
    yield
    cache.clear()
    rediscache.reset()


@pytest.fixture(autouse=True)
def _index_immediately(request, monkeypatch):
    """Tests run inside a transaction that never commits, so on_commit callbacks never fire.
    Only the search index's and the page cache's own callbacks run at once (a product a test
    creates is then searchable and shown on a cached page, as it would be after its commit);
    every other callback (the order e-mail, image renditions) keeps Django's timing: it runs
    at a real commit, or inside pytest-django's `django_capture_on_commit_callbacks(execute=True)`,
    and never when the transaction rolls back. Tests of the index's own timing use the
    `real_on_commit` marker."""
    if request.node.get_closest_marker("real_on_commit"):
        return
    from django.db import transaction

    import search.backends.database
    import search.indexing
    import storefront.pagecache

    immediate = {
        search.indexing._flush,
        search.backends.database.bump_index_version,
        storefront.pagecache.bump_version,
    }
    real_on_commit = transaction.on_commit

    def on_commit(func, using=None, robust=False):
        if func in immediate:
            return func()
        return real_on_commit(func, using=using, robust=robust)

    monkeypatch.setattr(transaction, "on_commit", on_commit)


@pytest.fixture
def reference_data(transactional_db):
    """Live-server tests run in real transactions, and the flush after each one removes
    what the data migrations loaded; put it back the same way the migrations do."""
    load_reference_data()


def load_reference_data():
    import importlib

    from django.apps import apps

    from catalogue.taxonomy import load_standards, load_taxonomy
    from storefront.places.loader import load_places

    load_places(apps.get_model("places", "Province"), apps.get_model("places", "Ward"))
    load_taxonomy(apps.get_model("catalogue", "Category"))
    load_standards(apps.get_model("catalogue", "Standard"))
    for module, function in (
        ("storefront.shipping.migrations.0005_default_zone_rates", "create_rates"),
        ("storefront.order.migrations.0023_vietnam_shipping_country", "create_vietnam"),
    ):
        getattr(importlib.import_module(module), function)(apps, None)
    if not apps.get_model("cms", "HomePage").objects.exists():
        from wagtail.models import Locale, Page

        if not Page.objects.filter(depth=1).exists():
            Page.add_root(
                title="Root",
                slug="root",
                locale=Locale.objects.get_or_create(language_code="vi")[0],
            )
        homepage = importlib.import_module("cms.migrations.0002_create_homepage")
        homepage.create_homepage(apps, None)
    from wagtail.models import Collection

    if not Collection.objects.exists():  # Wagtail's migration made it; images need it
        Collection.add_root(name="Root")


@pytest.fixture(autouse=True)
def _render_when_counting_queries(request, settings):
    """Tests that pin query counts measure what rendering a page costs: the page cache
    (storefront/pagecache.py, on in every other test) would answer them with no query at
    all. tests/integration/test_page_cache.py pins the cached side."""
    counting = {"django_assert_num_queries", "django_assert_max_num_queries", "no_page_cache"}
    if counting & set(request.fixturenames):
        settings.PAGE_CACHE_ENABLED = False
        settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture
def no_page_cache():
    """For tests that count a render's queries with CaptureQueriesContext."""
