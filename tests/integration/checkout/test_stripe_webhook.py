"""The Stripe webhook, fed with stored event payloads signed with the test secret."""

import copy
import hashlib
import hmac
import json
import time

import pytest
from oscar.apps.partner.models import StockRecord
from oscar.apps.payment.models import Transaction

from storefront.order import services, statuses
from storefront.payments.models import StripeEvent

from .conftest import basket_with, buyer

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"
URL = "/payments/stripe/webhook/"

SUCCEEDED = {
    "id": "evt_1",
    "object": "event",
    "type": "payment_intent.succeeded",
    "data": {
        "object": {
            "id": "pi_1",
            "object": "payment_intent",
            "amount": 0,
            "amount_received": 0,
            "currency": "vnd",
            "status": "succeeded",
            "metadata": {"order_number": ""},
        }
    },
}


@pytest.fixture(autouse=True)
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_ENABLED = True


@pytest.fixture
def order(two_producers):
    order = services.place_order(basket_with((two_producers[0], 2)), buyer(), "stripe")
    order.sources.update(reference="pi_1")
    return order


def event_for(order, kind="payment_intent.succeeded", event_id="evt_1", **changes):
    event = copy.deepcopy(SUCCEEDED)
    event["id"], event["type"] = event_id, kind
    obj = event["data"]["object"]
    obj.update(amount=order.total_vnd, amount_received=order.total_vnd)
    obj["metadata"]["order_number"] = order.number
    obj.update(changes)
    return event


def sign(payload: bytes, secret=SECRET, timestamp=None):
    timestamp = timestamp or int(time.time())
    digest = hmac.new(secret.encode(), b"%d.%s" % (timestamp, payload), hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def post(client, event, signature=None):
    payload = json.dumps(event).encode()
    headers = {}
    if signature is not False:
        headers["HTTP_STRIPE_SIGNATURE"] = sign(payload) if signature is None else signature
    return client.post(URL, payload, content_type="application/json", **headers)


def test_succeeded_event_marks_the_order_paid(client, order):
    response = post(client, event_for(order))
    order.refresh_from_db()
    assert response.status_code == 200
    assert order.status == statuses.PAID
    assert order.sources.get().amount_debited == order.total_incl_tax
    assert StripeEvent.objects.get().outcome == "paid"


def test_a_replayed_event_is_a_no_op(client, order):
    post(client, event_for(order))
    response = post(client, event_for(order))
    assert response.status_code == 200
    assert StripeEvent.objects.count() == 1
    assert Transaction.objects.count() == 1


@pytest.mark.parametrize(
    "signature",
    [False, "", "t=1,v1=deadbeef", sign(b"something else"), "garbage"],
    ids=["missing", "empty", "wrong", "other-body", "garbage"],
)
def test_bad_signature_is_400_and_changes_nothing(client, order, signature):
    response = post(client, event_for(order), signature)
    order.refresh_from_db()
    assert response.status_code == 400
    assert order.status == statuses.AWAITING_PAYMENT
    assert not StripeEvent.objects.exists()


def test_signed_with_another_secret_is_refused(client, order):
    payload = json.dumps(event_for(order)).encode()
    response = client.post(
        URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, secret="whsec_other"),
    )
    assert response.status_code == 400


def test_an_old_signature_is_refused(client, order):
    payload = json.dumps(event_for(order)).encode()
    response = client.post(
        URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, timestamp=int(time.time()) - 3600),
    )
    assert response.status_code == 400


def test_signed_junk_is_400(client, order):
    for payload in (b"not json", b"{}", b'{"id": "evt_x"}', b"[]"):
        response = client.post(
            URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload)
        )
        assert response.status_code == 400


@pytest.mark.parametrize(
    "changes, outcome",
    [
        ({"amount": 1000, "amount_received": 1000}, "amount or currency does not match"),
        ({"currency": "usd"}, "amount or currency does not match"),
        ({"id": "pi_unknown"}, "unknown order"),
    ],
)
def test_events_that_do_not_fit_the_order_change_nothing(client, order, changes, outcome):
    response = post(client, event_for(order, **changes))
    order.refresh_from_db()
    assert response.status_code == 200
    assert order.status == statuses.AWAITING_PAYMENT
    assert StripeEvent.objects.get().outcome.startswith(outcome)


def test_failed_payment_cancels_and_releases_stock(client, order, two_producers):
    post(
        client, event_for(order, "payment_intent.payment_failed", status="requires_payment_method")
    )
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert StockRecord.objects.get(product=two_producers[0]).num_allocated == 0


def test_success_after_the_order_expired_is_recorded_not_applied(client, order):
    services.cancel(order)
    post(client, event_for(order))
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert StripeEvent.objects.get().outcome == "ignored: order is cancelled"


def refunded(order, amount, event_id="evt_r"):
    event = event_for(order, "charge.refunded", event_id=event_id)
    event["data"]["object"] = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_1",
        "amount": order.total_vnd,
        "amount_refunded": amount,
        "currency": "vnd",
        "refunded": amount == order.total_vnd,
    }
    return event


def test_full_refund(client, order, two_producers):
    post(client, event_for(order))
    post(client, refunded(order, order.total_vnd))
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED
    assert order.sources.get().amount_refunded == order.total_incl_tax
    assert StockRecord.objects.get(product=two_producers[0]).num_allocated == 0


def test_partial_refunds_add_up_without_double_counting(client, order):
    post(client, event_for(order))
    post(client, refunded(order, 50000, "evt_r1"))
    post(client, refunded(order, 80000, "evt_r2"))  # Stripe sends the running total
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert order.sources.get().amount_refunded == 80000


def test_refund_arriving_before_payment_is_ignored(client, order):
    post(client, refunded(order, 1000))
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_PAYMENT
    assert "never paid" in StripeEvent.objects.get().outcome


def test_webhook_is_off_without_a_secret(client, order, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert post(client, event_for(order)).status_code == 404


def test_get_is_not_allowed(client, db):
    assert client.get(URL).status_code == 405


def test_a_signature_dated_in_the_future_is_refused(client, order):
    payload = json.dumps(event_for(order)).encode()
    ahead = int(time.time()) + 3600
    response = client.post(
        URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, timestamp=ahead),
    )
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_PAYMENT
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize("intent_id", ["", None, "pi_unknown"])
def test_an_event_without_our_intent_id_matches_no_order(client, two_producers, intent_id):
    """A transfer order's payment source has a blank reference: a signed event with a blank
    intent id must not find it (nor any order)."""
    transfer = services.place_order(basket_with((two_producers[0], 1)), buyer(), "vietqr")
    assert transfer.sources.get().reference == ""
    event = event_for(transfer, id=intent_id)

    assert post(client, event).status_code == 200

    transfer.refresh_from_db()
    assert transfer.status == statuses.AWAITING_TRANSFER
    assert StripeEvent.objects.get().outcome == "unknown order"
    refund = event_for(transfer, kind="charge.refunded", event_id="evt_r", payment_intent=intent_id)
    post(client, refund)
    assert StripeEvent.objects.get(event_id="evt_r").outcome == "unknown order"
