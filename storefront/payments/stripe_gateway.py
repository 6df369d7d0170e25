"""Card payments through Stripe PaymentIntents.

VND is a zero-decimal currency for Stripe: amount=150000 is 150.000 ₫ (never × 100).
The order is paid only when the signed `payment_intent.succeeded` webhook arrives
(webhooks.py); the browser's confirmation alone proves nothing.
"""

import stripe
from django.conf import settings
from django.db import transaction
from oscar.apps.payment.models import Source

CURRENCY = "vnd"


def client() -> stripe.StripeClient:
    """A client that gives up quickly: a buyer waits on these calls, and a hanging Stripe
    must not hold a web worker until the server kills it. (connect, read) timeouts in
    seconds; one retry, since a retry doubles the wait."""
    addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=addresses,
        max_network_retries=1,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT),
    )


def card_source(order) -> Source | None:
    return order.sources.filter(source_type__code="stripe").first()


def ensure_payment_intent(order):
    """The order's PaymentIntent, created once: a reload or a retry reuses it."""
    api = client()
    source = card_source(order)
    if source.reference:
        return api.v1.payment_intents.retrieve(source.reference)
    with transaction.atomic():
        # Two tabs paying at once must not make two intents (localstripe, unlike Stripe,
        # ignores the idempotency key, so the lock is what the tests rely on).
        source = Source.objects.select_for_update().get(pk=source.pk)
        if source.reference:
            return api.v1.payment_intents.retrieve(source.reference)
        intent = api.v1.payment_intents.create(
            params={
                "amount": order.total_vnd,
                "currency": CURRENCY,
                "payment_method_types": ["card"],
                "metadata": {"order_number": order.number},
            },
            options={"idempotency_key": f"order-{order.number}-intent"},
        )
        source.reference = intent.id
        source.save(update_fields=["reference"])
    return intent
