"""Split a basket into one parcel per producer and price each parcel's shipping by zone.

The zone is decided by the producer's province and the buyer's: the same province, the same
region (neighbouring), or further. Tourism experiences and other products whose class does not
require shipping cost nothing to ship.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from catalogue.models import Producer
from storefront.shipping.models import Zone, ZoneRate


@dataclass
class ParcelQuote:
    producer: Producer
    lines: list = field(default_factory=list)
    subtotal: Decimal = Decimal(0)
    zone: str = Zone.NONE
    charge: Decimal = Decimal(0)
    free_from: Decimal | None = None

    @property
    def total(self):
        return self.subtotal + self.charge

    @property
    def zone_label(self):
        return Zone(self.zone).label

    @property
    def short_of_free(self):
        """How much more of this producer's goods would make shipping free."""
        if self.charge and self.free_from is not None:
            return self.free_from - self.subtotal
        return None


def zone_between(origin, destination) -> str:
    if origin is None or destination is None:
        return Zone.NATIONAL
    if origin.pk == destination.pk:
        return Zone.LOCAL
    if origin.region and origin.region == destination.region:
        return Zone.REGIONAL
    return Zone.NATIONAL


def quote_parcels(basket, destination=None) -> list[ParcelQuote]:
    """One ParcelQuote per producer, in the order their goods first appear in the basket.

    Without a destination (the basket page) the charge is the far-zone charge: the most a
    buyer will pay, never a surprise later.
    """
    lines = list(basket.all_lines())
    producers = {
        p.partner_id: p
        for p in Producer.objects.select_related("province").filter(
            partner_id__in={line.stockrecord.partner_id for line in lines if line.stockrecord}
        )
    }
    rates = {rate.zone: rate for rate in ZoneRate.objects.all()}
    parcels: dict[int, ParcelQuote] = {}
    for line in lines:
        producer = producers.get(line.stockrecord.partner_id) if line.stockrecord else None
        if producer is None:
            continue
        parcel = parcels.setdefault(producer.pk, ParcelQuote(producer=producer))
        parcel.lines.append(line)
        parcel.subtotal += line.line_price_incl_tax_incl_discounts or Decimal(0)
    for parcel in parcels.values():
        if not any(line.product.get_product_class().requires_shipping for line in parcel.lines):
            continue
        parcel.zone = zone_between(parcel.producer.province, destination)
        rate = rates.get(parcel.zone)
        if rate is not None:
            parcel.charge = Decimal(rate.charge_for(parcel.subtotal))
            parcel.free_from = rate.free_from
    return list(parcels.values())
