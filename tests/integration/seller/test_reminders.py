"""Reminders before an OCOP certificate runs out: 90 and 30 days before and on the day,
each once, never for a renewed certificate (issue 10)."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import Certificate
from storefront.seller.models import CertificateReminder, Notice
from storefront.seller.review import reminders
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
DECIDED = datetime.date(2024, 3, 1)
EXPIRES = datetime.date(2027, 3, 1)  # 36 months later


def certificate(**kwargs):
    kwargs.setdefault("decision_date", DECIDED)
    return CertificateFactory(product__producer__email="htx@htx.vn", **kwargs)


def run(today, capture):
    with capture(execute=True):
        call_command("send_certificate_reminders", today=today.isoformat())


def test_it_reminds_at_90_30_and_0_days_once_each(mailoutbox, django_capture_on_commit_callbacks):
    cert = certificate()
    assert cert.valid_until == EXPIRES
    for days, expected in (
        (91, []),
        (90, [90]),
        (89, [90]),
        (31, [90]),
        (30, [90, 30]),
        (29, [90, 30]),
        (1, [90, 30]),
        (0, [90, 30, 0]),
        (-1, [90, 30, 0]),
    ):
        run(EXPIRES - days * DAY, django_capture_on_commit_callbacks)
        run(EXPIRES - days * DAY, django_capture_on_commit_callbacks)  # again: nothing new
        sent = sorted(
            CertificateReminder.objects.filter(certificate=cert).values_list(
                "days_before", flat=True
            ),
            reverse=True,
        )
        assert sent == expected, days
    assert Notice.objects.filter(producer=cert.producer).count() == 3
    assert len(mailoutbox) == 3
    assert all(m.to == ["htx@htx.vn"] for m in mailoutbox)
    assert "01/03/2027" in mailoutbox[0].subject and "01/03/2027" in mailoutbox[0].body
    assert "hết hạn hôm nay" in mailoutbox[2].subject
    newest = Notice.objects.filter(producer=cert.producer).first()
    assert "hết hạn hôm nay" in newest.message and newest.link == "/ban-hang/kenh/chung-nhan/"


def test_a_late_first_run_sends_only_the_closest_reminder(
    mailoutbox, django_capture_on_commit_callbacks
):
    cert = certificate()
    run(EXPIRES - 20 * DAY, django_capture_on_commit_callbacks)
    assert list(cert.reminders.values_list("days_before", flat=True)) == [30]
    assert len(mailoutbox) == 1


def test_a_renewed_certificate_is_not_reminded(mailoutbox, django_capture_on_commit_callbacks):
    old = certificate()
    certificate(product=old.product, decision_date=DECIDED + 700 * DAY)
    run(EXPIRES - 10 * DAY, django_capture_on_commit_callbacks)
    assert not CertificateReminder.objects.exists()
    assert mailoutbox == [] and not Notice.objects.exists()


def test_a_newer_pending_or_rejected_certificate_does_not_count_as_renewal(
    django_capture_on_commit_callbacks,
):
    old = certificate()
    for state in (Certificate.ReviewState.PENDING, Certificate.ReviewState.REJECTED):
        certificate(product=old.product, decision_date=DECIDED + 700 * DAY, review_state=state)
    run(EXPIRES - 10 * DAY, django_capture_on_commit_callbacks)
    assert list(CertificateReminder.objects.values_list("certificate", flat=True)) == [old.pk]


def test_unverified_certificates_are_not_reminded(django_capture_on_commit_callbacks):
    for state in (Certificate.ReviewState.PENDING, Certificate.ReviewState.REJECTED):
        certificate(review_state=state)
    run(EXPIRES, django_capture_on_commit_callbacks)
    assert not CertificateReminder.objects.exists() and not Notice.objects.exists()


def test_a_reminder_another_run_sent_first_is_skipped(monkeypatch):
    """Two runs at once: the second one's insert hits the unique constraint and sends
    nothing (on PostgreSQL it waits for the first to commit, then fails the same way)."""
    cert = certificate()
    CertificateReminder.objects.create(certificate=cert, days_before=30)
    # The run's own check passed before the other run's row was written:
    monkeypatch.setattr(
        CertificateReminder.objects, "filter", lambda **kw: CertificateReminder.objects.none()
    )
    assert reminders.send_certificate_reminders(EXPIRES - 20 * DAY) == 0
    assert not Notice.objects.exists()


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        call_command("send_certificate_reminders", today="23/11/2026")


def test_the_daily_task_is_registered_and_scheduled(settings):
    from storefront.celery import app

    app.loader.import_default_modules()
    name = "storefront.seller.review.tasks.send_certificate_reminders"
    assert name in app.tasks
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == name)
    assert entry["schedule"] == 24 * 60 * 60
