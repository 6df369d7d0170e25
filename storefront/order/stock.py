"""Stock allocation and release: the locking querysets in one place.

Oscar allocates with an unconditional `num_allocated + n`, which oversells when two buyers
race for the last units. Here allocation is one conditional UPDATE that only succeeds while
`num_in_stock - num_allocated >= n`, taken after locking the stock rows in primary-key
order (so two baskets that share products cannot deadlock). On PostgreSQL the lock makes
the second buyer wait for the first to commit and then see the new allocation; on SQLite
writers are serialised anyway.
"""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.partner.models import StockRecord


class OutOfStock(Exception):
    def __init__(self, product_titles):
        self.product_titles = list(product_titles)
        super().__init__(self.message)

    @property
    def message(self):
        return _("Sorry, not enough stock left for: %(products)s.") % {
            "products": ", ".join(self.product_titles)
        }


def lock_stockrecords(ids):
    """Lock the rows in a fixed order; evaluated at once so the locks are taken here."""
    return list(StockRecord.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _reindex_sold_out(records, wanted) -> None:
    """The conditional UPDATE sends no signal: tell the search index (its "in stock"
    filter and counts) of the products this allocation sold out, and of their parents.
    Only those, so an order that leaves stock writes nothing more (storefront/pagecache.py)."""
    from catalogue.models import Product
    from search.indexing import schedule

    sold_out = [r.product_id for r in records if 0 < r.net_stock_level <= wanted[r.pk]]
    if sold_out:
        parents = Product.objects.filter(pk__in=sold_out, parent__isnull=False)
        schedule([*sold_out, *parents.values_list("parent_id", flat=True)])


def allocate(wanted: dict[int, int], titles: dict[int, str]) -> None:
    """Allocate `wanted` {stockrecord id: quantity} or nothing. Call inside a transaction."""
    records = lock_stockrecords(wanted)
    short = []
    for pk in sorted(wanted):
        quantity = wanted[pk]
        allocated = Coalesce(F("num_allocated"), 0)
        updated = StockRecord.objects.filter(pk=pk, num_in_stock__gte=allocated + quantity).update(
            num_allocated=allocated + quantity
        )
        if not updated:
            short.append(titles[pk])
    if short:
        raise OutOfStock(short)
    _reindex_sold_out(records, wanted)


def _lock_held(lines):
    """The lines that still hold stock, with their stock rows locked in a fixed order."""
    holding = sorted(
        (line for line in lines if line.stockrecord_id and line.num_allocated),
        key=lambda line: line.stockrecord_id,
    )
    lock_stockrecords([line.stockrecord_id for line in holding])
    return holding


def release(lines) -> None:
    """Give back what these order lines still hold (cancellation, failed payment, expiry)."""
    for line in _lock_held(lines):
        line.stockrecord.cancel_allocation(line.num_allocated)
        line.num_allocated = 0
        line.save(update_fields=["num_allocated"])


def consume(lines) -> None:
    """The goods left the producer: take them out of stock and out of the allocation."""
    for line in _lock_held(lines):
        allocated = Coalesce(F("num_allocated"), 0)
        StockRecord.objects.filter(pk=line.stockrecord_id).update(
            num_allocated=allocated - line.num_allocated,
            num_in_stock=F("num_in_stock") - line.num_allocated,
        )
        line.num_allocated = 0
        line.save(update_fields=["num_allocated"])
