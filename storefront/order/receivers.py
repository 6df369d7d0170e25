from django.db import transaction
from django.dispatch import receiver
from oscar.apps.customer.signals import user_registered
from oscar.apps.order.signals import order_status_changed

from storefront.order import statuses, stock
from storefront.order.models import Parcel


@receiver(order_status_changed)
def release_stock_when_order_ends(sender, order, old_status, new_status, **kwargs):
    """However an order is cancelled (the buyer's page, the expiry command, a failed card
    payment, staff in the dashboard), the stock it holds goes back on sale exactly once:
    release() zeroes each line's allocation as it gives it back."""
    if new_status not in (statuses.CANCELLED, statuses.REFUNDED):
        return
    unshipped = order.parcels.filter(status__in=[Parcel.Status.PREPARING, Parcel.Status.CONFIRMED])
    partners = set(unshipped.values_list("producer__partner_id", flat=True))
    stock.release(
        [line for line in order.lines.select_related("stockrecord") if line.partner_id in partners]
    )
    unshipped.update(status=Parcel.Status.CANCELLED)


@receiver(user_registered)
def offer_to_link_guest_orders(sender, user, **kwargs):
    """Someone registered: if orders were placed as a guest with this e-mail, the mailbox's
    owner gets the link that attaches them (typing an address at registration proves
    nothing, so nothing is attached here)."""
    from storefront.order import claims

    transaction.on_commit(lambda: claims.send_link(user))
