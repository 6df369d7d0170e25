"""Item 15: no committed key; production refuses to start without its settings; the
development key is random, made once into var/secret_key (0600) and reused."""

import stat

import pytest

from storefront import deploy
from tests.integration.operations.conftest import ROOT, clean_env, run_python

SHOW_KEY = (
    "import django; from django.conf import settings; django.setup(); print(settings.SECRET_KEY)"
)


def test_the_repository_commits_no_secret_key():
    settings_text = (ROOT / "storefront" / "settings.py").read_text()
    for key in deploy.KNOWN_PUBLIC_KEYS:
        assert key not in settings_text


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
def test_production_refuses_to_start_without(missing, production_env):
    del production_env[missing]
    result = run_python(SHOW_KEY, production_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_production_refuses_the_old_public_key(production_env):
    (public_key,) = deploy.KNOWN_PUBLIC_KEYS
    production_env["SECRET_KEY"] = public_key
    result = run_python(SHOW_KEY, production_env)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr


def test_an_unknown_environment_name_is_refused(production_env):
    production_env["DJANGO_ENV"] = "prod"
    result = run_python(SHOW_KEY, production_env)
    assert result.returncode != 0 and "DJANGO_ENV" in result.stderr


def test_production_starts_with_its_settings(production_env):
    result = run_python(SHOW_KEY, production_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == production_env["SECRET_KEY"]


def test_development_key_is_random_private_and_kept(tmp_path):
    first = deploy.local_secret_key(tmp_path / "var")
    path = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 50 and first not in deploy.KNOWN_PUBLIC_KEYS
    assert deploy.local_secret_key(tmp_path / "var") == first
    assert deploy.local_secret_key(tmp_path / "other") != first
    assert list((tmp_path / "var").iterdir()) == [path]  # no temporary file left behind


def test_without_secret_key_settings_use_the_key_in_var():
    result = run_python(SHOW_KEY, clean_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (ROOT / "var" / "secret_key").read_text().strip()
    assert result.stdout.strip() not in deploy.KNOWN_PUBLIC_KEYS
