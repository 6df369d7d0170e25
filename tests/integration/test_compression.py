"""Pages travel compressed to browsers that ask for it (issue 13: buyers are mostly on
phones; a catalogue page was 40 KB of uncompressed HTML). A cached page is compressed
once, when stored, and served compressed from the cache; other text responses are
compressed as they leave (Django's GZipMiddleware, with its BREACH padding). Images and
static files are left to what serves them."""

import gzip

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client, RequestFactory

from storefront.http import CompressTextMiddleware
from storefront.pagecache import storable
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def product():
    for i in range(6):
        CertificateFactory(product__title=f"Mật ong rừng {i}")
    return CertificateFactory(product__title="Mật ong rừng Tân Phú").product


def vary(response):
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


def test_a_cached_page_is_served_compressed_from_the_cache(product):
    url = "/shop/catalogue/"
    plain = Client().get(url)
    assert plain["X-Page-Cache"] == "miss" and "Content-Encoding" not in plain
    first = Client().get(url, **GZIP)
    assert first["X-Page-Cache"] == "hit"
    assert first["Content-Encoding"] == "gzip" and "accept-encoding" in vary(first)
    assert gzip.decompress(first.content) == plain.content
    assert len(first.content) < len(plain.content) / 3
    assert int(first["Content-Length"]) == len(first.content)
    again = Client().get(url, **GZIP)
    assert again.content == first.content  # compressed once, when stored
    assert Client().get(url).content == plain.content  # and plain for who does not ask


def test_the_first_compressed_answer_is_the_stored_copy(product):
    url = product.get_absolute_url()
    first = Client().get(url, **GZIP)
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    hit = Client().get(url, **GZIP)
    assert hit["X-Page-Cache"] == "hit"
    assert first.content == hit.content  # compressed once, not again on the way out
    assert first["ETag"] == hit["ETag"] and first["ETag"].startswith('W/"')
    assert "accept-encoding" in vary(first) and "accept-encoding" in vary(hit)


def test_a_compressed_page_is_revalidated_by_its_etag(product):
    url = product.get_absolute_url()
    Client().get(url)
    hit = Client().get(url, **GZIP)
    response = Client().get(url, HTTP_IF_NONE_MATCH=hit["ETag"], **GZIP)
    assert response.status_code == 304
    assert vary(response) >= vary(hit)  # as the page itself, so a cache keys it alike
    plain = Client().get(url)
    assert plain["ETag"] != hit["ETag"]  # two representations, two tags
    assert Client().get(url, HTTP_IF_NONE_MATCH="*").status_code == 304


def test_pages_with_personal_data_leave_uncompressed(product, client):
    """BREACH: a page holding secrets beside text an attacker chooses (the search box
    echoes `q`) must not be compressed."""
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}, HTTP_ORIGIN="http://testserver")
    for url in ("/shop/basket/?q=abc", product.get_absolute_url() + "?q=abc"):
        response = client.get(url, **GZIP)
        assert response.status_code == 200
        assert "Content-Encoding" not in response, url
        assert "private" in response["Cache-Control"]
    user = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
    signed_in = Client()
    signed_in.force_login(user)
    for url in ("/shop/accounts/", "/shop/catalogue/?q=abc"):
        response = signed_in.get(url, **GZIP, follow=True)
        assert "Content-Encoding" not in response, url
    assert "Content-Encoding" not in Client().get("/cms/login/", **GZIP)


def test_an_encoded_response_is_not_stored():
    response = HttpResponse(gzip.compress(b"a" * 500), content_type="text/html")
    response["Content-Encoding"] = "gzip"
    assert not storable(RequestFactory().get("/"), response)


@pytest.mark.parametrize(
    "content_type, compressed",
    [
        ("image/png", False),
        ("image/jpeg", False),
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("text/csv", True),
        ("application/rss+xml; charset=utf-8", True),
        ("Text/HTML", True),
        ("font/woff2", False),
    ],
)
def test_only_text_is_compressed(content_type, compressed):
    """Photos are already compressed: gzip would cost CPU and gain nothing."""
    body = b"\x89PNG" + b"a" * 5000
    response = HttpResponse(body, content_type=content_type)
    request = RequestFactory().get("/", **GZIP)
    answered = CompressTextMiddleware(lambda request: response)(request)
    assert ("Content-Encoding" in answered) is compressed
    assert (answered.content == body) is not compressed
