"""What happens to an order: placing it, payment, shipping per parcel, cancellation, expiry.

Views, the webhook, the dashboard and the expiry command all come through here, so each
rule (stock released once, a paid order never un-paid) lives in one place.
"""

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.apps.order import utils
from oscar.apps.payment.models import Source, SourceType
from oscar.core import prices

from storefront.order import statuses, stock
from storefront.order.models import Order, Parcel, PaymentMethod, ShippingAddress
from storefront.shipping.methods import ParcelsByZone

log = logging.getLogger(__name__)

INITIAL_STATUS = {
    PaymentMethod.COD: statuses.PLACED,
    PaymentMethod.VIETQR: statuses.AWAITING_TRANSFER,
    PaymentMethod.STRIPE: statuses.AWAITING_PAYMENT,
}


@dataclass
class Buyer:
    name: str
    phone: str
    email: str
    street: str
    ward: object
    province: object
    notes: str = ""

    @property
    def phone_display(self):
        """0987 654 321, as Vietnamese write it (stored as +84987654321)."""
        import phonenumbers

        return phonenumbers.format_number(
            phonenumbers.parse(self.phone, "VN"), phonenumbers.PhoneNumberFormat.NATIONAL
        )


class OrderCreator(utils.OrderCreator):
    """Oscar's creator, with allocation that refuses to oversell (see stock.py)."""

    def update_stock_records(self, line):
        # Allocation for the whole basket happens once, before any line is written.
        pass


def order_total(basket, shipping_charge):
    return prices.Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax + shipping_charge.excl_tax,
        incl_tax=basket.total_incl_tax + shipping_charge.incl_tax,
    )


def place_order(
    basket, buyer: Buyer, payment_method: str, *, user=None, language="vi", request=None
) -> Order:
    """Turn a basket into one order with a parcel per producer, or raise OutOfStock.

    Everything happens in one transaction: if any product is short, nothing is written.
    """
    method = ParcelsByZone(destination=buyer.province)
    parcels = method.parcels(basket)
    shipping_charge = method.calculate(basket, parcels)
    total = order_total(basket, shipping_charge)
    tracked = [line for line in basket.all_lines() if line.product.get_product_class().track_stock]
    wanted, titles = {}, {}
    for line in tracked:
        wanted[line.stockrecord_id] = wanted.get(line.stockrecord_id, 0) + line.quantity
        titles[line.stockrecord_id] = line.product.get_title()
    now = timezone.now()
    due = None
    if payment_method != PaymentMethod.COD:
        due = now + datetime.timedelta(hours=settings.OCOP_UNPAID_ORDER_HOURS)

    with transaction.atomic():
        stock.allocate(wanted, titles)
        address = ShippingAddress(
            first_name="",
            last_name=buyer.name,
            line1=buyer.street,
            line4=buyer.ward.name,
            state=buyer.province.name,
            country_id="VN",
            phone_number=buyer.phone,
            notes=buyer.notes,
            province=buyer.province,
            ward=buyer.ward,
        )
        address.save()
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=method,
            shipping_charge=shipping_charge,
            user=user,
            shipping_address=address,
            status=INITIAL_STATUS[payment_method],
            request=request,
            guest_email=buyer.email if not (user and user.is_authenticated) else "",
            language=language,
            payment_method=payment_method,
            payment_due=due,
        )
        Parcel.objects.bulk_create(
            Parcel(
                order=order,
                producer=p.producer,
                zone=p.zone,
                subtotal=p.subtotal,
                shipping_charge=p.charge,
            )
            for p in parcels
        )
        source_type, _ = SourceType.objects.get_or_create(
            code=payment_method, defaults={"name": PaymentMethod(payment_method).label}
        )
        Source.objects.create(
            order=order,
            source_type=source_type,
            currency=order.currency,
            amount_allocated=order.total_incl_tax,
        )
        basket.submit()
        order_id = order.pk
        transaction.on_commit(lambda: _send_confirmation(order_id))
    return order


def _send_confirmation(order_id):
    """By a Celery worker when a broker is set (the buyer does not wait for SMTP), else
    inline after the commit."""
    if settings.CELERY_BROKER_URL:
        from storefront.order.tasks import send_order_confirmation

        send_order_confirmation.delay(order_id)
    else:
        from storefront.order.emails import send_confirmation

        send_confirmation(Order.objects.get(pk=order_id))


def _locked(order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def mark_paid(order, amount: Decimal, reference: str = "") -> bool:
    """Record a payment of `amount`; True if it moved the order to "paid".

    A payment that arrives for an order that is no longer waiting (already paid, or
    cancelled after its payment time ran out) changes nothing and is logged for staff.
    """
    with transaction.atomic():
        order = _locked(order)
        if order.status not in (statuses.AWAITING_TRANSFER, statuses.AWAITING_PAYMENT):
            log.warning(
                "Payment %s for order %s in status %s ignored",
                reference,
                order.number,
                order.status,
            )
            return False
        source = order.sources.first()
        if source is not None:
            source.debit(amount, reference=reference)
        order.paid_at = timezone.now()
        order.save(update_fields=["paid_at"])
        order.set_status(statuses.PAID)
    return True


def buyer_can_cancel(order) -> bool:
    """Buyers cancel online until they have paid; after that staff handle it (a refund)."""
    return order.status in (statuses.PLACED, statuses.AWAITING_TRANSFER, statuses.AWAITING_PAYMENT)


def cancel(order, note: str = "") -> bool:
    """Cancel an order that still holds stock; the status receiver releases the stock."""
    with transaction.atomic():
        order = _locked(order)
        if statuses.CANCELLED not in order.available_statuses():
            return False
        order.set_status(statuses.CANCELLED)
        if note:
            order.notes.create(message=note, note_type="System")
    return True


def refund(order, amount: Decimal, reference: str = "") -> bool:
    """Record a refund; a full refund marks the order refunded (and frees unshipped stock)."""
    with transaction.atomic():
        order = _locked(order)
        source = order.sources.first()
        if source is None or order.paid_at is None:
            return False
        already = source.amount_refunded
        if amount > already:
            source.refund(amount - already, reference=reference)
        if amount >= order.total_incl_tax and statuses.REFUNDED in order.available_statuses():
            order.set_status(statuses.REFUNDED)
    return True


def ship_parcel(parcel: Parcel, tracking_code: str = "") -> None:
    with transaction.atomic():
        order = _locked(parcel.order)
        parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
        if parcel.status != Parcel.Status.PREPARING:
            return
        stock.consume(
            [line for line in order.lines.all() if line.partner_id == parcel.producer.partner_id]
        )
        parcel.status = Parcel.Status.SHIPPED
        parcel.tracking_code = tracking_code or parcel.tracking_code
        parcel.shipped_at = timezone.now()
        parcel.save()
        if not order.parcels.filter(status=Parcel.Status.PREPARING).exists():
            if statuses.SHIPPED in order.available_statuses():
                order.set_status(statuses.SHIPPED)


def deliver_parcel(parcel: Parcel) -> None:
    with transaction.atomic():
        order = _locked(parcel.order)
        parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
        if parcel.status != Parcel.Status.SHIPPED:
            return
        parcel.status = Parcel.Status.DELIVERED
        parcel.delivered_at = timezone.now()
        parcel.save()
        if not order.parcels.exclude(status=Parcel.Status.DELIVERED).exists():
            if order.payment_method == PaymentMethod.COD and order.paid_at is None:
                # Cash changed hands at the door.
                order.paid_at = parcel.delivered_at
                order.save(update_fields=["paid_at"])
                source = order.sources.first()
                if source is not None:
                    source.debit(order.total_incl_tax, reference="cod")
            if statuses.DELIVERED in order.available_statuses():
                order.set_status(statuses.DELIVERED)


def expire_unpaid(now=None) -> int:
    """Cancel orders whose payment time ran out; returns how many."""
    now = now or timezone.now()
    overdue = Order.objects.filter(
        status__in=(statuses.AWAITING_TRANSFER, statuses.AWAITING_PAYMENT), payment_due__lte=now
    ).order_by("pk")
    count = 0
    for order in overdue:
        if cancel(order, note="Payment time ran out"):
            count += 1
    return count
