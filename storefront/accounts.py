"""Account views that replace Oscar's where Oscar changes state on GET (issue 9, item 12).

Mounted in storefront/urls.py on the same paths as Oscar's, before Oscar's include, so
`{% url "customer:logout" %}` and `customer:wishlists-add-product` still name them.
"""

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView
from oscar.apps.customer.views import OrderLineView as OscarOrderLineView
from oscar.apps.customer.wishlists.views import WishListAddProduct as OscarWishListAddProduct
from oscar.apps.customer.wishlists.views import (
    WishListMoveProductToAnotherWishList as OscarWishListMove,
)


class LogoutView(TemplateView):
    """GET shows a confirmation with a button (a link, a prefetch or an <img> tag must not
    sign anyone out); only POST, with its CSRF token, signs out."""

    template_name = "oscar/customer/logout_confirm.html"
    http_method_names = ["get", "post", "options"]

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        response = redirect(settings.OSCAR_HOMEPAGE)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response


class WishListAddProduct(OscarWishListAddProduct):
    """Oscar's view adds on GET too; here only a POST adds (GET answers 405)."""

    http_method_names = ["post", "options"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class WishListMoveProduct(OscarWishListMove):
    """Oscar moves a line to another wish list on GET; here only on POST."""

    http_method_names = ["post", "options"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return OscarWishListMove.get(self, request, *args, **kwargs)


class OrderLineView(OscarOrderLineView):
    """Oscar's "buy this line again" takes a POST; its GET looked for a template that does
    not exist (a 500), and a line id of another order was an uncaught DoesNotExist. Here a
    GET goes to the order, and only the buyer's own order and line are found."""

    def get_object(self, queryset=None):
        order = get_object_or_404(
            self.request.user.orders.all(), number=self.kwargs["order_number"]
        )
        return get_object_or_404(order.lines.all(), pk=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        return redirect("customer:order", order_number=self.get_object().order.number)


def no_anonymous_order_pages(request, *args, **kwargs):
    """Oscar's anonymous order pages (order number + hash + e-mail typed into a form) are
    not used: guests follow an order by the signed link of their e-mail. Closed, so there
    is one way in to a guest's order, not two."""
    raise Http404


logout_view = LogoutView.as_view()
order_line_view = login_required(OrderLineView.as_view())
wishlist_add_view = login_required(WishListAddProduct.as_view())
wishlist_move_view = login_required(WishListMoveProduct.as_view())
