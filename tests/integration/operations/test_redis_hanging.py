"""Issue 13: a Redis that hangs (accepts, never answers) costs one socket timeout, after
which this process skips it for REDIS_RETRY_AFTER seconds (storefront/rediscache.py):
pages, sessions and the page cache behave as with Redis down, then it is tried again.

The server is a loopback stub (tests/redisstub.py) that counts connections and commands:
a skipped call is shown by the stub seeing nothing, never by measuring time."""

import logging

import pytest
from django.core import mail
from django.test import Client

from storefront import deploy, rediscache
from tests.factories import CertificateFactory
from tests.redisstub import RedisStub

pytestmark = pytest.mark.django_db


@pytest.fixture
def stub(settings):
    server = RedisStub()
    settings.CACHES, settings.SESSION_ENGINE = deploy.cache_settings(server.url)
    yield server
    server.close()


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = 1000.0

        def advance(self, seconds):
            self.now += seconds

    fake = Clock()
    monkeypatch.setattr(rediscache, "clock", lambda: fake.now)
    return fake


@pytest.fixture
def product():
    return CertificateFactory(product__title="Nấm rơm sạch Đồng Nai", stars=4).product


def breaker_warnings(caplog):
    return [r for r in caplog.records if r.name == "storefront.rediscache"]


def test_a_hanging_redis_costs_one_timeout_then_pages_skip_it(stub, clock, product, caplog):
    client = Client()
    url = product.get_absolute_url()
    stub.hang()
    with caplog.at_level(logging.WARNING, logger="storefront.rediscache"):
        assert client.get(url).status_code == 200
        assert stub.commands == 1  # the first call waited for its timeout; no other tried
        for path in (url, "/shop/catalogue/", "/shop/search/?q=nam", "/"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.get("X-Page-Cache") is None  # rendered, as with Redis down
    assert stub.commands == 1 and stub.connections <= 1
    [warning] = breaker_warnings(caplog)
    assert "skipped for 30.0s" in warning.getMessage()


def test_a_sign_in_survives_a_hanging_redis_at_the_cost_of_one_timeout(
    stub, clock, django_user_model
):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client = Client()
    stub.hang()
    client.force_login(user)  # the session goes to the database; Redis never answers
    for _ in range(2):
        response = client.get("/shop/accounts/profile/")
        assert response.status_code == 200
        assert "lan@example.com" in response.content.decode()
    assert stub.commands == 1


def test_after_the_interval_it_tries_again_and_nothing_written_meanwhile_is_stale(
    stub, clock, product, settings
):
    client = Client()
    url = product.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"  # kept in the stub

    stub.hang()
    assert client.get(url).get("X-Page-Cache") is None  # one timeout, then skipped
    record = product.stockrecords.get()
    record.price = 99000
    record.save()  # the page cache's new version is not written: Redis is skipped
    stub.answer()
    seen = stub.commands
    assert "99.000" in client.get(url).content.decode()
    assert stub.commands == seen  # not tried again before REDIS_RETRY_AFTER

    clock.advance(settings.REDIS_RETRY_AFTER)
    response = client.get(url)
    assert stub.commands > seen
    assert "99.000" in response.content.decode()  # not the page Redis kept from before
    assert response["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"  # the cache works again


def test_a_redis_still_hanging_after_the_interval_is_skipped_again(stub, clock, caplog):
    from django.core.cache import cache

    stub.hang()
    with caplog.at_level(logging.WARNING, logger="storefront.rediscache"):
        cache.get("a")
        clock.advance(30)
        cache.get("b")  # tried once more, timed out again
        seen = stub.commands
        cache.get("c")
    assert stub.commands == seen == 2
    assert len(breaker_warnings(caplog)) == 2  # one per opening


def test_the_claim_link_limit_fails_closed_without_waiting_for_redis(
    stub, clock, django_user_model, monkeypatch
):
    """The one rate limit in the cache (a claim e-mail per account per 5 minutes): with Redis
    unanswering no link is sent (the page says the same either way); the buyer asks again
    once Redis is back. Login throttling (django-axes) counts in the database instead."""
    from storefront.order import claims

    class Orders:
        def exists(self):
            return True

    monkeypatch.setattr(claims, "unclaimed", lambda email: Orders())
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    from django.core.cache import cache

    stub.hang()
    cache.get("first")  # the timeout that opens the breaker
    assert claims.send_link(user) is False and claims.send_link(user) is False
    assert mail.outbox == [] and stub.commands == 1


def test_a_sign_out_while_redis_hangs_still_holds_when_it_answers_again(
    stub, clock, django_user_model, settings
):
    """The session Redis kept from before must not sign the cookie in again: its delete was
    dropped while Redis was skipped, so it is deleted before Redis is used again."""
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client = Client()
    client.force_login(user)
    assert client.get("/shop/accounts/profile/").status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    stub.hang()
    client.logout()  # the database's row goes; Redis does not answer
    clock.advance(settings.REDIS_RETRY_AFTER)
    stub.answer()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert replay.get("/shop/accounts/profile/").status_code == 302  # to the sign-in page


def test_past_the_limit_of_keys_to_forget_the_cache_is_cleared(stub, clock, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(rediscache, "FORGET_LIMIT", 2)
    cache.set("kept-from-before", 1)
    stub.hang()
    for key in ("a", "b", "c"):
        cache.set(key, 1)
    clock.advance(30)
    stub.answer()
    assert cache.get("kept-from-before") is None
    assert stub.data == {}
