"""Wagtail pages. The home page is the root of the site; the shop hangs under /shop/."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=120, blank=True)
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("hero_title"), FieldPanel("intro")]
    max_count = None
    subpage_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from catalogue.listing import category_tree, product_cards, valid_ocop
        from catalogue.models import Product

        ctx = super().get_context(request, *args, **kwargs)
        ctx["groups"] = category_tree()
        ctx["top_products"] = product_cards(valid_ocop(Product.objects.browsable(), stars=5))[:8]
        ctx["new_products"] = product_cards(Product.objects.browsable())[:8]
        return ctx
