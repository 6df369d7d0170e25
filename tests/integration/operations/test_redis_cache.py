"""With REDIS_URL set (CI's PostgreSQL step), the cache really is that Redis database and a
sign-in lives in it; the tests' cache.clear() empties that database and no other.
Without REDIS_URL these tests are skipped (the default is local memory and the database)."""

import uuid
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import cache, caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_db():
    """A client of the Redis database REDIS_URL names, made without Django."""
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set (CI's PostgreSQL step sets it)")
    client = redis.Redis.from_url(settings.REDIS_URL)
    yield client
    client.close()


def test_the_cache_is_the_redis_database_of_redis_url(redis_db):
    from django_redis.cache import RedisCache

    assert isinstance(caches["default"], RedisCache)
    key = f"probe-{uuid.uuid4().hex}"
    cache.set(key, "Chợ OCOP", 60)
    assert redis_db.exists(cache.make_key(key))  # in the server, not in this process


def test_clearing_the_cache_leaves_other_redis_databases_alone(redis_db):
    url = urlsplit(settings.REDIS_URL)
    number = int(url.path.strip("/") or 0)
    other = redis.Redis.from_url(url._replace(path=f"/{(number + 1) % 16}").geturl())
    key = f"ocop-test-probe-{uuid.uuid4().hex}"
    other.set(key, 1, ex=60)
    try:
        cache.set("kept-until-clear", 1)
        cache.clear()
        assert cache.get("kept-until-clear") is None
        assert other.exists(key)
    finally:
        other.delete(key)
        other.close()


def test_a_sign_in_is_kept_in_redis_and_served_from_it(client, redis_db, django_user_model):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)
    session_key = client.session.session_key
    assert redis_db.exists(cache.make_key(KEY_PREFIX + session_key))

    # With the database's copy gone, the next request is still signed in: from Redis.
    Session.objects.filter(session_key=session_key).delete()
    response = client.get("/shop/accounts/profile/")
    assert response.status_code == 200
    assert "lan@example.com" in response.content.decode()
