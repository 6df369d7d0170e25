"""/healthz: each service the shop depends on, checked on every call.

The required service (the database) makes the answer 503 when down. Elasticsearch (when
ELASTICSEARCH_URL is set), the cache and the Celery broker are reported but only degrade
the shop (a cluster down or without its alias means listings and search from the database,
search.backends.fallback; Redis down means cache misses and sessions from the database; a
broker down delays indexing and e-mails), so the answer stays 200 with
"status": "degraded": taking every web container out of a load balancer because the shared
Redis is down would turn a slower shop into no shop.

The middleware answers /healthz first, before host validation and the HTTPS redirect:
probes come from the container itself (Host: localhost, plain HTTP) or the load balancer,
and the answer carries nothing a visitor could abuse.
"""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

log = logging.getLogger(__name__)
PATH = "/healthz"
TIMEOUT = 2  # seconds, per service


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.startswith("django_redis."):
        # Through the raw client: the cache itself ignores connection errors on purpose.
        from django_redis import get_redis_connection

        get_redis_connection("default").ping()
    else:
        from django.core.cache import cache

        cache.set("healthz", "ok", 5)
        if cache.get("healthz") != "ok":
            raise RuntimeError("cache did not return what was written")


def check_search():
    from search.backends import get_backend

    backend = get_backend()
    client = backend.client.options(request_timeout=TIMEOUT, max_retries=0)
    if not client.ping():
        raise RuntimeError("Elasticsearch did not answer ping")
    if not client.indices.exists_alias(name=settings.ELASTICSEARCH_INDEX):
        return "no index"  # run `manage.py search_setup`; the database answers meanwhile
    return None


def check_broker():
    from storefront.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=TIMEOUT)


def services():
    """(name, check, required) for every service this deployment uses."""
    found = [("database", check_database, True), ("cache", check_cache, False)]
    if settings.ELASTICSEARCH_URL:
        found.append(("search", check_search, False))
    if settings.CELERY_BROKER_URL:
        found.append(("broker", check_broker, False))
    return found


def healthz(request):
    report, status = {}, "ok"
    for name, check, required in services():
        try:
            report[name] = check() or "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means this service is down
            log.warning("healthz: %s is down: %s", name, exc)
            report[name] = "down"
        if report[name] != "ok":
            if required:
                status = "error"
            elif status == "ok":
                status = "degraded"
    return JsonResponse(
        {"status": status, "services": report},
        status=503 if status == "error" else 200,
        headers={"Cache-Control": "no-store"},
    )


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
