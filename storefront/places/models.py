"""Vietnam's administrative map since 1 July 2025: 34 provinces, 3,321 communes, no districts.

Rows are loaded from the `vietnam-provinces` package by a data migration (never typed by
hand); see `loader.py`.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from storefront.text import vietnamese_key


class Region(models.TextChoices):
    NORTHERN_MOUNTAINS = "northern-mountains", _("Northern midlands and mountains")
    RED_RIVER_DELTA = "red-river-delta", _("Red River Delta")
    CENTRAL_COAST = "central-coast", _("North Central and Central Coast")
    CENTRAL_HIGHLANDS = "central-highlands", _("Central Highlands")
    SOUTH_EAST = "south-east", _("South East")
    MEKONG_DELTA = "mekong-delta", _("Mekong Delta")


class Province(models.Model):
    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    # Without accents or the "Thành phố" prefix: "Dong Nai", "Ho Chi Minh City".
    name_en = models.CharField(_("English name"), max_length=64)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    division_type = models.CharField(_("type"), max_length=32)
    # Decides the shipping zone between two provinces (same region = neighbouring).
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name_en if (get_language() or "vi").startswith("en") else self.name

    @property
    def sort_key(self):
        """Where a reader of the current language looks for it in a list."""
        english = (get_language() or "vi").startswith("en")
        return self.name_en.lower() if english else vietnamese_key(self.name)


class Ward(models.Model):
    """A commune-level unit: commune (xã), ward (phường) or special zone (đặc khu)."""

    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=96)
    division_type = models.CharField(_("type"), max_length=32)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="wards", verbose_name=_("province")
    )

    class Meta:
        ordering = ["province_id", "name"]
        verbose_name = _("commune / ward")
        verbose_name_plural = _("communes / wards")

    def __str__(self):
        return self.name
