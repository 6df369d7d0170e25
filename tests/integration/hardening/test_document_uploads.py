"""Issue 9, item 13: an Editor's upload can never run script on our origin.

Documents are allow-listed by extension and capped in size (refused in Vietnamese, by the
single and the multiple upload forms); the ones accepted are served only by Wagtail's
view, as attachments with `default-src 'none'` and nosniff; /media/ never serves
documents, and serves nothing but pictures inline.
"""

import json
import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>fetch('/cms/')</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("bien-tap", "bt@ocop.vn", "mat-khau-dai-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def upload_single(client, name, content):
    return client.post(
        "/cms/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_multiple(client, name, content):
    response = client.post(
        "/cms/documents/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("name,content", [("trang.html", HTML), ("logo.svg", SVG)])
def test_editor_cannot_upload_html_or_svg(client, editor, name, content):
    response = upload_single(client, name, content)
    assert response.status_code == 200  # the form again
    assert "Không được phép tải lên tệp đuôi" in response.content.decode()
    data = upload_multiple(client, name, content)
    assert data["success"] is False
    assert "Không được phép tải lên tệp đuôi" in data["error_message"]
    assert not get_document_model().objects.exists()


def test_editor_cannot_upload_an_oversized_file(client, editor):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    big = PDF + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    response = upload_single(client, "ke-hoach.pdf", big)
    assert response.status_code == 200
    assert "quá lớn" in response.content.decode()
    data = upload_multiple(client, "ke-hoach.pdf", big)
    assert data["success"] is False and "quá lớn" in data["error_message"]
    assert not get_document_model().objects.exists()


def test_a_binary_blob_is_refused(client, editor):
    data = upload_multiple(client, "dump.bin", b"\x00" * 1024)
    assert data["success"] is False


def test_an_allowed_pdf_is_served_as_an_attachment_with_a_csp(client, editor):
    response = upload_single(client, "ke-hoach.pdf", PDF)
    assert response.status_code == 302
    document = get_document_model().objects.get()
    served = client.get(document.url)
    assert document.url.startswith("/documents/")
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PDF
    # ... and never straight from /media/.
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_media_route_serves_only_pictures_inline(client, settings):
    os.makedirs(os.path.join(settings.MEDIA_ROOT, "documents"), exist_ok=True)
    os.makedirs(os.path.join(settings.MEDIA_ROOT, "images"), exist_ok=True)
    for name, content in (
        ("documents/old.html", HTML),
        ("images/x.svg", SVG),
        ("images/x.html", HTML),
        ("images/x.png", b"\x89PNG\r\n\x1a\n"),
    ):
        with open(os.path.join(settings.MEDIA_ROOT, name), "wb") as fh:
            fh.write(content)
    assert client.get("/media/documents/old.html").status_code == 404
    assert client.get("/media/images/../documents/old.html").status_code == 404
    for name in ("images/x.svg", "images/x.html"):
        response = client.get("/media/" + name)
        assert response["Content-Disposition"] == "attachment"
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
    picture = client.get("/media/images/x.png")
    assert picture["Content-Type"] == "image/png"
    assert picture.get("Content-Disposition", "inline").startswith("inline")
    assert picture["X-Content-Type-Options"] == "nosniff"
    assert picture["Content-Security-Policy"].startswith("default-src 'none'")


def test_a_picture_bomb_uploaded_as_a_document_is_stored_never_decoded(client, editor):
    """PNG is an allowed document type; a document is only ever stored and downloaded, so
    a header declaring 400 million pixels is harmless there (and must not be a 500)."""
    from tests.integration.hardening.test_image_pixels import BOMBS

    response = upload_single(client, "bom.png", BOMBS["20000x20000"])
    assert response.status_code == 302
    document = get_document_model().objects.get()
    served = client.get(document.url)
    assert served["Content-Disposition"].startswith("attachment")
    assert b"".join(served.streaming_content) == BOMBS["20000x20000"]
    data = upload_multiple(client, "bom2.png", BOMBS["20000x20000"])
    assert data["success"] is True
