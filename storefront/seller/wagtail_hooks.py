"""The seller review queue and the audit trail in Wagtail's admin, where promotion staff
already work; shown and served only to holders of `seller.review_sellers`."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from storefront.seller.review.views import may_review


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


@hooks.register("register_admin_urls")
def review_urls():
    return [path("duyet-nguoi-ban/", include("storefront.seller.review.urls"))]


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewerMenuItem(
        _("Seller review"),
        reverse("seller_review:queue"),
        name="seller-review",
        icon_name="tasks",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return ReviewerMenuItem(
        _("Change log"),
        reverse("seller_review:audit"),
        name="seller-audit",
        icon_name="history",
        order=260,
    )
