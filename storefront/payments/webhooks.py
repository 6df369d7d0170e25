"""Stripe webhook: verify, store the event id once, dispatch by type.

Each handler checks the event against our order (the amount and currency must be the
order's) before changing anything; an event that does not fit is recorded with the reason
and answered 200, so Stripe stops retrying something that will never fit.
"""

import json
import logging
import time
from decimal import Decimal
from typing import NamedTuple

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront.order import services, statuses
from storefront.order.models import Order, PaymentMethod
from storefront.payments.models import StripeEvent
from storefront.payments.stripe_gateway import CURRENCY

log = logging.getLogger(__name__)


class Outcome(NamedTuple):
    order: Order | None
    text: str
    applied: bool = False


def _card_order(intent_id, number=None) -> Order | None:
    """The card order whose payment source carries this intent id. Only card orders, and
    only by a real id: a blank id must not match a transfer order's blank reference."""
    if not isinstance(intent_id, str) or not intent_id.startswith("pi_"):
        return None
    orders = Order.objects.filter(
        payment_method=PaymentMethod.STRIPE,
        sources__source_type__code=PaymentMethod.STRIPE,
        sources__reference=intent_id,
    )
    if number:
        orders = orders.filter(number=number)
    return orders.first()


def _order_for_intent(intent) -> Order | None:
    return _card_order(intent.get("id"), (intent.get("metadata") or {}).get("order_number"))


def _refusal(order, obj, amount) -> Outcome | None:
    """Why this event cannot apply to the order, or None when it fits."""
    if order is None:
        return Outcome(None, "unknown order")
    if (obj.get("currency") or "").lower() != CURRENCY or amount != order.total_vnd:
        return Outcome(order, "amount or currency does not match the order")
    return None


def payment_succeeded(intent):
    order = _order_for_intent(intent)
    refused = _refusal(order, intent, intent.get("amount_received", intent.get("amount")))
    if refused:
        return refused
    if services.mark_paid(
        order, Decimal(order.total_vnd), reference=intent["id"], actor=statuses.PAYMENT
    ):
        return Outcome(order, "paid", applied=True)
    return Outcome(order, f"ignored: order is {order.status}")


def payment_failed(intent):
    order = _order_for_intent(intent)
    refused = _refusal(order, intent, intent.get("amount"))
    if refused:
        return refused
    if services.cancel(order, note="Card payment failed", actor=statuses.PAYMENT):
        return Outcome(order, "cancelled: payment failed", applied=True)
    return Outcome(order, f"ignored: order is {order.status}")


def charge_refunded(charge):
    order = _card_order(charge.get("payment_intent"))
    refused = _refusal(order, charge, charge.get("amount"))
    if refused:
        return refused
    refunded = charge.get("amount_refunded") or 0
    if not isinstance(refunded, int) or not 0 < refunded <= order.total_vnd:
        return Outcome(order, "bad refund amount")
    if services.refund(
        order, Decimal(refunded), reference=charge.get("id", ""), actor=statuses.PAYMENT
    ):
        return Outcome(order, f"refunded {refunded}", applied=True)
    return Outcome(order, "ignored: order was never paid")


HANDLERS = {
    "payment_intent.succeeded": payment_succeeded,
    "payment_intent.payment_failed": payment_failed,
    "charge.refunded": charge_refunded,
}


def _signed_in_the_future(header: str) -> bool:
    """Stripe's check refuses old timestamps only; a signature dated ahead of our clock by
    more than the tolerance is refused too (a replayable event prepared in advance)."""
    for item in header.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t":
            try:
                return int(value) > time.time() + settings.STRIPE_WEBHOOK_TOLERANCE
            except ValueError:
                return True
    return False


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        return HttpResponse(status=404)
    payload = request.body
    header = request.headers.get("Stripe-Signature", "")
    try:
        if _signed_in_the_future(header):
            raise stripe.SignatureVerificationError("timestamp in the future", header)
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            header,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
        event = json.loads(payload)
        event_id, event_type = event["id"], event["type"]
        obj = event["data"]["object"]
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("invalid payload or signature")

    handler = HANDLERS.get(event_type)
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(event_id=event_id, type=event_type)
            outcome = handler(obj) if handler else Outcome(None, "not handled", applied=True)
            record.order, record.outcome = outcome.order, outcome.text
            record.save(update_fields=["outcome", "order"])
    except IntegrityError:
        # Already processed: Stripe retries and replays are answered 200 and do nothing.
        return HttpResponse("duplicate")
    if not outcome.applied:
        log.warning("Stripe event %s (%s): %s", event_id, event_type, outcome.text)
    return HttpResponse("ok")
