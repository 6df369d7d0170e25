from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellerConfig(AppConfig):
    """The seller centre (kênh người bán): producers run their own listings, photos,
    certificates, parcels and statements; staff review what goes on sale (issue 10)."""

    name = "storefront.seller"
    label = "seller"
    verbose_name = _("Seller centre")
