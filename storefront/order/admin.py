"""Staff tools for orders: confirm a bank transfer, ship and deliver parcels, cancel.

Each action goes through storefront.order.services, so stock and statuses follow the same
rules as the checkout, the webhook and the expiry command.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.apps.order import admin as oscar_admin

from storefront.order import services, statuses
from storefront.order.models import Order, Parcel, PaymentMethod


class ParcelInline(admin.TabularInline):
    model = Parcel
    extra = 0
    fields = ["producer", "zone", "subtotal", "shipping_charge", "status", "tracking_code"]
    readonly_fields = ["producer", "zone", "subtotal", "shipping_charge", "status"]
    can_delete = False


@admin.action(description=_("Bank transfer received: mark paid"))
def mark_transfer_received(modeladmin, request, queryset):
    done = 0
    for order in queryset.filter(
        payment_method=PaymentMethod.VIETQR, status=statuses.AWAITING_TRANSFER
    ):
        done += services.mark_paid(
            order, order.total_incl_tax, reference="transfer", actor=statuses.STAFF
        )
    modeladmin.message_user(
        request, ngettext("%d order marked paid.", "%d orders marked paid.", done) % done
    )


@admin.action(description=_("Cash on delivery confirmed by phone"))
def confirm_orders(modeladmin, request, queryset):
    done = sum(
        services.confirm(order, actor=statuses.STAFF)
        for order in queryset.filter(status=statuses.AWAITING_CONFIRMATION)
    )
    modeladmin.message_user(
        request, ngettext("%d order confirmed.", "%d orders confirmed.", done) % done
    )


@admin.action(description=_("Cancel and release stock"))
def cancel_orders(modeladmin, request, queryset):
    done = sum(
        services.cancel(order, note=f"Cancelled by {request.user}", actor=statuses.STAFF)
        for order in queryset
    )
    level = messages.SUCCESS if done == queryset.count() else messages.WARNING
    modeladmin.message_user(
        request, ngettext("%d order cancelled.", "%d orders cancelled.", done) % done, level
    )


class OrderAdmin(oscar_admin.OrderAdmin):
    list_display = [
        "number",
        "status",
        "payment_method",
        "total_incl_tax",
        "date_placed",
        "payment_due",
    ]
    list_filter = ["status", "payment_method"]
    inlines = [*oscar_admin.OrderAdmin.inlines, ParcelInline]
    actions = [confirm_orders, mark_transfer_received, cancel_orders]


def _report(modeladmin, request, done, refused, done_message, refused_message):
    """Say how many parcels changed, and warn about the ones the rules kept as they were:
    staff must see that nothing happened to those."""
    if done:
        modeladmin.message_user(request, done_message(done) % done, messages.SUCCESS)
    if refused:
        modeladmin.message_user(request, refused_message(refused) % refused, messages.WARNING)


@admin.action(description=_("Mark shipped"))
def ship(modeladmin, request, queryset):
    parcels = list(queryset)
    done = sum(services.ship_parcel(parcel) for parcel in parcels)
    # Only a parcel still being prepared, of a confirmed or paid order, can leave.
    _report(
        modeladmin,
        request,
        done,
        len(parcels) - done,
        lambda n: ngettext("%d parcel marked shipped.", "%d parcels marked shipped.", n),
        lambda n: ngettext(
            "%d parcel cannot be shipped: it has left already, or its order is not "
            "confirmed or paid.",
            "%d parcels cannot be shipped: they have left already, or their order is not "
            "confirmed or paid.",
            n,
        ),
    )


@admin.action(description=_("Mark delivered"))
def deliver(modeladmin, request, queryset):
    parcels = list(queryset)
    done = sum(services.deliver_parcel(parcel) for parcel in parcels)
    # Only a shipped parcel can arrive.
    _report(
        modeladmin,
        request,
        done,
        len(parcels) - done,
        lambda n: ngettext("%d parcel marked delivered.", "%d parcels marked delivered.", n),
        lambda n: ngettext(
            "%d parcel has not been shipped, so it cannot be marked delivered.",
            "%d parcels have not been shipped, so they cannot be marked delivered.",
            n,
        ),
    )


@admin.register(Parcel)
class ParcelAdmin(admin.ModelAdmin):
    list_display = ["order", "producer", "zone", "shipping_charge", "status", "shipped_at"]
    list_filter = ["status", "zone"]
    search_fields = ["order__number", "producer__name", "tracking_code"]
    raw_id_fields = ["order"]
    actions = [ship, deliver]


admin.site.unregister(Order)
admin.site.register(Order, OrderAdmin)
