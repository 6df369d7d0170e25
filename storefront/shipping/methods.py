"""The one shipping method: per-producer parcels charged by zone (see parcels.py).

Oscar's other methods (Free, NoShippingRequired, the offer wrappers) still come from Oscar:
get_class falls back to its module for names not defined here.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from storefront.shipping.parcels import quote_parcels


class ParcelsByZone(Base):
    code = "parcels-by-zone"
    name = _("Delivery per producer parcel")
    description = _("Each producer ships its own parcel; the fee depends on the distance.")

    def __init__(self, destination=None):
        self.destination = destination

    def parcels(self, basket):
        return quote_parcels(basket, self.destination)

    def calculate(self, basket, parcels=None):
        """The sum of the parcels' charges (pass `parcels` when already quoted)."""
        parcels = self.parcels(basket) if parcels is None else parcels
        charge = sum((p.charge for p in parcels), Decimal(0))
        # Listed prices and fees include VAT (the law deems them to, and ours say so).
        return prices.Price(currency=basket.currency, excl_tax=charge, incl_tax=charge)
