"""What happens to an order: placing it, confirmation, payment, shipping per parcel,
cancellation, expiry.

Views, the webhook, the admin and the expiry command all come through here, and every
status move names its actor, which `statuses.TRANSITIONS` allows or refuses; so each rule
(stock released once, a paid order never un-paid) lives in one place.
"""

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order import utils
from oscar.apps.payment.models import Source, SourceType
from oscar.core import prices

from storefront.order import statuses, stock
from storefront.order.models import Order, Parcel, PaymentMethod, ShippingAddress
from storefront.privacy.models import Consent
from storefront.privacy.services import record_consent
from storefront.shipping.methods import ParcelsByZone

log = logging.getLogger(__name__)

INITIAL_STATUS = {
    PaymentMethod.COD: statuses.AWAITING_CONFIRMATION,
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


class OrderRefused(Exception):
    """The order cannot be placed as it is; `message` tells the buyer why, in their
    language. Nothing has been written."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


class BasketAlreadyOrdered(Exception):
    """Another request (a double click, a second tab) placed this basket first."""

    def __init__(self, order):
        self.order = order
        super().__init__(order.number)


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


def respond_by(payment_method, now):
    """When an order that nobody has committed to yet lapses: a cash-on-delivery order
    not confirmed, a transfer or card order not paid."""
    hours = (
        settings.OCOP_COD_CONFIRM_HOURS
        if payment_method == PaymentMethod.COD
        else settings.OCOP_UNPAID_ORDER_HOURS
    )
    return now + datetime.timedelta(hours=hours)


def check_limits(basket, buyer: Buyer, client_ip: str | None) -> None:
    """The anti-hoarding policy (docs/decisions.md): a cap on units of one product per
    order, and on orders that hold stock unconfirmed or unpaid per phone and per address."""
    cap = settings.OCOP_MAX_UNITS_PER_PRODUCT
    quantities = {}
    for line in basket.all_lines():
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
        if quantities[line.product_id] > cap:
            raise OrderRefused(
                _(
                    "You can order at most %(cap)d of “%(product)s” in one order. "
                    "For larger quantities, contact the producer."
                )
                % {"cap": cap, "product": line.product.get_title()}
            )
    open_orders = Order.objects.filter(status__in=statuses.UNCOMMITTED)
    if open_orders.filter(shipping_address__phone_number=buyer.phone).count() >= (
        settings.OCOP_MAX_OPEN_ORDERS_PER_PHONE
    ) or (
        client_ip
        and open_orders.filter(client_ip=client_ip).count() >= settings.OCOP_MAX_OPEN_ORDERS_PER_IP
    ):
        raise OrderRefused(
            _(
                "You already have orders waiting to be confirmed or paid. Confirm or pay "
                "them (the link is in our e-mail), or cancel them, before placing another."
            )
        )


def _lock_open_basket(basket):
    """Lock the basket row; a basket that another request already turned into an order
    raises BasketAlreadyOrdered (the loser of a double submit sees that order)."""
    from oscar.apps.basket.models import Basket

    locked = Basket.objects.select_for_update().get(pk=basket.pk)
    if locked.status != Basket.OPEN:
        order = Order.objects.filter(basket_id=basket.pk).first()
        if order is None:
            raise OrderRefused(_("This basket can no longer be ordered."))
        raise BasketAlreadyOrdered(order)


def _check_vouchers(basket, user) -> None:
    """Lock the basket's vouchers and check them: of two buyers racing for a single-use
    voucher, the second waits for the first and is told, instead of Oscar's ValueError."""
    for voucher in basket.vouchers.select_for_update().order_by("pk"):
        if voucher.is_active():
            available, message = voucher.is_available_to_user(user=user)
            if not available:
                raise OrderRefused(message)


def _check_for_sale(basket) -> None:
    from catalogue.models import Product

    ids = {line.product_id for line in basket.all_lines()}
    on_sale = set(
        Product.objects.for_sale(include_children=True)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    gone = [
        line.product.get_title() for line in basket.all_lines() if line.product_id not in on_sale
    ]
    if gone:
        raise OrderRefused(
            _("These products are not on sale any more: %(products)s.")
            % {"products": ", ".join(gone)}
        )


def place_order(
    basket,
    buyer: Buyer,
    payment_method: str,
    *,
    user=None,
    language="vi",
    request=None,
    client_ip=None,
    consent=None,
) -> Order:
    """Turn a basket into one order with a parcel per producer.

    Raises OutOfStock or OrderRefused (nothing written), or BasketAlreadyOrdered when a
    concurrent request placed this basket first. Everything happens in one transaction.
    `consent` is the statement the buyer ticked; it is recorded with the order.
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
    if user is None:
        user = AnonymousUser()  # Oscar's voucher rules ask every user is_authenticated

    with transaction.atomic():
        # Locks in one order for every caller: basket, vouchers, stock rows.
        _lock_open_basket(basket)
        _check_for_sale(basket)
        check_limits(basket, buyer, client_ip)
        _check_vouchers(basket, user)
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
            guest_email="" if user.is_authenticated else buyer.email,
            language=language,
            payment_method=payment_method,
            payment_due=respond_by(payment_method, now),
            client_ip=client_ip,
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
        source_type, _created = SourceType.objects.get_or_create(
            code=payment_method, defaults={"name": PaymentMethod(payment_method).label}
        )
        Source.objects.create(
            order=order,
            source_type=source_type,
            currency=order.currency,
            amount_allocated=order.total_incl_tax,
        )
        if consent:
            record_consent(Consent.Purpose.DELIVERY, consent, order=order, user=user)
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


def _move(order, new_status, actor) -> bool:
    """Move a locked order if the table lets `actor` make this move; False if not."""
    if not statuses.allowed(order.status, new_status, actor):
        log.warning(
            "Order %s: %s may not move it from %s to %s",
            order.number,
            actor,
            order.status,
            new_status,
        )
        return False
    order.set_status(new_status, actor=actor)
    return True


def mark_paid(order, amount: Decimal, reference: str = "", actor=statuses.PAYMENT) -> bool:
    """Record a payment of `amount`; True if it moved the order to "paid".

    A payment that arrives for an order that is no longer waiting (already paid, or
    cancelled after its payment time ran out) changes nothing and is logged for staff.
    """
    with transaction.atomic():
        order = _locked(order)
        if not _move(order, statuses.PAID, actor):
            return False
        source = order.sources.first()
        if source is not None:
            source.debit(amount, reference=reference)
    return True


def confirm(order, actor=statuses.BUYER) -> bool:
    """A cash-on-delivery order confirmed by its buyer (e-mail link) or by staff (a call):
    from now on it holds its stock until it is delivered or cancelled."""
    with transaction.atomic():
        order = _locked(order)
        if not _move(order, statuses.PLACED, actor):
            return False
        order.confirmed_at = timezone.now()
        order.payment_due = None
        order.save(update_fields=["confirmed_at", "payment_due"])
    return True


def buyer_can_cancel(order) -> bool:
    """Buyers cancel online until they have paid; after that staff handle it (a refund)."""
    return statuses.allowed(order.status, statuses.CANCELLED, statuses.BUYER)


def cancel(order, note: str = "", actor=statuses.STAFF) -> bool:
    """Cancel an order that still holds stock; the status receiver releases the stock."""
    with transaction.atomic():
        order = _locked(order)
        if not _move(order, statuses.CANCELLED, actor):
            return False
        if note:
            order.notes.create(message=note, note_type="System")
    return True


def refund(order, amount: Decimal, reference: str = "", actor=statuses.PAYMENT) -> bool:
    """Record a refund; a full refund marks the order refunded (and frees unshipped stock)."""
    with transaction.atomic():
        order = _locked(order)
        source = order.sources.first()
        if source is None or order.paid_at is None:
            return False
        already = source.amount_refunded
        if amount > already:
            source.refund(amount - already, reference=reference)
        if amount >= order.total_incl_tax:
            _move(order, statuses.REFUNDED, actor)
    return True


# A parcel leaves only once somebody has committed to the order: confirmed cash on
# delivery, or paid.
SHIPPABLE = (statuses.PLACED, statuses.PAID)


def confirm_parcel(parcel: Parcel) -> bool:
    """The producer has the goods ready and will ship; True if that changed anything."""
    with transaction.atomic():
        order = _locked(parcel.order)
        parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
        if parcel.status != Parcel.Status.PREPARING or order.status not in SHIPPABLE:
            return False
        parcel.status = Parcel.Status.CONFIRMED
        parcel.confirmed_at = timezone.now()
        parcel.save(update_fields=["status", "confirmed_at"])
    return True


def ship_parcel(parcel: Parcel, tracking_code: str = "", carrier: str = "") -> bool:
    """The producer handed the parcel to a carrier; True if that changed anything."""
    with transaction.atomic():
        order = _locked(parcel.order)
        parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
        waiting = (Parcel.Status.PREPARING, Parcel.Status.CONFIRMED)
        if parcel.status not in waiting or order.status not in SHIPPABLE:
            return False
        stock.consume(
            [line for line in order.lines.all() if line.partner_id == parcel.producer.partner_id]
        )
        parcel.status = Parcel.Status.SHIPPED
        parcel.tracking_code = tracking_code or parcel.tracking_code
        parcel.carrier = carrier or parcel.carrier
        parcel.shipped_at = timezone.now()
        parcel.save()
        if not order.parcels.filter(status__in=waiting).exists():
            if statuses.allowed(order.status, statuses.SHIPPED, statuses.PARCELS):
                order.set_status(statuses.SHIPPED, actor=statuses.PARCELS)
    return True


def return_parcel(parcel: Parcel) -> bool:
    """The carrier brought the parcel back (refused or nobody home)."""
    with transaction.atomic():
        order = _locked(parcel.order)
        parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
        if parcel.status != Parcel.Status.SHIPPED:
            return False
        parcel.status = Parcel.Status.RETURNED
        parcel.returned_at = timezone.now()
        parcel.save(update_fields=["status", "returned_at"])
        _finish_if_every_parcel_ended(order, parcel.returned_at)
    return True


def deliver_parcel(parcel: Parcel) -> bool:
    with transaction.atomic():
        order = _locked(parcel.order)
        parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
        if parcel.status != Parcel.Status.SHIPPED:
            return False
        parcel.status = Parcel.Status.DELIVERED
        parcel.delivered_at = timezone.now()
        parcel.save()
        _finish_if_every_parcel_ended(order, parcel.delivered_at)
    return True


def _finish_if_every_parcel_ended(order, when):
    """Once no parcel is still on its way, an order with something delivered is delivered;
    for cash on delivery, what the carriers collected is what the delivered parcels cost
    (a returned parcel was not paid for). An order whose every parcel came back stays
    "shipped" for staff to close."""
    parcels = list(order.parcels.all())
    ended = (Parcel.Status.DELIVERED, Parcel.Status.RETURNED, Parcel.Status.CANCELLED)
    if any(p.status not in ended for p in parcels):
        return
    delivered = [p for p in parcels if p.status == Parcel.Status.DELIVERED]
    if not delivered:
        return
    if order.payment_method == PaymentMethod.COD and order.paid_at is None:
        # Cash changed hands at the door.
        order.paid_at = when
        order.save(update_fields=["paid_at"])
        source = order.sources.first()
        if source is not None:
            collected = sum(p.subtotal + p.shipping_charge for p in delivered)
            source.debit(collected, reference="cod")
    if statuses.allowed(order.status, statuses.DELIVERED, statuses.PARCELS):
        order.set_status(statuses.DELIVERED, actor=statuses.PARCELS)


def expire_unpaid(now=None) -> int:
    """Cancel orders nobody confirmed or paid in time; returns how many."""
    now = now or timezone.now()
    overdue = Order.objects.filter(status__in=statuses.UNCOMMITTED, payment_due__lte=now).order_by(
        "pk"
    )
    count = 0
    for order in overdue:
        if cancel(order, note="Time to confirm or pay ran out", actor=statuses.EXPIRY):
            count += 1
    return count
