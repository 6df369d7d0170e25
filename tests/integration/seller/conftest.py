import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ProducerFactory


def seller_user(producer, email):
    """A user who acts for `producer` (Oscar's Partner.users)."""
    user = get_user_model().objects.create_user(
        username=email, email=email, password="mat-khau-dai-123"
    )
    producer.partner.users.add(user)
    return user


def jpeg(name="photo.jpg", size=(64, 48), exif=None, colour=(200, 40, 40)):
    buf = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buf, "JPEG", **kwargs)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def pdf(name="giay-phep.pdf"):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def producer_a(db):
    return ProducerFactory(name="HTX Mật ong Tân Phú")


@pytest.fixture
def producer_b(db):
    return ProducerFactory(name="Cơ sở Nước mắm Cái Rồng")


@pytest.fixture
def seller_a(client, producer_a):
    client.force_login(seller_user(producer_a, "a@htx-tanphu.vn"))
    return client
