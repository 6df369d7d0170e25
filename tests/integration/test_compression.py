"""Pages travel compressed to browsers that ask for it (issue 13: buyers are mostly on
phones; a catalogue page was 40 KB of uncompressed HTML). A cached page is compressed
once, when stored, and served compressed from the cache; other text responses are
compressed as they leave (Django's GZipMiddleware, with its BREACH padding). Images and
static files are left to what serves them."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from storefront.http import CompressTextMiddleware
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


def test_the_first_compressed_answer_is_the_same_page(product):
    url = product.get_absolute_url()
    first = Client().get(url, **GZIP)
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    hit = Client().get(url, **GZIP)
    assert hit["X-Page-Cache"] == "hit"
    assert gzip.decompress(first.content) == gzip.decompress(hit.content)
    assert "accept-encoding" in vary(first) and "accept-encoding" in vary(hit)


def test_a_compressed_page_is_revalidated_by_its_etag(product):
    url = product.get_absolute_url()
    Client().get(url)
    hit = Client().get(url, **GZIP)
    response = Client().get(url, HTTP_IF_NONE_MATCH=hit["ETag"], **GZIP)
    assert response.status_code == 304
    plain = Client().get(url)
    assert plain["ETag"] != hit["ETag"]  # two representations, two tags


def test_a_visitors_own_pages_are_compressed_as_they_leave(product, client):
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}, HTTP_ORIGIN="http://testserver")
    response = client.get("/shop/basket/", **GZIP)
    assert response["Content-Encoding"] == "gzip" and "accept-encoding" in vary(response)
    html = gzip.decompress(response.content).decode()
    assert "Mật ong rừng Tân Phú" in html
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "content_type, compressed",
    [
        ("image/png", False),
        ("image/jpeg", False),
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("text/csv", True),
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
