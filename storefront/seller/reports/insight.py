"""How a producer's goods sell: orders, units, revenue, best sellers, revenue per day, and
the stock that is about to run out.

A line belongs to a producer when its partner is the producer's partner (each producer has
one). Revenue is the goods of those lines (after discounts) in orders that were not
cancelled or refunded. The chart is drawn here as inline SVG: no script, no CDN, and a
hidden table carries the same numbers for screen readers.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.partner.models import StockRecord
from oscar.core.loading import get_model

from catalogue.models import Product
from catalogue.templatetags.ocop_tags import vnd
from storefront.order import statuses
from storefront.seller.access import seller_required

Line = get_model("order", "Line")

PERIODS = (30, 90)
LOW_STOCK = 5  # free units (in stock − held for orders) at or below this are warned about
EXCLUDED = (statuses.CANCELLED, statuses.REFUNDED)

# Chart geometry, in SVG user units (the picture scales to the width of the page).
WIDTH, HEIGHT, TOP, BOTTOM = 400, 200, 22, 24


def parse_days(value):
    return int(value) if value in {str(d) for d in PERIODS} else PERIODS[0]


def sold_lines(producer, since):
    return Line.objects.filter(
        partner_id=producer.partner_id, order__date_placed__gte=since
    ).exclude(order__status__in=EXCLUDED)


@dataclass
class Bar:
    day: datetime.date
    revenue: Decimal
    x: float
    y: float
    width: float
    height: float


def chart(per_day, first_day, days):
    """Bars for every day of the period (days without sales are 0)."""
    top = max(per_day.values(), default=Decimal(0)) or Decimal(1)
    slot = WIDTH / days
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for i in range(days):
        day = first_day + datetime.timedelta(days=i)
        revenue = per_day.get(day, Decimal(0))
        height = float(revenue / top) * plot
        bars.append(
            Bar(
                day=day,
                revenue=revenue,
                x=round(i * slot + slot * 0.1, 2),
                y=round(TOP + plot - height, 2),
                width=round(slot * 0.8, 2),
                height=round(height, 2),
            )
        )
    return bars


def insight(producer, days, today=None):
    """Four queries: totals, best sellers, revenue per day, low stock."""
    today = today or timezone.localdate()
    first_day = today - datetime.timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tz)
    lines = sold_lines(producer, since)
    totals = lines.aggregate(
        orders=Count("order_id", distinct=True),
        units=Coalesce(Sum("quantity"), Value(0)),
        revenue=Sum("line_price_incl_tax"),
    )
    top = list(
        lines.values("product_id")
        .annotate(
            title=Max("title"),  # the name it was sold under (one group per product)
            units=Sum("quantity"),
            revenue=Sum("line_price_incl_tax"),
        )
        .order_by("-revenue", "-units", "product_id")[:5]
    )
    per_day = {
        row["day"]: row["revenue"]
        for row in lines.annotate(day=TruncDate("order__date_placed", tzinfo=tz))
        .values("day")
        .annotate(revenue=Sum("line_price_incl_tax"))
        .order_by("day")
    }
    bars = chart(per_day, first_day, days)
    revenue = totals["revenue"] or Decimal(0)
    best = max(bars, key=lambda b: b.revenue) if revenue else None
    return {
        "days": days,
        "first_day": first_day,
        "today": today,
        "orders": totals["orders"],
        "units": totals["units"],
        "revenue": revenue,
        "top": top,
        "bars": bars,
        "best": best,
        "low_stock": low_stock(producer),
        "chart": {"width": WIDTH, "height": HEIGHT, "base": HEIGHT - BOTTOM, "top": TOP},
    }


def low_stock(producer):
    """Stock records with at most LOW_STOCK free units, drafts left out (not on sale)."""
    draft = Product.ListingState.DRAFT
    return list(
        StockRecord.objects.filter(partner_id=producer.partner_id)
        .annotate(free=F("num_in_stock") - Coalesce(F("num_allocated"), Value(0)))
        .filter(free__lte=LOW_STOCK)
        .exclude(product__listing_state=draft)
        .exclude(product__parent__listing_state=draft)
        .select_related("product", "product__parent")
        .order_by("free", "product_id")
    )


@seller_required
def insight_page(request):
    days = parse_days(request.GET.get("days"))
    context = insight(request.producer, days)
    context["periods"] = PERIODS
    context["summary"] = _(
        "Revenue per day over the last %(days)s days: %(total)s in total%(best)s."
    ) % {
        "days": days,
        "total": vnd(context["revenue"]),
        "best": (
            _(", best day %(day)s with %(amount)s")
            % {
                "day": context["best"].day.strftime("%d/%m"),
                "amount": vnd(context["best"].revenue),
            }
            if context["best"]
            else ""
        ),
    }
    return render(request, "seller/reports/insight.html", context)
