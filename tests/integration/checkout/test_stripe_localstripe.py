"""Card payments end to end against localstripe, a stateful fake of Stripe's API started
on 127.0.0.1 by these tests (Stripe's own servers are never reached).

localstripe signs and sends its webhooks to the URL registered below, so the last test
checks the whole loop: our PaymentIntent → card confirmed at "Stripe" → signed
payment_intent.succeeded arrives at our live server → order paid.
"""

import queue
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import pytest
import stripe
from django.core.signals import request_finished
from django.db.models.signals import post_save

from storefront.order import statuses
from storefront.order.links import order_number_from, order_token
from storefront.order.models import Order
from storefront.payments.models import StripeEvent
from storefront.payments.stripe_gateway import card_source

from .conftest import basket_with, buyer, checkout

SECRET = "whsec_localstripe"
WAIT = 60  # seconds: generous; only reached when something never happens

# localstripe's own `start()` binds a port we would have to choose (and race for) and
# keeps its state in /tmp/localstripe.pickle, shared by every run on the machine: serve its
# app on the listening socket we hand over instead, with nothing written to disk.
SERVE = """
import socket, sys
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
web.run_app(server.app, sock=socket.socket(fileno=int(sys.argv[1])), print=None)
"""


@pytest.fixture(scope="module")
def localstripe():
    """localstripe on a port the kernel chose. The socket listens before the server starts,
    so connections wait in its backlog instead of being refused: the first request simply
    waits until the server answers, and nothing polls."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(listener.fileno())],
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
    )
    listener.close()  # the server holds it now: if it dies, connections fail at once
    url = f"http://127.0.0.1:{port}"
    try:
        urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=WAIT).close()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=WAIT)


@pytest.fixture
def closed_port():
    """A loopback port that refuses connections: bound (so nobody else takes it during the
    test) but not listening."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


@pytest.fixture
def answered_events():
    """wait(type): block until our live server has answered a Stripe webhook event of that
    type, i.e. the view returned and its transaction committed."""
    answered, current = queue.Queue(), threading.local()

    def saved(sender, instance, **kwargs):
        current.event_type = instance.type

    def finished(sender, **kwargs):
        event_type = getattr(current, "event_type", None)
        if event_type:
            current.event_type = None
            answered.put(event_type)

    post_save.connect(saved, sender=StripeEvent, weak=False)
    request_finished.connect(finished, weak=False)
    seen = []

    def wait(event_type):
        while event_type not in seen:
            try:
                seen.append(answered.get(timeout=WAIT))
            except queue.Empty:
                raise AssertionError(f"no {event_type} webhook in {WAIT} s: {seen}") from None

    yield wait
    post_save.disconnect(saved, sender=StripeEvent)
    request_finished.disconnect(finished)


@pytest.fixture
def stripe_settings(settings, localstripe):
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"
    settings.STRIPE_ENABLED = True
    return settings


def api(settings):
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}
    )


def pay_with(settings, intent_id, number):
    card = api(settings).v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }
    )
    api(settings).v1.payment_intents.update(intent_id, params={"payment_method": card.id})
    return api(settings).v1.payment_intents.confirm(intent_id)


@pytest.mark.django_db
def test_card_page_creates_one_intent_in_vnd_for_the_exact_total(
    client, stripe_settings, two_producers
):
    order = Order.objects.get(pk=_place_card_order(two_producers).pk)
    url = f"/shop/checkout/orders/{order_token(order)}/card/"

    first = client.get(url)
    second = client.get(url)  # a reload reuses the intent

    assert first.status_code == second.status_code == 200
    intent_id = card_source(order).reference
    intent = api(stripe_settings).v1.payment_intents.retrieve(intent_id)
    assert intent.amount == order.total_vnd == 2 * 120000 + 30000  # zero-decimal: no × 100
    assert intent.currency == "vnd"
    assert intent.metadata["order_number"] == order.number
    assert intent.client_secret in first.content.decode()
    assert intent.client_secret in second.content.decode()
    assert stripe_settings.STRIPE_JS_URL in first.content.decode()


@pytest.mark.django_db
def test_checkout_offers_cards_only_with_keys(client, stripe_settings, two_producers):
    client.post(f"/shop/basket/add/{two_producers[0].pk}/", {"quantity": 1})
    assert 'value="stripe"' in client.get("/shop/checkout/").content.decode()
    stripe_settings.STRIPE_ENABLED = False
    assert 'value="stripe"' not in client.get("/shop/checkout/").content.decode()


@pytest.mark.django_db
def test_stripe_down_gives_a_clear_message(client, stripe_settings, two_producers, closed_port):
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port}"
    order = _place_card_order(two_producers)
    response = client.get(f"/shop/checkout/orders/{order_token(order)}/card/", follow=True)
    page = response.content.decode()
    assert "không phản hồi" in page
    assert "Thử thanh toán thẻ lại" in page  # the retry button
    assert card_source(order).reference == ""


@pytest.fixture
def hanging_stripe():
    """A server that accepts connections and never answers: Stripe on a bad day."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()
    for connection in accepted:
        connection.close()


@pytest.mark.django_db
def test_a_hanging_stripe_lands_the_buyer_on_their_order_page(
    client, stripe_settings, two_producers, hanging_stripe
):
    stripe_settings.STRIPE_API_BASE = hanging_stripe
    stripe_settings.STRIPE_TIMEOUT = (0.5, 0.5)
    client.post(f"/shop/basket/add/{two_producers[0].pk}/", {"quantity": 1})

    response = checkout(client, "stripe")

    order = Order.objects.get()
    assert response.status_code == 302
    token = response["Location"].removeprefix("/shop/checkout/orders/").split("/")[0]
    assert str(order_number_from(token)) == str(order.number)  # the buyer's own order page
    page = client.get(response["Location"]).content.decode()
    assert "không phản hồi" in page and "Thử thanh toán thẻ lại" in page
    assert order.status == statuses.AWAITING_PAYMENT
    assert client.get("/shop/basket/").context["basket"].is_empty


def _place_card_order(two_producers):
    from storefront.order import services

    return services.place_order(basket_with((two_producers[0], 2)), buyer(), "stripe")


def _register_webhook(localstripe, live_server):
    data = urllib.parse.urlencode(
        {"url": f"{live_server.url}/payments/stripe/webhook/", "secret": SECRET}
    ).encode()
    urllib.request.urlopen(f"{localstripe}/_config/webhooks/ocop", data=data, timeout=WAIT)


@pytest.mark.django_db(transaction=True)
def test_signed_webhook_from_stripe_marks_the_order_paid(
    reference_data, live_server, localstripe, stripe_settings, client, answered_events
):
    from tests.factories import ProducerFactory, ProductFactory

    _register_webhook(localstripe, live_server)
    product = ProductFactory(producer=ProducerFactory(), stock=120000)
    order = _place_card_order((product,))
    client.get(f"/shop/checkout/orders/{order_token(order)}/card/")
    intent_id = card_source(order).reference

    assert pay_with(stripe_settings, intent_id, "4242424242424242").status == "succeeded"

    answered_events("payment_intent.succeeded")
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert card_source(order).amount_debited == order.total_incl_tax


@pytest.mark.django_db(transaction=True)
def test_declined_card_cancels_the_order_and_frees_the_stock(
    reference_data, live_server, localstripe, stripe_settings, client, answered_events
):
    from oscar.apps.partner.models import StockRecord

    from tests.factories import ProducerFactory, ProductFactory

    _register_webhook(localstripe, live_server)
    product = ProductFactory(producer=ProducerFactory(), stock=120000)
    order = _place_card_order((product,))
    client.get(f"/shop/checkout/orders/{order_token(order)}/card/")

    # Stripe's test card whose charge is declined: the confirmation itself says so...
    with pytest.raises(stripe.CardError) as declined:
        pay_with(stripe_settings, card_source(order).reference, "4000000000000341")
    assert declined.value.code == "card_declined"

    # ...and the order changes only when the signed payment_failed event arrives.
    answered_events("payment_intent.payment_failed")
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert StockRecord.objects.get(product=product).num_allocated == 0
