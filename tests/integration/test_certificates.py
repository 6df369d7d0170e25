import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalogue.certificates import valid_until_for
from catalogue.models import Certificate
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_valid_until_is_decision_date_plus_36_months():
    assert valid_until_for(datetime.date(2024, 11, 12)) == datetime.date(2027, 11, 12)
    # Leap day: 36 months later there is no 29 February.
    assert valid_until_for(datetime.date(2024, 2, 29)) == datetime.date(2027, 2, 28)


def test_saving_a_certificate_sets_validity_and_the_products_stars():
    cert = CertificateFactory(stars=4, decision_date=datetime.date(2025, 1, 10))
    product = cert.product
    product.refresh_from_db()
    assert cert.valid_until == datetime.date(2028, 1, 10)
    assert (product.certified_stars, product.certified_until) == (4, cert.valid_until)


def test_product_is_valid_until_the_last_day_then_expired(monkeypatch):
    decision = datetime.date(2023, 6, 1)
    cert = CertificateFactory(stars=3, decision_date=decision)
    product = cert.product
    product.refresh_from_db()
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 5, 31))
    assert product.ocop_valid and not product.ocop_expired
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 6, 1))
    assert not product.ocop_valid and product.ocop_expired


def test_below_three_stars_is_not_an_ocop_product():
    cert = CertificateFactory(stars=2)
    cert.product.refresh_from_db()
    assert not cert.is_ocop
    assert not cert.product.ocop_valid


def test_renewal_keeps_history_and_the_latest_decision_counts():
    old = CertificateFactory(stars=3, decision_date=datetime.date(2021, 3, 1))
    product = old.product
    new = CertificateFactory(product=product, stars=4, decision_date=datetime.date(2024, 3, 1))
    product.refresh_from_db()
    assert product.certificates.count() == 2
    assert product.certified_stars == 4
    new.delete()
    product.refresh_from_db()
    assert product.certified_stars == 3
    assert product.ocop_expired


def make_unsaved(**overrides):
    product = ProductFactory()
    values = dict(
        product=product,
        producer=product.producer,
        stars=4,
        decision_number="12/QĐ-UBND",
        decision_date=timezone.localdate() - datetime.timedelta(days=1),
        issuer="UBND tỉnh Đồng Nai",
        issuer_level=Certificate.IssuerLevel.PROVINCE,
    )
    values.update(overrides)
    return Certificate(**values)


def errors_of(cert):
    with pytest.raises(ValidationError) as exc:
        cert.full_clean()
    return exc.value.message_dict


def test_it_rejects_a_decision_dated_in_the_future():
    cert = make_unsaved(decision_date=timezone.localdate() + datetime.timedelta(days=1))
    assert "decision_date" in errors_of(cert)


@pytest.mark.parametrize("stars", [0, 6])
def test_it_rejects_stars_outside_one_to_five(stars):
    assert errors_of(make_unsaved(stars=stars))["stars"] == ["Số sao phải từ 1 đến 5."]


def test_database_refuses_out_of_range_stars_too():
    cert = make_unsaved(stars=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        cert.save()


def test_it_rejects_a_certificate_for_another_producers_product():
    cert = make_unsaved(producer=ProducerFactory())
    assert "product" in errors_of(cert)


def test_it_rejects_a_score_that_does_not_match_the_stars():
    errors = errors_of(make_unsaved(stars=5, score=75))
    assert errors["score"] == ["Điểm 75 tương ứng 4 sao, không phải 5 sao."]
    make_unsaved(stars=4, score=75).full_clean()


def test_it_rejects_a_district_decision_after_districts_were_abolished():
    cert = make_unsaved(
        issuer="UBND huyện Xuân Lộc",
        issuer_level=Certificate.IssuerLevel.FORMER_DISTRICT,
        decision_date=datetime.date(2025, 8, 1),
    )
    assert "issuer_level" in errors_of(cert)


def test_messages_are_in_english_for_english_users():
    from django.utils import translation

    with translation.override("en"):
        message = errors_of(make_unsaved(stars=6))["stars"][0]
    assert message == "Stars must be between 1 and 5."
