"""Item 16: `check --deploy` is clean with the production settings; every page sends a
Content-Security-Policy the shop's own templates pass (no inline script without the
request's nonce, no inline handlers or style attributes); pages with personal data are
`Cache-Control: private`, order pages `no-store`."""

import re

import pytest
from django.test import Client

from tests.factories import CertificateFactory
from tests.integration.operations.conftest import ROOT, run_manage

pytestmark = pytest.mark.django_db

THEMES = ROOT / "themes"
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)


def test_check_deploy_is_clean_with_production_settings(production_env):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def page_templates():
    for path in sorted(THEMES.rglob("*.html")):
        if "/email/" in str(path):  # e-mails are not pages: mail clients need inline styles
            continue
        yield path


@pytest.mark.parametrize("path", list(page_templates()), ids=lambda p: str(p.relative_to(THEMES)))
def test_templates_have_no_inline_handlers_styles_or_scripts(path):
    text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", "", path.read_text(), flags=re.S)
    assert not INLINE_HANDLER.search(text), "inline event handler: use a static script"
    assert not STYLE_ATTRIBUTE.search(text), "style attribute: use a class in site.css"
    for attributes in SCRIPT_TAG.findall(text):
        executable = "application/ld+json" not in attributes
        assert "src=" in attributes or "nonce=" in attributes or not executable, attributes


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def product():
    return CertificateFactory(product__title="Nấm rơm sạch Đồng Nai", stars=4).product


def test_shop_pages_send_a_strict_policy(client, product):
    for url in ("/", "/shop/catalogue/", product.get_absolute_url(), "/shop/checkout/"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(csp["script-src"])
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]


def test_oscar_inline_set_up_runs_with_the_nonce(client, product):
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    response = client.get("/shop/basket/")
    html = response.content.decode()
    nonces = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    assert f'<script nonce="{nonce}">' in html
    assert " style=" not in html and " onclick=" not in html


def test_staff_areas_get_the_looser_policy(client):
    csp = policy(client.get("/cms/login/"))
    assert "'unsafe-inline'" in csp["script-src"]
    assert not any(s.startswith("'nonce-") for s in csp["script-src"])
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]


def test_stripe_is_allowed_only_while_cards_are_on(client, settings):
    assert "js.stripe.com" not in client.get("/shop/checkout/")["Content-Security-Policy"]
    settings.STRIPE_ENABLED = True
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    csp = policy(client.get("/shop/checkout/"))
    assert "https://js.stripe.com" in csp["script-src"]
    assert "https://js.stripe.com" in csp["frame-src"]
    assert "https://api.stripe.com" in csp["connect-src"]


def test_pages_with_personal_data_are_private(client, product):
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    for url in ("/shop/basket/", "/shop/checkout/", "/en/shop/checkout/"):
        cache_control = client.get(url).get("Cache-Control", "")
        assert "private" in cache_control, url
    assert "private" in client.get("/shop/accounts/login/").get("Cache-Control", "")
    # With a basket every page is this visitor's (the header's count, issue 13)...
    assert "private" in client.get("/shop/catalogue/").get("Cache-Control", "")
    # ...and a visitor without one gets a cacheable catalogue.
    anonymous = Client().get("/shop/catalogue/").get("Cache-Control", "")
    assert "private" not in anonymous and "public" in anonymous


def test_order_pages_are_no_store(client):
    response = client.get("/shop/checkout/orders/not-a-valid-token/")
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control


def test_signed_in_pages_are_private(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    response = client.get("/shop/accounts/profile/")
    assert response.status_code == 200
    assert " style=" not in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "private" in client.get("/").get("Cache-Control", "")
