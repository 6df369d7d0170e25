"""The steps an order's page shows, in the order they happen for its payment method.

A transfer or card order is paid before producers ship it; a cash-on-delivery order is
confirmed, shipped, and paid only at the door. Showing "Paid" before "Shipped" for cash on
delivery told the buyer something that had not happened (issue 11).
"""

from django.utils.translation import gettext_lazy as _

from storefront.order import statuses
from storefront.order.models import PaymentMethod

ENDED = (statuses.CANCELLED, statuses.REFUNDED)
ON_ITS_WAY = (statuses.SHIPPED, statuses.DELIVERED)


def steps(order) -> list[tuple[str, bool]]:
    """[(label, reached), ...]; none for a cancelled or refunded order."""
    if order.status in ENDED:
        return []
    shipped = order.status in ON_ITS_WAY
    delivered = order.status == statuses.DELIVERED
    if order.payment_method == PaymentMethod.COD:
        return [
            (_("Order placed"), True),
            (_("Confirmed"), order.confirmed_at is not None),
            (statuses.LABELS[statuses.SHIPPED], shipped),
            (_("Delivered, paid on delivery"), delivered),
        ]
    return [
        (_("Order placed"), True),
        (statuses.LABELS[statuses.PAID], order.paid_at is not None),
        (statuses.LABELS[statuses.SHIPPED], shipped),
        (statuses.LABELS[statuses.DELIVERED], delivered),
    ]
