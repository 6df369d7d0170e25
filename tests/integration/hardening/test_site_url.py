"""Issue 9, item 10: links in e-mails use SITE_URL, never example.com or 127.0.0.1:8000."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command

from storefront.places.models import Province
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import checkout

pytestmark = pytest.mark.django_db

PUBLIC = "https://cho-ocop.vn"


@pytest.fixture
def public_address(settings):
    """Production's SITE_URL; the Site row follows it at the next migrate."""
    settings.SITE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.OSCAR_URL_SCHEMA = "https"
    call_command("migrate", "sites", verbosity=0)  # post_migrate rewrites the row
    return PUBLIC


def test_settings_derive_everything_from_site_url():
    assert django_settings.WAGTAILADMIN_BASE_URL == django_settings.SITE_URL
    assert django_settings.SITE_URL.startswith(django_settings.OSCAR_URL_SCHEMA + "://")


def test_migrate_writes_the_public_address_into_the_site_row(public_address):
    site = Site.objects.get_current()
    assert site.domain == "cho-ocop.vn"
    assert site.name == "Chợ OCOP"


def test_shop_password_reset_email_links_to_site_url(client, public_address):
    get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
    response = client.post("/shop/password-reset/", {"email": "lan@example.vn"})
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert f"{PUBLIC}/shop/password-reset/confirm/" in body
    assert "example.com" not in body and "127.0.0.1" not in body


def test_cms_password_reset_email_links_to_site_url(client, public_address):
    get_user_model().objects.create_superuser("bt", "bt@ocop.vn", "mat-khau-dai-123")
    response = client.post("/cms/password_reset/", {"email": "bt@ocop.vn"}, secure=True)
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert "https://cho-ocop.vn/cms/password_reset/confirm/" in body
    assert "example.com" not in body and "testserver" not in body


def test_order_confirmation_email_links_to_site_url(
    client, public_address, django_capture_on_commit_callbacks
):
    product = ProductFactory(producer=ProducerFactory(province=Province.objects.get(pk=75)))
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    with django_capture_on_commit_callbacks(execute=True):
        checkout(client)
    message = mail.outbox[-1]
    assert f"{PUBLIC}/shop/checkout/" in message.body
    html = message.alternatives[0][0]
    assert f"{PUBLIC}/shop/checkout/" in html
    for text in (message.body, html):
        assert "example.com" not in text and "127.0.0.1" not in text
