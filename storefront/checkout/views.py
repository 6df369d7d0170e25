"""Checkout: details → review → order page (with the payment step for transfer and card)."""

import hashlib
import json
import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.decorators.http import require_GET

from storefront.address.forms import initial_from
from storefront.checkout import returning
from storefront.checkout.forms import (
    DELIVERY_STATEMENT,
    CheckoutForm,
    available_payment_methods,
)
from storefront.http import client_ip
from storefront.order import progress, services, statuses
from storefront.order.links import (
    order_number_from,
    order_number_from_confirm_token,
    order_status_url,
    order_token,
)
from storefront.order.models import Order, PaymentMethod
from storefront.order.stock import OutOfStock
from storefront.params import safe_int
from storefront.payments import stripe_gateway, vietqr
from storefront.places.models import Province, Ward
from storefront.shipping.methods import ParcelsByZone
from storefront.text import vietnamese_key

log = logging.getLogger(__name__)
SESSION_KEY = "checkout"
CARD_SERVICE_DOWN = _lazy(
    "Your order is saved, but the card service is not answering. Try the card payment "
    "again in a minute, or cancel this order and choose cash on delivery."
)


def _basket_or_redirect(request):
    basket = request.basket
    if basket.is_empty:
        messages.info(request, _("Your basket is empty."))
        return None, redirect("basket:summary")
    blocked = []
    for line in basket.all_lines():
        permitted, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
        if not permitted:
            blocked.append(f"{line.product.get_title()}: {reason}")
    if blocked:
        # Stock sold elsewhere, the per-order cap, a product taken off sale: say which.
        messages.error(
            request,
            _("Change your basket to continue. %(problems)s") % {"problems": " · ".join(blocked)},
        )
        return None, redirect("basket:summary")
    return basket, None


class CheckoutView(View):
    template_name = "checkout/checkout.html"

    def get(self, request):
        basket, response = _basket_or_redirect(request)
        if response:
            return response
        addresses = returning.saved_addresses(request.user)
        initial = dict(request.session.get(SESSION_KEY, {}))
        if not initial and request.user.is_authenticated:
            initial = returning.prefill(request.user, addresses)
        initial.setdefault("payment_method", PaymentMethod.COD.value)
        initial.pop("consent", None)  # never pre-ticked (Decree 356/2025)
        return self.render(request, CheckoutForm(initial=initial), basket, addresses)

    def post(self, request):
        basket, response = _basket_or_redirect(request)
        if response:
            return response
        addresses = returning.saved_addresses(request.user)
        if "use_address" in request.POST:
            # "Deliver here" on a saved address: its fields replace the address typed,
            # everything else typed stays (with or without JavaScript).
            chosen = returning.pick(request.user, request.POST["use_address"])
            initial = {**_typed(request), **initial_from(chosen)}
            return self.render(request, CheckoutForm(initial=initial), basket, addresses)
        if "choose_province" in request.POST:
            # The no-JavaScript path: show the communes of the chosen province.
            form = CheckoutForm(initial=_typed(request))
            return self.render(request, form, basket, addresses)
        form = CheckoutForm(request.POST)
        if not form.is_valid():
            return self.render(request, form, basket, addresses, status=400)
        request.session[SESSION_KEY] = form.session_data()
        return redirect("checkout:review")

    def render(self, request, form, basket, addresses, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "basket": basket,
                "parcels": ParcelsByZone().parcels(basket),
                "stripe_enabled": settings.STRIPE_ENABLED,
                "addresses": addresses,
            },
            status=status,
        )


def _typed(request) -> dict:
    """What was typed, to draw the form again (a box the buyer ticked stays ticked)."""
    return request.POST.dict()


def _buyer_from_session(request):
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    try:
        province = Province.objects.get(pk=data["province"])
        ward = Ward.objects.get(pk=data["ward"], province=province)
    except (KeyError, Province.DoesNotExist, Ward.DoesNotExist):
        return None
    if data.get("payment_method") not in {m.value for m in available_payment_methods()}:
        return None
    return services.Buyer(
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        street=data["street"],
        ward=ward,
        province=province,
        notes=data.get("notes", ""),
    ), data["payment_method"]


def fingerprint(basket, buyer, payment_method, parcels, total) -> str:
    """What the buyer saw on the review page. If any of it changes before they press
    "Place order" (another tab edited the basket, a price changed, the address changed),
    the order is not placed and the review page is shown again."""
    seen = {
        "lines": [
            [line.pk, line.product_id, line.quantity, str(line.unit_price_incl_tax)]
            for line in basket.all_lines()
        ],
        "parcels": [[p.producer.pk, str(p.charge)] for p in parcels],
        "total": str(total.incl_tax),
        "buyer": [buyer.name, buyer.phone, buyer.email, buyer.street, buyer.ward.pk],
        "method": payment_method,
    }
    return hashlib.sha256(json.dumps(seen, sort_keys=True).encode()).hexdigest()


class ReviewView(View):
    """The whole order, before it is placed (Decree 52/2013, art. 17)."""

    template_name = "checkout/review.html"

    def summary(self, request, basket):
        found = _buyer_from_session(request)
        if found is None:
            return None
        buyer, payment_method = found
        method = ParcelsByZone(destination=buyer.province)
        parcels = method.parcels(basket)
        shipping = method.calculate(basket, parcels)
        total = services.order_total(basket, shipping)
        return {
            "basket": basket,
            "buyer": buyer,
            "payment_method": PaymentMethod(payment_method),
            "parcels": parcels,
            "shipping": shipping,
            "total": total,
            "fingerprint": fingerprint(basket, buyer, payment_method, parcels, total),
        }

    def dispatch(self, request, *args, **kwargs):
        basket, response = _basket_or_redirect(request)
        if response:
            return response
        self.context = self.summary(request, basket)
        if self.context is None:
            return redirect("checkout:index")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, self.context)

    def post(self, request):
        context, basket = self.context, self.context["basket"]
        if request.POST.get("fingerprint") != context["fingerprint"]:
            messages.warning(
                request,
                _("Your order changed since you reviewed it. Check it again, then place it."),
            )
            return render(request, self.template_name, context, status=409)
        try:
            order = services.place_order(
                basket,
                context["buyer"],
                context["payment_method"],
                user=request.user,
                language=get_language() or settings.LANGUAGE_CODE,
                request=request,
                client_ip=client_ip(request),
                consent=DELIVERY_STATEMENT,
            )
        except OutOfStock as exc:
            messages.error(request, exc.message)
            return redirect("basket:summary")
        except services.OrderRefused as exc:
            messages.error(request, exc.message)
            return render(request, self.template_name, context, status=409)
        except services.BasketAlreadyOrdered as exc:
            # A double click or a second tab: the first request placed it; show that order.
            request.session.pop(SESSION_KEY, None)
            return redirect(order_status_url(exc.order))
        saving = request.session.pop(SESSION_KEY, {}).get("save_address", False)
        returning.remember(request.user, context["buyer"], save=saving)
        if order.payment_method == PaymentMethod.STRIPE:
            try:
                # Made now so the card page itself only reads.
                stripe_gateway.ensure_payment_intent(order)
            except stripe.StripeError:
                log.warning("Card payment for %s not started", order.number, exc_info=True)
                messages.warning(request, CARD_SERVICE_DOWN)
                return redirect(order_status_url(order) + "?card=retry")
            return redirect("checkout:card-payment", token=order_token(order))
        messages.success(
            request, _("Thank you! Your order %(number)s is placed.") % {"number": order.number}
        )
        return redirect(order_status_url(order))


def _order_from_token(token) -> Order:
    number = order_number_from(token)
    if number is None:
        raise Http404(_("This order link is not valid."))
    try:
        return Order.objects.select_related("shipping_address").get(number=number)
    except Order.DoesNotExist as exc:
        raise Http404(_("This order link is not valid.")) from exc


class OrderStatusView(View):
    template_name = "checkout/order_status.html"

    def get(self, request, token):
        order = _order_from_token(token)
        parcels = order.parcels_with_lines()
        context = {
            "order": order,
            "token": token,
            "parcels": parcels,
            "progress": progress.steps(order),
            "can_cancel": services.buyer_can_cancel(order),
            "card_retry": request.GET.get("card") == "retry",
            "erasure_pending": order.erasure_requests.filter(done_at=None).exists(),
        }
        if order.payment_method == PaymentMethod.VIETQR and order.is_awaiting_payment:
            context["vietqr"] = {
                "account": vietqr.BankAccount.from_settings(),
                "note": vietqr.transfer_note(order.number),
                "payload": vietqr.order_payload(order),
                "demo": settings.VIETQR_ACCOUNT_NUMBER == settings.VIETQR_DEMO_ACCOUNT,
            }
        return render(request, self.template_name, context)


class CancelOrderView(View):
    """Cancelling asks first, on the server: a GET or a plain POST (the order page's
    button) shows what will happen; only the POST of "Yes, cancel" cancels. Works without
    JavaScript, and a stray tap or a prefetch cancels nothing."""

    template_name = "checkout/cancel_order.html"

    def get(self, request, token):
        order = _order_from_token(token)
        if not services.buyer_can_cancel(order):
            messages.error(request, _("This order can no longer be cancelled online."))
            return redirect(order_status_url(order))
        return render(request, self.template_name, {"order": order, "token": token})

    def post(self, request, token):
        if request.POST.get("confirm") != "yes":
            return self.get(request, token)
        order = _order_from_token(token)
        if not services.cancel(order, note="Cancelled by buyer", actor=statuses.BUYER):
            messages.error(request, _("This order can no longer be cancelled online."))
        else:
            messages.success(request, _("Your order is cancelled."))
        return redirect(order_status_url(order))


class ConfirmOrderView(View):
    """The link in the e-mail: the buyer confirms a cash-on-delivery order. GET only shows
    the order (mail scanners open links); the button POSTs."""

    template_name = "checkout/confirm_order.html"

    def order(self, token):
        number = order_number_from_confirm_token(token)
        order = Order.objects.filter(number=number).first() if number else None
        if order is None:
            raise Http404(_("This order link is not valid."))
        return order

    def get(self, request, token):
        order = self.order(token)
        return render(
            request,
            self.template_name,
            {"order": order, "status_url": order_status_url(order)},
        )

    def post(self, request, token):
        order = self.order(token)
        if services.confirm(order, actor=statuses.BUYER):
            messages.success(request, _("Thank you! Your order is confirmed."))
        elif order.confirmed_at:
            messages.info(request, _("Your order was already confirmed."))
        else:
            messages.error(request, _("This order can no longer be confirmed."))
        return redirect(order_status_url(order))


class CardPaymentView(View):
    template_name = "checkout/card_payment.html"

    def get(self, request, token):
        order = _order_from_token(token)
        if order.payment_method != PaymentMethod.STRIPE or not settings.STRIPE_ENABLED:
            raise Http404
        if order.status != statuses.AWAITING_PAYMENT:
            return redirect(order_status_url(order))
        try:
            intent = stripe_gateway.ensure_payment_intent(order)
        except stripe.StripeError:
            log.exception("Could not start the card payment for %s", order.number)
            messages.error(request, CARD_SERVICE_DOWN)
            return redirect(order_status_url(order) + "?card=retry")
        return render(
            request,
            self.template_name,
            {
                "order": order,
                "token": token,
                "client_secret": intent.client_secret,
                "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                "stripe_js": settings.STRIPE_JS_URL,
                "return_url": request.build_absolute_uri(order_status_url(order)),
            },
        )


@require_GET
def ward_options(request):
    """<option>s of one province's communes, for the checkout form's script."""
    code = request.GET.get("province", "")
    code = safe_int(code)  # ASCII digits only: "²".isdigit() is True (issue 9, item 20)
    wards = Ward.objects.filter(province_id=code) if code is not None else Ward.objects.none()
    wards = sorted(wards, key=lambda ward: vietnamese_key(ward.name))  # as in the form
    return render(request, "checkout/partials/ward_options.html", {"wards": wards})


def _transfer_order(token) -> Order:
    order = _order_from_token(token)
    if order.payment_method != PaymentMethod.VIETQR or not order.is_awaiting_payment:
        raise Http404
    return order


@require_GET
def vietqr_image(request, token):
    order = _transfer_order(token)
    response = HttpResponse(vietqr.svg(vietqr.order_payload(order)), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def vietqr_download(request, token):
    """ "Save QR image": the same code as a PNG download, by the same signed link."""
    order = _transfer_order(token)
    response = HttpResponse(vietqr.png(vietqr.order_payload(order)), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="vietqr-{order.number}.png"'
    response["Cache-Control"] = "private, no-store"
    return response
