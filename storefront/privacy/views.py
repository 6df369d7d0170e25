"""A buyer's own data: download it as JSON (account or, for guests, the order link), and
ask for it to be erased; registration that records consent."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.customer import views as oscar_views

from storefront.privacy import services
from storefront.privacy.forms import ACCOUNT_STATEMENT, RegistrationForm
from storefront.privacy.models import Consent


def json_download(data, filename):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class RecordsConsent:
    def register_user(self, form):
        user = super().register_user(form)
        services.record_consent(Consent.Purpose.ACCOUNT, ACCOUNT_STATEMENT, user=user)
        return user


class AccountAuthView(RecordsConsent, oscar_views.AccountAuthView):
    registration_form_class = RegistrationForm


class AccountRegistrationView(RecordsConsent, oscar_views.AccountRegistrationView):
    form_class = RegistrationForm


class AccountDataView(LoginRequiredMixin, View):
    def get(self, request):
        return json_download(
            services.account_data(request.user), f"cho-ocop-du-lieu-{request.user.pk}.json"
        )


class OrderDataView(View):
    """A guest's data, by the signed order link they hold."""

    def get(self, request, token):
        from storefront.checkout.views import _order_from_token

        order = _order_from_token(token)
        return json_download(services.guest_order_data(order), f"don-hang-{order.number}.json")


class OrderErasureView(View):
    def post(self, request, token):
        from storefront.checkout.views import _order_from_token
        from storefront.order.links import order_status_url

        order = _order_from_token(token)
        if services.request_erasure(order):
            messages.success(
                request,
                _(
                    "Your phone number and e-mail are erased from this order. We keep what "
                    "the accounting law requires: the goods, amounts, your name and address."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "We will erase your phone number and e-mail from this order as soon as "
                    "it is delivered or cancelled (the courier needs them until then)."
                ),
            )
        return redirect(order_status_url(order))
