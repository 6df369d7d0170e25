"""Booth applications in Wagtail's admin, beside the seller review queue: shown and served
only to holders of `seller.review_sellers` (Moderators)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from storefront.seller.wagtail_hooks import ReviewerMenuItem


@hooks.register("register_admin_urls")
def fair_application_urls():
    return [path("hoi-cho-gian/", include("fairs.admin_urls"))]


@hooks.register("register_admin_menu_item")
def fair_applications_menu_item():
    return ReviewerMenuItem(
        _("Booth applications"),
        reverse("fair_applications:list"),
        name="fair-applications",
        icon_name="date",
        order=255,
    )
