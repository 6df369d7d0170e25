"""Order statuses, and the one table of who may move an order from which status to which.

Every caller says who it acts for: the buyer's order page (BUYER), staff screens and the
admin (STAFF), the Stripe webhook (PAYMENT), the expiry job (EXPIRY) and the parcels, whose
shipping and delivery carry the order along (PARCELS). `Order.set_status` refuses a move the
table does not list for that actor, so no new screen can slip past it. Oscar's pipeline
setting is derived from the table.
"""

from django.utils.translation import gettext_lazy as _

AWAITING_CONFIRMATION = "awaiting-confirmation"  # cash on delivery, not yet confirmed
PLACED = "placed"  # cash on delivery, confirmed: nothing to pay until the parcel arrives
AWAITING_TRANSFER = "awaiting-transfer"
AWAITING_PAYMENT = "awaiting-payment"  # card payment started, webhook not yet arrived
PAID = "paid"
SHIPPED = "shipped"  # every parcel is on its way
DELIVERED = "delivered"
CANCELLED = "cancelled"
REFUNDED = "refunded"

LABELS = {
    AWAITING_CONFIRMATION: _("Awaiting confirmation"),
    PLACED: _("Placed"),
    AWAITING_TRANSFER: _("Awaiting transfer"),
    AWAITING_PAYMENT: _("Awaiting card payment"),
    PAID: _("Paid"),
    SHIPPED: _("Shipped"),
    DELIVERED: _("Delivered"),
    CANCELLED: _("Cancelled"),
    REFUNDED: _("Refunded"),
}

# Who acts.
BUYER = "buyer"
STAFF = "staff"
PAYMENT = "payment"  # a payment provider's event (Stripe webhook)
EXPIRY = "expiry"  # the time to confirm or to pay ran out
PARCELS = "parcels"  # the last parcel shipped / delivered
ACTORS = (BUYER, STAFF, PAYMENT, EXPIRY, PARCELS)

# from status: {to status: who may make that move}
TRANSITIONS = {
    AWAITING_CONFIRMATION: {
        PLACED: {BUYER, STAFF},
        CANCELLED: {BUYER, STAFF, EXPIRY},
    },
    PLACED: {
        SHIPPED: {PARCELS},
        DELIVERED: {PARCELS},
        CANCELLED: {BUYER, STAFF},
    },
    AWAITING_TRANSFER: {
        PAID: {STAFF},  # staff see the money arrive in the bank account
        CANCELLED: {BUYER, STAFF, EXPIRY},
    },
    AWAITING_PAYMENT: {
        PAID: {PAYMENT},  # only the signed webhook proves a card payment
        CANCELLED: {BUYER, STAFF, EXPIRY, PAYMENT},
    },
    # A paid order leaves "paid" only by shipping or by a refund; never by a payment
    # event arriving late or out of order, never by a plain cancel.
    PAID: {
        SHIPPED: {PARCELS},
        DELIVERED: {PARCELS},
        REFUNDED: {PAYMENT, STAFF},
    },
    SHIPPED: {
        DELIVERED: {PARCELS},
        REFUNDED: {PAYMENT, STAFF},
    },
    DELIVERED: {REFUNDED: {PAYMENT, STAFF}},
    CANCELLED: {},
    REFUNDED: {},
}

# Statuses in which an order holds stock without anybody having committed to it yet.
UNCOMMITTED = (AWAITING_CONFIRMATION, AWAITING_TRANSFER, AWAITING_PAYMENT)


def moves(status: str, actor: str) -> tuple[str, ...]:
    """The statuses `actor` may move an order in `status` to."""
    return tuple(to for to, actors in TRANSITIONS.get(status, {}).items() if actor in actors)


def allowed(old: str, new: str, actor: str) -> bool:
    return actor in TRANSITIONS.get(old, {}).get(new, ())


# Oscar's pipeline: every move anybody may make (Oscar reads it from settings).
PIPELINE = {status: tuple(targets) for status, targets in TRANSITIONS.items()}
