"""A producer's parcels: its own lines of each order, never the order as a whole.

What a producer sees of an order: its parcel's lines, the delivery address and phone (to
ship), the payment method and, for cash on delivery, what the carrier collects for this
parcel. Never another producer's lines, nor the order's total.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from storefront.order import services, statuses
from storefront.order.models import Parcel, PaymentMethod
from storefront.params import safe_int
from storefront.seller import audit
from storefront.seller.access import seller_required
from storefront.seller.forms import clean_text

Status = Parcel.Status
CARRIERS = [
    "Vietnam Post (VNPost)",
    "Viettel Post",
    "Giao Hàng Nhanh (GHN)",
    "Giao Hàng Tiết Kiệm (GHTK)",
    "J&T Express",
    "Ninja Van",
    "Best Express",
]
# Orders whose parcels a producer may work on: committed (confirmed COD or paid), or
# already on their way.
ACTIVE_ORDERS = (statuses.PLACED, statuses.PAID, statuses.SHIPPED, statuses.DELIVERED)


class ShipForm(forms.Form):
    carrier = forms.CharField(
        label=gettext_lazy("Carrier"),
        max_length=64,
        widget=forms.TextInput(attrs={"list": "carriers", "autocomplete": "off"}),
    )
    tracking_code = forms.CharField(label=gettext_lazy("Tracking number"), max_length=64)

    def clean_carrier(self):
        return clean_text(self.cleaned_data["carrier"])

    def clean_tracking_code(self):
        return clean_text(self.cleaned_data["tracking_code"]).replace(" ", "")


def own_parcels(producer):
    return Parcel.objects.filter(producer=producer).select_related(
        "order",
        "order__shipping_address",
        "order__shipping_address__province",
        "order__shipping_address__ward",
    )


FILTERS = {
    "to-ship": gettext_lazy("To ship"),
    "shipped": gettext_lazy("On the way"),
    "done": gettext_lazy("Finished"),
    "waiting": gettext_lazy("Waiting for the buyer"),
}


@seller_required
def parcel_list(request):
    parcels = own_parcels(request.producer).order_by("-order__date_placed", "-pk")
    shown = request.GET.get("show", "to-ship")
    if shown not in FILTERS:
        shown = "to-ship"
    if shown == "to-ship":
        parcels = parcels.filter(
            status__in=[Status.PREPARING, Status.CONFIRMED], order__status__in=services.SHIPPABLE
        )
    elif shown == "shipped":
        parcels = parcels.filter(status=Status.SHIPPED)
    elif shown == "done":
        parcels = parcels.filter(status__in=[Status.DELIVERED, Status.RETURNED, Status.CANCELLED])
    else:
        parcels = parcels.filter(status=Status.PREPARING, order__status__in=statuses.UNCOMMITTED)
    return render(
        request,
        "seller/parcels.html",
        {"parcels": parcels[:200], "shown": shown, "filters": FILTERS.items()},
    )


def _lines(parcel):
    return [
        line
        for line in parcel.order.lines.order_by("pk")
        if line.partner_id == parcel.producer.partner_id
    ]


@seller_required
@require_http_methods(["GET", "POST"])
def parcel_detail(request, pk):
    parcel = own_parcels(request.producer).filter(pk=safe_int(str(pk))).first()
    if parcel is None:
        raise Http404
    ship_form = ShipForm(request.POST if request.POST.get("action") == "ship" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        old = parcel.status
        done = False
        if action == "confirm":
            done = services.confirm_parcel(parcel)
        elif action == "ship":
            if ship_form.is_valid():
                done = services.ship_parcel(
                    parcel,
                    tracking_code=ship_form.cleaned_data["tracking_code"],
                    carrier=ship_form.cleaned_data["carrier"],
                )
            else:
                return _render(request, parcel, ship_form, status=400)
        elif action == "deliver":
            done = services.deliver_parcel(parcel)
        elif action == "return":
            done = services.return_parcel(parcel)
        if done:
            parcel.refresh_from_db()
            audit.record(
                request.user, request.producer, "parcel", parcel, "status", old, parcel.status
            )
            messages.success(
                request, _("Saved: %(status)s.") % {"status": parcel.get_status_display()}
            )
        else:
            messages.error(
                request,
                _("This parcel cannot be moved that way now (it may have changed meanwhile)."),
            )
        return redirect("seller:parcel", pk=parcel.pk)
    return _render(request, parcel, ship_form)


def _render(request, parcel, ship_form, status=200):
    order = parcel.order
    lines = _lines(parcel)
    committed = order.status in services.SHIPPABLE
    cod = order.payment_method == PaymentMethod.COD
    return render(
        request,
        "seller/parcel_detail.html",
        {
            "parcel": parcel,
            "order": order,
            "lines": lines,
            "address": order.shipping_address,
            "cod": cod,
            # What the carrier collects for this parcel: its goods and its shipping.
            "collect": parcel.subtotal + parcel.shipping_charge if cod else None,
            "can_confirm": committed and parcel.status == Status.PREPARING,
            "can_ship": committed and parcel.status in (Status.PREPARING, Status.CONFIRMED),
            "can_deliver": parcel.status == Status.SHIPPED,
            "ship_form": ship_form,
            "carriers": CARRIERS,
            "waiting_for_buyer": order.status in statuses.UNCOMMITTED,
            # The buyer's address and phone only once there is something to ship: an
            # unconfirmed or unpaid order may never be.
            "show_contact": committed or parcel.status != Status.PREPARING,
        },
        status=status,
    )
