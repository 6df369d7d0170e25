"""What a buyer may put in a basket, and at what price.

Oscar asks the strategy for every product it shows, adds to a basket or checks out, so this
is where "only what is on sale can be bought" holds whatever view the request came through
(a POST with a hidden product's id included).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class NotForSale(availability.Unavailable):
    code = "not-for-sale"
    message = _("Not on sale")

    def is_purchase_permitted(self, quantity):
        return False, self.message


class CappedPerOrder:
    """Another policy, refusing more than OCOP_MAX_UNITS_PER_PRODUCT units in one basket
    (the hoarding limit that placing an order checks again): the buyer hears it when
    adding to the basket, not at the last click."""

    def __init__(self, policy):
        self.policy = policy

    def __getattr__(self, name):
        return getattr(self.policy, name)

    @property
    def is_available_to_buy(self):
        return self.is_purchase_permitted(1)[0]

    def is_purchase_permitted(self, quantity):
        cap = settings.OCOP_MAX_UNITS_PER_PRODUCT
        if quantity > cap:
            return False, _(
                "You can order at most %(cap)d of this product in one order. For larger "
                "quantities, contact the producer."
            ) % {"cap": cap}
        return self.policy.is_purchase_permitted(quantity)


class ForSale(strategy.Default):
    """Oscar's default (first stock record, stock required, no separate tax), refusing
    products that are not public or whose producer is not verified."""

    def availability_policy(self, product, stockrecord):
        if not product.is_for_sale:
            return NotForSale()
        return CappedPerOrder(super().availability_policy(product, stockrecord))

    def parent_pricing_policy(self, product, children_stock):
        """A product in options is shown "from" its cheapest option (Oscar takes the
        first option's price, whatever it is)."""
        priced = [
            (child, r) for child, r in children_stock if r is not None and r.price is not None
        ]
        priced.sort(key=lambda pair: pair[1].price)
        return super().parent_pricing_policy(product, priced)

    def parent_availability_policy(self, product, children_stock):
        if not product.is_for_sale:
            return NotForSale()
        return super().parent_availability_policy(product, children_stock)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return ForSale(request)
