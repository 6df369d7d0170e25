from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = "Chợ OCOP"

    def ready(self):
        from django.apps import apps
        from django.db.backends.signals import connection_created

        from storefront import pagecache
        from storefront.sites import sync_site

        # Every committed write to a table public pages read moves the page cache's version.
        connection_created.connect(pagecache.install, dispatch_uid="storefront_page_cache")
        pagecache.install_all()

        # The Site row follows SITE_URL (issue 9, item 10). Sent with the sites app as
        # sender: post_migrate is only sent for apps with models, which this one has not.
        post_migrate.connect(
            sync_site, sender=apps.get_app_config("sites"), dispatch_uid="storefront_sync_site"
        )
