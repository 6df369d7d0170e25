"""What the shop's public pages show of a product's stock, and how the page cache hears
that it changed.

A public page shows "in stock", "only N left" at FEW_LEFT units or fewer, or sold out:
never the exact count above FEW_LEFT. So an order that leaves plenty changes no public page,
and on a promotion day orders no longer empty the page cache (storefront/pagecache.py).

How the cache hears of it: an UPDATE of `partner_stockrecord` does not move the content
version by itself. A database trigger (migration catalogue 0041) appends a row to
`catalogue_shownstockchange` whenever an updated stock record changes what a page shows: its
price, product, partner, SKU or stock level as `shown_level` counts it. The write watcher
compares the newest row before and after the UPDATE and moves the version only then. Raw SQL,
`QuerySet.update()` and other processes are seen the same way, since the trigger is in the
database. INSERT and DELETE of stock records move the version as every other public write.
"""

from django.conf import settings
from django.utils.translation import gettext as _

FEW_LEFT = 10  # migration 0041's trigger counts the same levels: change both together


def shown_level(num_available: int) -> int:
    """The stock level a public page can tell apart: 0, 1 .. FEW_LEFT, or more."""
    return max(0, min(num_available, FEW_LEFT + 1))


def _few_left(availability) -> int | None:
    """The units left when FEW_LEFT or fewer are, else None (plenty, or not counted)."""
    num_available = getattr(availability, "num_available", None)
    return num_available if num_available is not None and num_available <= FEW_LEFT else None


def stock_line(availability) -> str:
    """The product page's stock line. Oscar's own says "In stock (37 available)", which a
    page that must not change with every order cannot show."""
    if not availability.is_available_to_buy:
        return str(availability.message)
    few = _few_left(availability)
    return _("Only %(n)d left") % {"n": few} if few is not None else _("In stock")


def quantity_limit(availability) -> int:
    """The quantity box's maximum: the units left when few are, else the per-order cap
    (adding more than is left is refused by the basket with the number)."""
    cap = settings.OCOP_MAX_UNITS_PER_PRODUCT
    few = _few_left(availability)
    return max(1, min(few, cap)) if few is not None else cap
