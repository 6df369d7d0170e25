import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Variables a developer's shell or CI might set that would change what settings do.
CONFIG_VARS = (
    "DJANGO_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "CELERY_BROKER_URL",
    "DEBUG",
)
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k3Yq0-" + "x7Rt2pLmZ9vW4sB1nC8dF6gH5jK0" * 2,
    "ALLOWED_HOSTS": "shop.ocop.example",
    "SITE_URL": "https://shop.ocop.example",
    "CSRF_TRUSTED_ORIGINS": "https://shop.ocop.example",
}


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(extra)
    return env


def run_python(code, env, cwd=ROOT, timeout=300):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_manage(*args, env, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def production_env():
    return clean_env(**PRODUCTION_ENV)
