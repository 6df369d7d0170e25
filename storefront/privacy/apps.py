from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data (Law 91/2025, Decree 356/2025): records of consent, a buyer's data
    export, and requests to erase it."""

    name = "storefront.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from storefront.privacy import receivers  # noqa: F401
