import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from catalogue.models import Producer, ProducerPhoto
from catalogue.validators import validate_certificate_scan, validate_image_upload
from tests.factories import ProducerFactory, ProductFactory, first_ward, jpeg_upload, province

pytestmark = pytest.mark.django_db


def text_upload(name="photo.jpg"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is not an image", content_type="image/jpeg")


def test_an_image_passes():
    validate_image_upload(jpeg_upload())


def test_a_renamed_non_image_is_refused():
    with translation.override("vi"):
        with pytest.raises(ValidationError) as exc:
            validate_image_upload(text_upload())
    assert "không phải là ảnh" in exc.value.messages[0]


def test_a_pdf_scan_passes_and_text_does_not():
    validate_certificate_scan(SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n...", "application/pdf"))
    validate_certificate_scan(jpeg_upload("qd.jpg"))
    with pytest.raises(ValidationError):
        validate_certificate_scan(SimpleUploadedFile("qd.pdf", b"hello", "application/pdf"))


def test_producer_photo_model_refuses_non_image():
    photo = ProducerPhoto(producer=ProducerFactory(), image=text_upload())
    with pytest.raises(ValidationError) as exc:
        photo.full_clean()
    assert "image" in exc.value.message_dict


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@ocop.vn", "pw-12345-ocop")
    client.force_login(user)
    return client


def test_staff_upload_of_non_image_logo_is_refused_and_nothing_is_saved(staff_client):
    prov = province(75)
    data = {
        "name": "HTX Mới",
        "kind": "cooperative",
        "province": prov.pk,
        "ward": first_ward(prov).pk,
        "street": "Ấp 2",
        "phone": "0912345678",
        "logo": text_upload("logo.png"),
    }
    response = staff_client.post("/cms/snippets/catalogue/producer/add/", data)
    assert response.status_code == 200  # the form again, with errors
    assert not Producer.objects.filter(name="HTX Mới").exists()
    assert "logo" in response.context["form"].errors


def test_staff_form_rejects_ward_outside_province(staff_client):
    data = {
        "name": "HTX Lệch tỉnh",
        "kind": "cooperative",
        "province": province(75).pk,
        "ward": first_ward(province(86)).pk,
        "phone": "0912345678",
    }
    response = staff_client.post("/cms/snippets/catalogue/producer/add/", data)
    assert response.status_code == 200
    assert "ward" in response.context["form"].errors
    assert not Producer.objects.filter(name="HTX Lệch tỉnh").exists()


def test_staff_can_add_a_producer(staff_client):
    prov = province(86)
    data = {
        "name": "Cơ sở Kẹo dừa Mới",
        "kind": "household",
        "province": prov.pk,
        "ward": first_ward(prov).pk,
        "phone": "0908765432",
        "logo": jpeg_upload("logo.jpg"),
    }
    response = staff_client.post("/cms/snippets/catalogue/producer/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    producer = Producer.objects.get(name="Cơ sở Kẹo dừa Mới")
    assert producer.slug == "co-so-keo-dua-moi"
    assert producer.partner.name == "Cơ sở Kẹo dừa Mới"


def test_staff_certificate_form_rejects_future_dates(staff_client):
    product = ProductFactory()
    data = {
        "product": product.pk,
        "producer": product.producer.pk,
        "stars": 4,
        "decision_number": "1/QĐ-UBND",
        "decision_date": "2999-01-01",
        "issuer": "UBND tỉnh Đồng Nai",
        "issuer_level": "province",
        "scan": SimpleUploadedFile("qd.pdf", io.BytesIO(b"not a pdf").read()),
    }
    response = staff_client.post("/cms/snippets/catalogue/certificate/add/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "decision_date" in errors and "scan" in errors
    assert not product.certificates.exists()


def test_bad_phone_is_refused():
    producer = ProducerFactory.build(phone="12345")
    with pytest.raises(ValidationError) as exc:
        producer.full_clean(exclude=["partner"])
    assert "phone" in exc.value.message_dict
