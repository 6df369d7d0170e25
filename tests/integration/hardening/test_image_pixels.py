"""Issue 9, item 14: images over 40 million pixels are refused, from the file header,
with a clear Vietnamese message, in every upload path: Wagtail's single, multiple and
chooser uploads and its file replacement, Oscar's dashboard product and category images,
producers' logos and photos, certificate scans. Issue 14: the 10 MB size cap on the same
paths.

The huge images are crafted: a PNG header that declares 20000 × 20000 pixels over an
empty data stream, a few dozen bytes. Nothing here allocates the pixels.
"""

import io
import json
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from oscar.core.loading import get_class
from PIL import Image
from wagtail.images import get_image_model

from catalogue.validators import validate_image_upload
from tests.factories import ProductFactory, first_ward, province

pytestmark = pytest.mark.django_db

REFUSED = "quá nhiều điểm ảnh"


def png_declaring(width, height):
    """A PNG whose header says width × height; its data stream is empty."""

    def chunk(tag, data):
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def small_png():
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buf, "PNG")
    return buf.getvalue()


BOMBS = {"20000x20000": png_declaring(20000, 20000), "11000x11000": png_declaring(11000, 11000)}


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_crafted_header_is_tiny_and_declares_the_size():
    assert len(BOMBS["20000x20000"]) < 100
    with Image.open(io.BytesIO(BOMBS["11000x11000"])) as img:
        assert img.size == (11000, 11000)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("bien-tap", "bt@ocop.vn", "mat-khau-dai-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.mark.parametrize("size", BOMBS)
def test_wagtail_single_upload_refuses_a_bomb(client, editor, size):
    response = client.post(
        "/cms/images/add/",
        {"title": "Bom", "file": SimpleUploadedFile("bom.png", BOMBS[size]), "collection": 1},
    )
    assert response.status_code == 200  # the form again
    assert REFUSED in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("size", BOMBS)
def test_wagtail_multiple_upload_refuses_a_bomb(client, editor, size):
    response = client.post(
        "/cms/images/multiple/add/", {"files[]": SimpleUploadedFile("bom.png", BOMBS[size])}
    )
    data = json.loads(response.content)
    assert data["success"] is False
    assert REFUSED in data["error_message"]
    assert not get_image_model().objects.exists()


def test_wagtail_chooser_upload_refuses_a_bomb(client, editor):
    response = client.post(
        "/cms/images/chooser/create/",
        {
            "image-chooser-upload-title": "Bom",
            "image-chooser-upload-file": SimpleUploadedFile("bom.png", BOMBS["20000x20000"]),
            "image-chooser-upload-collection": 1,
        },
    )
    assert response.status_code == 200
    assert REFUSED in json.loads(response.content)["htmlFragment"]
    assert not get_image_model().objects.exists()


def test_wagtail_accepts_a_normal_image(client, editor):
    response = client.post(
        "/cms/images/add/",
        {"title": "Nấm", "file": SimpleUploadedFile("nam.png", small_png()), "collection": 1},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 64


@pytest.mark.parametrize("size", BOMBS)
def test_dashboard_product_image_form_refuses_a_bomb(size):
    ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")
    product = ProductFactory()
    with translation.override("vi"):
        form = ProductImageForm(
            data={"images-0-product": product.pk, "images-0-display_order": 0},
            files={"images-0-original": SimpleUploadedFile("bom.png", BOMBS[size])},
            prefix="images-0",
        )
        assert not form.is_valid()
        assert REFUSED in form.errors["original"][0]
    good = ProductImageForm(
        data={"images-0-product": product.pk, "images-0-display_order": 0},
        files={"images-0-original": SimpleUploadedFile("nam.png", small_png())},
        prefix="images-0",
    )
    assert good.is_valid(), good.errors


def test_producer_logo_refuses_a_bomb(client):
    staff = get_user_model().objects.create_superuser("staff", "staff@ocop.vn", "pw-12345-ocop")
    client.force_login(staff)
    prov = province(75)
    response = client.post(
        "/cms/snippets/catalogue/producer/add/",
        {
            "name": "HTX Bom",
            "kind": "cooperative",
            "province": prov.pk,
            "ward": first_ward(prov).pk,
            "phone": "0912345678",
            "logo": SimpleUploadedFile("logo.png", BOMBS["20000x20000"]),
        },
    )
    assert response.status_code == 200
    assert REFUSED in str(response.context["form"].errors["logo"])


def test_the_model_validator_refuses_a_bomb():
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        validate_image_upload(SimpleUploadedFile("bom.png", BOMBS["20000x20000"]))
    assert REFUSED in exc.value.messages[0]


# Size caps (10 MB) and the paths above not yet covered: replacing a Wagtail image's file,
# certificate scans, Oscar's dashboard category images.

TEN_MB = 10 * 1024 * 1024
TOO_BIG = "quá lớn"


def oversized_png():
    """A real PNG followed by padding past the 10 MB cap: refused by size, not decoded."""
    return small_png() + b"\0" * TEN_MB


@pytest.fixture
def superuser(client):
    user = get_user_model().objects.create_superuser("staff", "staff@ocop.vn", "pw-12345-ocop")
    client.force_login(user)
    return user


def test_wagtail_uploads_refuse_an_oversized_image(client, editor):
    response = client.post(
        "/cms/images/add/",
        {"title": "To", "file": SimpleUploadedFile("to.png", oversized_png()), "collection": 1},
    )
    assert response.status_code == 200
    assert "Tệp này quá lớn" in response.content.decode()
    response = client.post(
        "/cms/images/multiple/add/", {"files[]": SimpleUploadedFile("to.png", oversized_png())}
    )
    data = json.loads(response.content)
    assert data["success"] is False and TOO_BIG in data["error_message"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("size", BOMBS)
def test_replacing_a_wagtail_images_file_refuses_a_bomb(client, editor, size):
    client.post(
        "/cms/images/add/",
        {"title": "Nấm", "file": SimpleUploadedFile("nam.png", small_png()), "collection": 1},
    )
    image = get_image_model().objects.get()
    response = client.post(
        f"/cms/images/{image.pk}/",
        {"title": "Nấm", "file": SimpleUploadedFile("bom.png", BOMBS[size]), "collection": 1},
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    image.refresh_from_db()
    assert (image.width, image.height) == (64, 48)  # the old file is kept


def certificate_form(product, scan):
    return {
        "product": product.pk,
        "producer": product.producer.pk,
        "stars": 4,
        "score": "",
        "decision_number": "4894/QĐ-UBND",
        "decision_date": "2026-01-15",
        "issuer": "UBND tỉnh Đồng Nai",
        "issuer_level": "province",
        "scan": scan,
    }


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bom.png", BOMBS["20000x20000"], REFUSED),
        ("bom.png", BOMBS["11000x11000"], REFUSED),
        ("qd.pdf", b"%PDF-1.4\n" + b"0" * TEN_MB, TOO_BIG),
        ("qd.png", oversized_png(), TOO_BIG),
    ],
    ids=["bomb", "bomb-warning-range", "big-pdf", "big-photo"],
)
def test_certificate_scan_refuses_bombs_and_oversized_files(
    client, superuser, name, content, message
):
    product = ProductFactory()
    response = client.post(
        "/cms/snippets/catalogue/certificate/add/",
        certificate_form(product, SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200  # the form again, with what was typed
    assert message in str(response.context["form"].errors["scan"])
    assert "4894/QĐ-UBND" in response.content.decode()
    assert not product.certificates.exists()


def test_certificate_scan_accepts_a_photo(client, superuser):
    product = ProductFactory()
    response = client.post(
        "/cms/snippets/catalogue/certificate/add/",
        certificate_form(product, SimpleUploadedFile("qd.png", small_png())),
    )
    assert response.status_code == 302
    assert product.certificates.get().scan


def test_producer_logo_refuses_an_oversized_file(client, superuser):
    prov = province(75)
    response = client.post(
        "/cms/snippets/catalogue/producer/add/",
        {
            "name": "HTX To",
            "kind": "cooperative",
            "province": prov.pk,
            "ward": first_ward(prov).pk,
            "phone": "0912345678",
            "logo": SimpleUploadedFile("logo.png", oversized_png()),
        },
    )
    assert response.status_code == 200
    assert TOO_BIG in str(response.context["form"].errors["logo"])


def test_dashboard_product_image_form_refuses_an_oversized_file():
    ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")
    product = ProductFactory()
    with translation.override("vi"):
        form = ProductImageForm(
            data={"images-0-product": product.pk, "images-0-display_order": 0},
            files={"images-0-original": SimpleUploadedFile("to.png", oversized_png())},
            prefix="images-0",
        )
        assert not form.is_valid()
        assert TOO_BIG in form.errors["original"][0]


@pytest.mark.parametrize("size", BOMBS)
def test_dashboard_category_image_refuses_a_bomb(client, superuser, size):
    response = client.post(
        "/shop/dashboard/catalogue/categories/create/",
        {
            "name": "Danh mục bom",
            "description": "",
            "is_public": "on",
            "image": SimpleUploadedFile("bom.png", BOMBS[size]),
            "_position": "first-child",
            "_ref_node_id": "",
        },
    )
    assert response.status_code == 200
    assert REFUSED in str(response.context["form"].errors["image"])
