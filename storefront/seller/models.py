"""What the seller centre keeps besides the catalogue's and the order's own rows.

- Invitations: the first user of a producer invites the others (Oscar's `Partner.users`
  is who may act for a producer).
- Listing changes: text and photo edits to a live listing wait here for review while the
  live version keeps selling.
- The audit trail: who changed a price, stock, listing state or certificate, from what to
  what.
- Notices in the centre, commission rates per producer kind, and which certificate
  reminders were already sent.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.producers import Producer


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A link, sent by e-mail, that lets one more person act for a producer.

    Only the token's hash is stored: a database dump does not hand out memberships."""

    VALID_DAYS = 7

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date_created = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date_created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.producer}"

    @classmethod
    def issue(cls, producer, email, invited_by):
        """Create an invitation; returns (invitation, token). The token is shown once."""
        token = secrets.token_urlsafe(24)
        invitation = cls.objects.create(
            producer=producer, email=email, token_hash=_hash(token), invited_by=invited_by
        )
        return invitation, token

    @classmethod
    def find(cls, token: str):
        """The open, unexpired invitation for `token`, or None."""
        if not token or len(token) > 64:
            return None
        cutoff = timezone.now() - timedelta(days=cls.VALID_DAYS)
        return (
            cls.objects.select_related("producer")
            .filter(token_hash=_hash(token), accepted_at=None, date_created__gt=cutoff)
            .first()
        )


class PendingChange(models.Model):
    """Proposed public text, waiting for staff while the live text stays as it is."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    data = models.JSONField(_("proposed values"))
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["date_created", "id"]


class ListingChange(PendingChange):
    """Proposed text for a live listing (title, description, category, standards)."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="listing_changes"
    )

    class Meta(PendingChange.Meta):
        verbose_name = _("listing change")
        verbose_name_plural = _("listing changes")
        permissions = [
            ("review_sellers", _("Can review producers, listings, photos and certificates"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(state="pending"),
                name="one_pending_change_per_listing",
            )
        ]

    def __str__(self):
        return f"{self.product} ({self.get_state_display()})"


class ProfileChange(PendingChange):
    """Proposed public text of a verified producer (its story)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="profile_changes")

    class Meta(PendingChange.Meta):
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(state="pending"),
                name="one_pending_change_per_profile",
            )
        ]

    def __str__(self):
        return f"{self.producer} ({self.get_state_display()})"


class AuditEntry(models.Model):
    """One changed value: who, when, what, from what to what. Never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, null=True, related_name="audit_entries"
    )
    subject = models.CharField(_("what"), max_length=32)  # product, stock, certificate...
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=255)
    field = models.CharField(_("field"), max_length=64)
    old = models.TextField(_("from"), blank=True)
    new = models.TextField(_("to"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["subject", "object_id"], name="audit_subject")]

    def __str__(self):
        return f"{self.object_repr}.{self.field}: {self.old} → {self.new}"


class Notice(models.Model):
    """A message in a producer's seller centre (review decisions, reminders)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="notices")
    message = models.TextField(_("message"))
    link = models.CharField(max_length=255, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date_created", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.message[:60]


class CommissionRate(models.Model):
    """The platform's share of delivered goods, per producer kind, set by staff."""

    kind = models.CharField(
        _("producer kind"), max_length=24, choices=Producer.Kind.choices, unique=True
    )
    percent = models.DecimalField(
        _("commission (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.percent}%"


class CertificateReminder(models.Model):
    """A reminder already sent, so the daily job sends each one once."""

    certificate = models.ForeignKey(
        "catalogue.Certificate", on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self):
        return f"{self.certificate} −{self.days_before}"
