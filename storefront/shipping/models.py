"""Shipping rates per zone, as data staff edit (Django admin and the CMS's OCOP menu)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    """How far a parcel travels; quoted parcels and placed ones (order.Parcel) share it."""

    LOCAL = "local", _("Same province")
    REGIONAL = "regional", _("Neighbouring (same region)")
    NATIONAL = "national", _("Far (other region)")
    NONE = "none", _("No shipping needed")


class ZoneRate(models.Model):
    """What one producer's parcel costs to ship into a zone, and when it ships free."""

    Zone = Zone

    zone = models.CharField(
        _("zone"),
        max_length=16,
        choices=[(value, label) for value, label in Zone.choices if value != Zone.NONE],
        unique=True,
    )
    fee = models.DecimalField(
        _("fee per parcel (₫)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    free_from = models.DecimalField(
        _("free when the parcel's goods reach (₫)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for no free shipping in this zone."),
    )

    class Meta:
        ordering = ["fee"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")

    def __str__(self):
        return self.get_zone_display()

    def charge_for(self, goods_total):
        if self.free_from is not None and goods_total >= self.free_from:
            return 0
        return self.fee


from oscar.apps.shipping.models import *  # noqa: E402, F403
