"""Stripe webhook: verify, store the event id once, dispatch by type.

Each handler checks the event against our order (the amount and currency must be the
order's) before changing anything; an event that does not fit is recorded with the reason
and answered 200, so Stripe stops retrying something that will never fit.
"""

import json
import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront.order import services
from storefront.order.models import Order
from storefront.payments.models import StripeEvent
from storefront.payments.stripe_gateway import CURRENCY

log = logging.getLogger(__name__)


def _order_for_intent(intent) -> Order | None:
    number = (intent.get("metadata") or {}).get("order_number")
    orders = Order.objects.filter(sources__reference=intent.get("id"))
    if number:
        orders = orders.filter(number=number)
    return orders.first()


def _amount_matches(order, obj, field="amount") -> bool:
    return (obj.get("currency") or "").lower() == CURRENCY and obj.get(field) == order.total_vnd


def payment_succeeded(intent):
    order = _order_for_intent(intent)
    if order is None:
        return None, "unknown order"
    if not _amount_matches(
        order, intent, "amount_received" if "amount_received" in intent else "amount"
    ):
        return order, "amount or currency does not match the order"
    if services.mark_paid(order, Decimal(order.total_vnd), reference=intent["id"]):
        return order, "paid"
    return order, f"ignored: order is {order.status}"


def payment_failed(intent):
    order = _order_for_intent(intent)
    if order is None:
        return None, "unknown order"
    if not _amount_matches(order, intent):
        return order, "amount or currency does not match the order"
    if services.cancel(order, note="Card payment failed"):
        return order, "cancelled: payment failed"
    return order, f"ignored: order is {order.status}"


def charge_refunded(charge):
    intent_id = charge.get("payment_intent")
    order = Order.objects.filter(sources__reference=intent_id).first() if intent_id else None
    if order is None:
        return None, "unknown order"
    if not _amount_matches(order, charge):
        return order, "amount or currency does not match the order"
    refunded = charge.get("amount_refunded") or 0
    if not isinstance(refunded, int) or not 0 < refunded <= order.total_vnd:
        return order, "bad refund amount"
    if services.refund(order, Decimal(refunded), reference=charge.get("id", "")):
        return order, f"refunded {refunded}"
    return order, "ignored: order was never paid"


HANDLERS = {
    "payment_intent.succeeded": payment_succeeded,
    "payment_intent.payment_failed": payment_failed,
    "charge.refunded": charge_refunded,
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        return HttpResponse(status=404)
    payload = request.body
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            request.headers.get("Stripe-Signature", ""),
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
            if handler is None:
                record.outcome = "not handled"
            else:
                order, record.outcome = handler(obj)
                record.order = order
            record.save(update_fields=["outcome", "order"])
    except IntegrityError:
        # Already processed: Stripe retries and replays are answered 200 and do nothing.
        return HttpResponse("duplicate")
    if record.outcome not in ("paid", "not handled") and not record.outcome.startswith(
        ("refunded", "cancelled")
    ):
        log.warning("Stripe event %s (%s): %s", event_id, event_type, record.outcome)
    return HttpResponse("ok")
