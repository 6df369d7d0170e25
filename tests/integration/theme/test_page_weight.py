"""Light pages (issue 11): each page's CSS and JavaScript together under 100 KB compressed
(gzip, as WhiteNoise serves them), nothing from another origin (no CDN: the shop works
offline and a third party sees no visitor)."""

import gzip
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders

from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db
BUDGET = 100 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
ANY_URL = re.compile(r'(?:src|href|srcset|action)="([^"]+)"')


@pytest.fixture
def product():
    return CertificateFactory(product__title="Kẹo dừa Bến Tre").product


def weight(html):
    total, files = 0, []
    for url in ASSET.findall(html):
        assert url.startswith("/static/"), url
        path = finders.find(url.removeprefix("/static/").split("?")[0])
        assert path, url
        with open(path, "rb") as fh:
            size = len(gzip.compress(fh.read(), compresslevel=9))
        total += size
        files.append((url, size))
    return total, files


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/shop/catalogue/",
        "/shop/search/?q=keo",
        "PRODUCT",
        "/shop/basket/",
        "/shop/accounts/login/",
        "/shop/checkout/",
        "ACCOUNT",
    ],
)
def test_each_page_loads_under_100_kb_of_css_and_js_from_our_origin(client, product, url):
    if url == "PRODUCT":
        url = product.get_absolute_url()
    if url in ("/shop/checkout/", "ACCOUNT"):
        client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    if url == "ACCOUNT":
        user = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
        client.force_login(user)
        url = "/shop/accounts/orders/"
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    total, files = weight(html)
    assert total < BUDGET, files
    for link in ANY_URL.findall(html):
        assert not link.startswith("//"), link
        if link.startswith("http"):
            # Absolute links are to our own pages (canonical, language versions).
            assert link.startswith(("http://testserver", "http://ocop.vn")), link
