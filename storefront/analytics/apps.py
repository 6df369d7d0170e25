import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    """Oscar's analytics models, without its receivers.

    Oscar's receivers write a counter row on every product view; on SQLite that is a write
    lock per page view ("database is locked" under load) and it breaks our rule that GET
    requests never write. The models stay so the dashboard reports still import.
    """

    name = "storefront.analytics"

    def ready(self):
        pass
