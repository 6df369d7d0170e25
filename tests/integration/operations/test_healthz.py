"""Items 18 and 19: /healthz reports each service it depends on, answers 503 only when a
required one is down, and answers the container's own HEALTHCHECK (Host: localhost, plain
HTTP) under production ALLOWED_HOSTS and the HTTPS redirect."""

import os
import re
import subprocess
import sys

import pytest

from storefront import deploy
from tests.integration.operations.conftest import ROOT, closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_hosts(settings):
    settings.ALLOWED_HOSTS = ["shop.ocop.example"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000


def test_all_services_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "services": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


def test_redis_down_is_reported_and_degrades(client, settings):
    settings.CACHES, settings.SESSION_ENGINE = deploy.cache_settings(
        f"redis://127.0.0.1:{closed_port()}/0"
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "services": {"database": "ok", "cache": "down"},
    }


def test_database_down_is_503(client, monkeypatch):
    from storefront import health

    def broken():
        raise OSError("connection refused")

    monkeypatch.setattr(health, "check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["services"]["database"] == "down"


def test_elasticsearch_down_is_reported_and_degrades(client, settings):
    """Issue 15, item 3: the database answers when the cluster is down, so a down cluster
    must not take every web container out of the load balancer (it was a 503)."""
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.SEARCH_BACKEND = "elasticsearch"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "services": {"database": "ok", "cache": "ok", "search": "down"},
    }


def test_elasticsearch_without_its_alias_is_reported(client, settings):
    from tests import esstub

    with esstub.running() as stub:
        esstub.accepting(stub)  # answers ping; the alias is missing
        settings.ELASTICSEARCH_URL, settings.SEARCH_BACKEND = stub.url, "elasticsearch"
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["services"]["search"] == "no index"


def test_broker_is_checked_when_set(client, settings):
    from storefront.celery import app

    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.CELERY_BROKER_URL = url
    saved = app.conf.broker_url
    app.conf.broker_url = url
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = saved
    assert response.status_code == 200
    assert response.json()["services"]["broker"] == "down"
    assert response.json()["status"] == "degraded"


def test_healthz_ignores_host_validation_and_https_redirect(client, production_hosts):
    assert client.get("/", HTTP_HOST="localhost").status_code == 400  # others still refused
    response = client.get("/healthz", HTTP_HOST="localhost")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    redirected = client.get("/", HTTP_HOST="shop.ocop.example")
    assert redirected.status_code == 301 and redirected["Location"].startswith("https://")


def dockerfile_healthcheck():
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    match = re.search(r"^HEALTHCHECK .*?CMD (.+)$", text, re.M)
    assert match, "the Dockerfile has a HEALTHCHECK"
    return match.group(1).strip()


@pytest.mark.django_db(transaction=True)
def test_the_dockerfile_healthcheck_passes_with_production_hosts(live_server, production_hosts):
    command = dockerfile_healthcheck()
    port = live_server.url.rsplit(":", 1)[1]
    # The CMD is `python -c "..."` in shell form: run it the way Docker does, with the
    # image's PORT pointing at the live server.
    result = subprocess.run(
        ["/bin/sh", "-c", command.replace("python ", f"{sys.executable} ", 1)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PORT": port},
    )
    assert result.returncode == 0, result.stderr
