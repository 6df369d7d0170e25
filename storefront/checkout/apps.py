from django.urls import path
from oscar.apps.checkout import apps


class CheckoutConfig(apps.CheckoutConfig):
    """One page for the address and payment method, one review page, then the order page.

    Oscar's five-step checkout asks for things we never use (a billing address, a choice
    of one shipping method); ours follows what a buyer on a phone expects.
    """

    name = "storefront.checkout"

    def ready(self):
        from storefront.checkout import views

        self.views = views

    def get_urls(self):
        from storefront.privacy.views import OrderDataView, OrderErasureView

        v = self.views
        urls = [
            path("", v.CheckoutView.as_view(), name="index"),
            path("review/", v.ReviewView.as_view(), name="review"),
            path("wards/", v.ward_options, name="ward-options"),
            path("orders/<str:token>/", v.OrderStatusView.as_view(), name="order-status"),
            path("orders/<str:token>/cancel/", v.CancelOrderView.as_view(), name="order-cancel"),
            path("confirm/<str:token>/", v.ConfirmOrderView.as_view(), name="order-confirm"),
            path("orders/<str:token>/data.json", OrderDataView.as_view(), name="order-data"),
            path("orders/<str:token>/erase/", OrderErasureView.as_view(), name="order-erase"),
            path("orders/<str:token>/card/", v.CardPaymentView.as_view(), name="card-payment"),
            path("orders/<str:token>/vietqr.svg", v.vietqr_image, name="vietqr-image"),
            path("orders/<str:token>/vietqr.png", v.vietqr_download, name="vietqr-download"),
        ]
        return self.post_process_urls(urls)

    def get_url_decorator(self, pattern):
        # Guests check out; the signed order links are their access control.
        return None
