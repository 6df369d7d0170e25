"""The "Storefront" setting of each Wagtail Site: which theme it wears and which province
it is the storefront of (its catalogue and search list that province's producers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def theme_choices():
    from storefront.themes import available

    return list(available().items())


@register_setting(icon="view")
class Storefront(BaseSiteSetting):
    theme = models.CharField(_("theme"), max_length=40, default="default", choices=theme_choices)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_(
            "Leave empty for the national storefront; set it to list only the "
            "products of this province's producers on this site."
        ),
    )

    panels = [FieldPanel("theme"), FieldPanel("province")]

    class Meta:
        verbose_name = _("storefront")
