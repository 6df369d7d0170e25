"""A signed-in buyer who comes back: what the checkout is filled in with, the saved
addresses it offers, and the address book kept up to date after an order.

Where the details come from, first found wins: what the buyer typed this visit (the
session), their default address, the address of their last order, their newest saved
address. All of it only fills the form; the buyer changes anything before going on.
"""

from django.db.models import F
from django.http import Http404

from storefront.address.forms import fill, initial_from
from storefront.address.models import UserAddress
from storefront.order.models import Order
from storefront.params import safe_int


def saved_addresses(user) -> list:
    if not user.is_authenticated:
        return []
    # The model's ordering: the default first, then the most used, then the newest.
    return list(user.addresses.select_related("province", "ward"))


def prefill(user, addresses) -> dict:
    """The form's initial values for a signed-in buyer (`addresses`: saved_addresses)."""
    initial = {"email": user.email, "name": user.get_full_name()}
    default = next((a for a in addresses if a.is_default_for_shipping), None)
    source = default or last_order_address(user) or (addresses[0] if addresses else None)
    if source is not None and source.province_id and source.ward_id:
        initial.update(initial_from(source))
    return initial


def last_order_address(user):
    order = (
        Order.objects.filter(user=user, shipping_address__isnull=False)
        .select_related("shipping_address")
        .order_by("-date_placed", "-pk")
        .first()
    )
    return order.shipping_address if order else None


def pick(user, raw_pk) -> UserAddress:
    """One of the signed-in buyer's own addresses; anything else is a 404."""
    pk = safe_int(raw_pk or "")
    if not user.is_authenticated or pk is None:
        raise Http404
    try:
        return user.addresses.select_related("province", "ward").get(pk=pk)
    except UserAddress.DoesNotExist as exc:
        raise Http404 from exc


def remember(user, buyer, save: bool) -> None:
    """After an order: an address already in the book counts one more use (it rises in the
    list); a new one is added only if the buyer ticked "save", as the default if it is
    their first."""
    if not user.is_authenticated:
        return
    address = UserAddress(user=user, num_orders_as_shipping_address=1)
    fill(
        address,
        {
            "name": buyer.name,
            "phone": buyer.phone,
            "street": buyer.street,
            "ward": buyer.ward,
            "province": buyer.province,
        },
    )
    same = UserAddress.objects.filter(user=user, hash=address.generate_hash())
    if same.update(num_orders_as_shipping_address=F("num_orders_as_shipping_address") + 1):
        return
    if save:
        address.is_default_for_shipping = not user.addresses.exists()
        address.save()
