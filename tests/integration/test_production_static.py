"""The Dockerfile runs collectstatic with WhiteNoise's manifest storage; prove it works and
that pages then render with hashed, compressed static files (no CDN, no missing file)."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_collectstatic_with_manifest_storage_and_render(settings, tmp_path, client):
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
    html = client.get("/shop/catalogue/").content.decode()
    assert "/static/css/site." in html and ".css" in html
    assert "https://" not in html.split("<body")[0]  # nothing loaded from elsewhere
