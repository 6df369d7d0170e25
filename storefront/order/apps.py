import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "storefront.order"

    def ready(self):
        super().ready()
        from storefront.order import receivers  # noqa: F401
