"""A producer's monthly statement: what was delivered, who holds the money, who owes whom.

The carrier collects cash-on-delivery parcels (goods + shipping) and hands the cash to the
producer; transfer and card payments reach the platform. The platform's commission is a
percentage (`CommissionRate` for the producer's kind) of the goods of every delivered
parcel, whoever holds the money. So the balance is

    paid to the platform (goods + shipping of transfer/card parcels) − commission on all

positive: the platform pays the producer; negative: the producer owes the platform.
Commission is rounded half-up to whole đồng per parcel (VND has no minor unit), and the
total is the sum of the rounded parcels, so every line of the CSV adds up.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from storefront.order.models import Parcel, PaymentMethod
from storefront.seller.access import seller_required
from storefront.seller.models import CommissionRate

ZERO = Decimal(0)
PREPAID = (PaymentMethod.VIETQR, PaymentMethod.STRIPE)


def parse_month(value, today=None):
    """The first day of the month named by "YYYY-MM"; the current month for anything else."""
    today = today or timezone.localdate()
    text = (value or "").strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isascii() and text[5:].isascii():
        year, month = text[:4], text[5:]
        if year.isdigit() and month.isdigit() and 2000 <= int(year) <= 2999:
            if 1 <= int(month) <= 12:
                return datetime.date(int(year), int(month), 1)
    return today.replace(day=1)


def next_month(first):
    return (first + datetime.timedelta(days=32)).replace(day=1)


def previous_month(first):
    return (first - datetime.timedelta(days=1)).replace(day=1)


def commission_of(goods, percent):
    """Commission in whole đồng, rounded half-up."""
    if not percent:
        return ZERO
    return (goods * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass
class StatementRow:
    parcel: Parcel
    goods: Decimal
    shipping: Decimal
    commission: Decimal

    @property
    def number(self):
        return self.parcel.order.number

    @property
    def payment_method(self):
        return self.parcel.order.payment_method

    @property
    def is_cod(self):
        return self.payment_method == PaymentMethod.COD

    @property
    def collected(self):
        return self.goods + self.shipping


@dataclass
class Statement:
    producer: object
    month: datetime.date
    percent: Decimal | None  # None: no rate is set for this producer kind
    rows: list = field(default_factory=list)

    @property
    def goods(self):
        return sum((r.goods for r in self.rows), ZERO)

    @property
    def shipping(self):
        return sum((r.shipping for r in self.rows), ZERO)

    @property
    def cod_collected(self):
        """Cash the carrier collected for the producer (goods + shipping)."""
        return sum((r.collected for r in self.rows if r.is_cod), ZERO)

    @property
    def prepaid_received(self):
        """Transfer and card payments the platform received (goods + shipping)."""
        return sum((r.collected for r in self.rows if not r.is_cod), ZERO)

    @property
    def commission(self):
        return sum((r.commission for r in self.rows), ZERO)

    @property
    def cod_commission(self):
        return sum((r.commission for r in self.rows if r.is_cod), ZERO)

    @property
    def balance(self):
        """Positive: the platform pays the producer; negative: the producer owes it."""
        return self.prepaid_received - self.commission

    @property
    def balance_abs(self):
        return abs(self.balance)


def build_statement(producer, month):
    """Two queries whatever the number of parcels: the rate, and the parcels with orders."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(next_month(month), datetime.time.min, tzinfo=tz)
    rate = CommissionRate.objects.filter(kind=producer.kind).first()
    percent = rate.percent if rate else None
    parcels = (
        Parcel.objects.filter(
            producer=producer,
            status=Parcel.Status.DELIVERED,
            delivered_at__gte=start,
            delivered_at__lt=end,
        )
        .select_related("order")
        .only(
            "subtotal",
            "shipping_charge",
            "delivered_at",
            "order__number",
            "order__payment_method",
        )
        .order_by("delivered_at", "pk")
    )
    rows = [
        StatementRow(
            parcel=p,
            goods=p.subtotal,
            shipping=p.shipping_charge,
            commission=commission_of(p.subtotal, percent),
        )
        for p in parcels
    ]
    return Statement(producer=producer, month=month, percent=percent, rows=rows)


def _whole(value):
    return f"{int(value):d}"


def statement_csv(statement):
    """Rows for Excel: the parcels, then the totals, with Vietnamese headers (the request's
    language) and plain whole numbers so the sheet can add them up."""
    out = io.StringIO()
    out.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Order"),
            _("Delivered on"),
            _("Payment method"),
            _("Goods (₫)"),
            _("Shipping (₫)"),
            _("Commission (₫)"),
            _("Money collected by"),
        ]
    )
    local = timezone.get_current_timezone()
    for row in statement.rows:
        writer.writerow(
            [
                row.number,
                row.parcel.delivered_at.astimezone(local).strftime("%d/%m/%Y"),
                PaymentMethod(row.payment_method).label,
                _whole(row.goods),
                _whole(row.shipping),
                _whole(row.commission),
                _("Carrier (cash to you)") if row.is_cod else _("Platform"),
            ]
        )
    writer.writerow([])
    for label, value in totals(statement):
        writer.writerow([label, "", "", "", "", "", _whole(value)])
    if statement.percent is None:
        writer.writerow([_("No commission rate is set for your kind of producer: 0 ₫.")])
    return out.getvalue()


def totals(statement):
    balance_label = (
        _("Balance: the platform pays you")
        if statement.balance >= 0
        else _("Balance: you owe the platform")
    )
    return [
        (_("Goods delivered"), statement.goods),
        (_("Cash collected on delivery (kept by you)"), statement.cod_collected),
        (_("Paid by transfer or card (received by the platform)"), statement.prepaid_received),
        (_("Platform commission"), statement.commission),
        (balance_label, statement.balance_abs),
    ]


@seller_required
def statement_page(request):
    month = parse_month(request.GET.get("month"))
    statement = build_statement(request.producer, month)
    return render(
        request,
        "seller/reports/statement.html",
        {
            "statement": statement,
            "month_value": month.strftime("%Y-%m"),
            "previous": previous_month(month).strftime("%Y-%m"),
            "next": next_month(month).strftime("%Y-%m")
            if next_month(month) <= timezone.localdate()
            else None,
        },
    )


@seller_required
def statement_download(request):
    month = parse_month(request.GET.get("month"))
    statement = build_statement(request.producer, month)
    response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    filename = f"sao-ke-{request.producer.slug}-{month:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
