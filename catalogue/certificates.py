"""OCOP certificates (quyết định công nhận) and their 36-month validity."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.validators import validate_certificate_scan

# Districts were abolished on this day; no district could issue a decision after it.
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)


def valid_until_for(decision_date):
    return decision_date + relativedelta(months=settings.OCOP_CERTIFICATE_VALID_MONTHS)


def stars_for_score(score):
    for stars, (low, high) in settings.OCOP_STAR_BANDS.items():
        if low <= score <= high:
            return stars
    return None


class Certificate(models.Model):
    class ReviewState(models.TextChoices):
        """A producer's upload waits for staff; only VERIFIED ones give the badge."""

        PENDING = "pending", _("Waiting for review")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    class IssuerLevel(models.TextChoices):
        CENTRAL = "central", _("Central (Ministry / Prime Minister)")
        PROVINCE = "province", _("Province")
        FORMER_DISTRICT = "former_district", _("District (before July 2025)")

    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("product"),
    )
    # The owner named on the decision; must be the producer selling the product.
    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("producer"),
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"),
        validators=[
            MinValueValidator(1, _("Stars must be between 1 and 5.")),
            MaxValueValidator(5, _("Stars must be between 1 and 5.")),
        ],
    )
    score = models.PositiveSmallIntegerField(
        _("score (out of 100)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, _("The score is out of 100."))],
    )
    decision_number = models.CharField(
        _("decision number"), max_length=64, help_text=_('As printed, e.g. "4894/QĐ-UBND".')
    )
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(
        _("issuing body"),
        max_length=200,
        help_text=_('As printed, even if it no longer exists, e.g. "UBND huyện Mỏ Cày Bắc".'),
    )
    issuer_level = models.CharField(_("issuer level"), max_length=20, choices=IssuerLevel.choices)
    scan = models.FileField(
        _("scan (PDF or image)"),
        upload_to="certificates/",
        blank=True,
        validators=[validate_certificate_scan],
    )
    valid_until = models.DateField(_("valid until"), editable=False)
    review_state = models.CharField(
        _("review"),
        max_length=16,
        choices=ReviewState.choices,
        default=ReviewState.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="certificate_stars_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.decision_number} ({self.stars}★)"

    @property
    def is_ocop(self):
        """Only 3 stars and above are OCOP products and may carry the logo."""
        return self.stars >= 3

    @property
    def is_verified(self):
        return self.review_state == self.ReviewState.VERIFIED

    @property
    def is_valid(self):
        return timezone.localdate() < self.valid_until

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.decision_date and self.decision_date > today:
            errors["decision_date"] = _("The decision date cannot be in the future.")
        if (
            self.decision_date
            and self.issuer_level == self.IssuerLevel.FORMER_DISTRICT
            and self.decision_date >= DISTRICTS_ABOLISHED
        ):
            errors["issuer_level"] = _(
                "Districts were abolished on 1 July 2025; a later decision is issued by the "
                "province or the central level."
            )
        if self.stars and self.score is not None and self.score <= 100:
            expected = stars_for_score(self.score)
            if expected != self.stars:
                errors["score"] = _(
                    "A score of %(score)s gives %(expected)s stars, not %(stars)s."
                ) % {"score": self.score, "expected": expected, "stars": self.stars}
        if self.product_id and self.producer_id and self.product.producer_id != self.producer_id:
            errors["product"] = _(
                "This product belongs to another producer; a certificate can only be "
                "recorded for the producer's own product."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.valid_until = valid_until_for(self.decision_date)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.product.refresh_certification()

    def delete(self, *args, **kwargs):
        product = self.product
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            product.refresh_certification()
        return result
