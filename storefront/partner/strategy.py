"""What a buyer may put in a basket, and at what price.

Oscar asks the strategy for every product it shows, adds to a basket or checks out, so this
is where "only what is on sale can be bought" holds whatever view the request came through
(a POST with a hidden product's id included).
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class NotForSale(availability.Unavailable):
    code = "not-for-sale"
    message = _("Not on sale")

    def is_purchase_permitted(self, quantity):
        return False, self.message


class ForSale(strategy.Default):
    """Oscar's default (first stock record, stock required, no separate tax), refusing
    products that are not public or whose producer is not verified."""

    def availability_policy(self, product, stockrecord):
        if not product.is_for_sale:
            return NotForSale()
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        if not product.is_for_sale:
            return NotForSale()
        return super().parent_availability_policy(product, children_stock)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return ForSale(request)
