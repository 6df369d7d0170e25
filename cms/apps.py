from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from cms import receivers  # noqa: F401
        from cms.roles import ensure_editorial_roles

        post_migrate.connect(ensure_editorial_roles, sender=self)
