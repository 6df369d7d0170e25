from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "fairs"
    verbose_name = _("Trade fairs")

    def ready(self):
        from fairs import receivers  # noqa: F401
