"""Order statuses and the moves between them (Oscar reads the pipeline from settings)."""

from django.utils.translation import gettext_lazy as _

PLACED = "placed"  # cash on delivery: nothing to pay until the parcel arrives
AWAITING_TRANSFER = "awaiting-transfer"
AWAITING_PAYMENT = "awaiting-payment"  # card payment started, webhook not yet arrived
PAID = "paid"
SHIPPED = "shipped"  # every parcel is on its way
DELIVERED = "delivered"
CANCELLED = "cancelled"
REFUNDED = "refunded"

LABELS = {
    PLACED: _("Placed"),
    AWAITING_TRANSFER: _("Awaiting transfer"),
    AWAITING_PAYMENT: _("Awaiting card payment"),
    PAID: _("Paid"),
    SHIPPED: _("Shipped"),
    DELIVERED: _("Delivered"),
    CANCELLED: _("Cancelled"),
    REFUNDED: _("Refunded"),
}

PIPELINE = {
    PLACED: (SHIPPED, DELIVERED, CANCELLED),
    AWAITING_TRANSFER: (PAID, CANCELLED),
    AWAITING_PAYMENT: (PAID, CANCELLED),
    PAID: (SHIPPED, DELIVERED, CANCELLED, REFUNDED),
    SHIPPED: (DELIVERED, REFUNDED),
    DELIVERED: (REFUNDED,),
    CANCELLED: (),
    REFUNDED: (),
}

# The buyer's progress bar on the order page.
PROGRESS = (PLACED, PAID, SHIPPED, DELIVERED)
