"""Reminders before an OCOP certificate runs out: 90 and 30 days before, and on the day.

Run daily (`manage.py send_certificate_reminders` or the Celery beat entry). A reminder
is sent once per certificate and threshold: the `CertificateReminder` row is written in
the same transaction as the notice, under a unique constraint, so a second run (or two
overlapping ones) sends nothing again. A run that missed days sends only the closest
threshold: a certificate found 20 days from the end gets the 30-day reminder, not a late
90-day one too. A certificate already followed by a newer verified one for the same
product is skipped: the producer has renewed.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import Certificate
from storefront.seller.mail import producer_addresses, send_after_commit
from storefront.seller.models import CertificateReminder, Notice

THRESHOLDS = (90, 30, 0)  # days before valid_until, largest first

Verified = Certificate.ReviewState.VERIFIED


def due_threshold(days_left):
    """The closest threshold at or above `days_left`, or None (too early or expired)."""
    due = [t for t in THRESHOLDS if 0 <= days_left <= t]
    return min(due) if due else None


def expiring(today):
    newer = Certificate.objects.filter(product=OuterRef("product"), review_state=Verified).filter(
        Q(decision_date__gt=OuterRef("decision_date"))
        | Q(decision_date=OuterRef("decision_date"), pk__gt=OuterRef("pk"))
    )
    return (
        Certificate.objects.filter(
            review_state=Verified,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=max(THRESHOLDS)),
        )
        .exclude(Exists(newer))
        .select_related("product", "producer__partner")
        .order_by("valid_until", "pk")
    )


def send_certificate_reminders(today=None):
    """Send what is due on `today` (default: the local date); returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for certificate in expiring(today):
        days_before = due_threshold((certificate.valid_until - today).days)
        if days_before is None:
            continue
        if CertificateReminder.objects.filter(
            certificate=certificate, days_before=days_before
        ).exists():
            continue
        if _remind(certificate, days_before):
            sent += 1
    return sent


def _remind(certificate, days_before):
    try:
        with transaction.atomic():
            CertificateReminder.objects.create(certificate=certificate, days_before=days_before)
            producer = certificate.producer
            context = {
                "number": certificate.decision_number,
                "title": certificate.product.title,
                "date": certificate.valid_until.strftime("%d/%m/%Y"),
                "days": days_before,
            }
            with translation.override("vi"):
                if days_before == 0:
                    message = (
                        _(
                            "OCOP certificate %(number)s of “%(title)s” expires today: the star "
                            "badge comes off the product. Upload the renewed decision."
                        )
                        % context
                    )
                else:
                    message = (
                        _(
                            "OCOP certificate %(number)s of “%(title)s” expires on %(date)s, in "
                            "%(days)s days or less. Upload the renewed decision before then to "
                            "keep the star badge."
                        )
                        % context
                    )
                link = reverse("seller:certificates")
            Notice.objects.create(producer=producer, message=message, link=link)
            send_after_commit(
                producer_addresses(producer),
                "reminder_certificate",
                {
                    "producer": producer,
                    "certificate": certificate,
                    "days_before": days_before,
                    "message": message,
                    "link": link,
                },
            )
    except IntegrityError:
        return False  # another run sent it first
    return True
