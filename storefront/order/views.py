"""The buyer's side of linking guest orders to their account (see claims.py)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from storefront.order import claims

HISTORY = "customer:order-list"


class SendClaimLinkView(LoginRequiredMixin, View):
    """The order history's button: e-mail the link to the account's address."""

    http_method_names = ["post", "options"]

    def post(self, request):
        claims.send_link(request.user)
        # The same words whether or not anything was sent: the page does not say whether
        # an address has guest orders.
        messages.info(
            request,
            _(
                "If orders were placed without an account with %(email)s, we have sent a "
                "link to that address. Open it and press the button to link them."
            )
            % {"email": request.user.email},
        )
        return redirect(HISTORY)


class ClaimOrdersView(LoginRequiredMixin, View):
    """The e-mailed link: a GET shows what will be linked; only the button's POST links."""

    template_name = "oscar/customer/order/claim_orders.html"

    def get(self, request, token):
        email = claims.email_from_token(token, request.user)
        if email is None:
            return self.refused(request)
        orders = list(claims.unclaimed(email).order_by("date_placed"))
        context = {"orders": orders, "email": request.user.email, "token": token}
        return render(request, self.template_name, context)

    def post(self, request, token):
        email = claims.email_from_token(token, request.user)
        if email is None:
            return self.refused(request)
        count = claims.attach(request.user, email)
        if count:
            message = ngettext(
                "%(count)d earlier order is now in your account.",
                "%(count)d earlier orders are now in your account.",
                count,
            )
            messages.success(request, message % {"count": count})
        else:
            messages.info(request, _("There were no more orders to link."))
        return redirect(HISTORY)

    def refused(self, request):
        # 404: a forged, expired or someone else's link says nothing about any order.
        context = {"refused": True, "email": request.user.email}
        return render(request, self.template_name, context, status=404)
