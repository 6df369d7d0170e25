"""Item 18: with Redis unreachable (REDIS_URL at a closed loopback port), the shop still
renders from the database and a basket survives in the session."""

import pytest

from storefront import deploy
from tests.factories import CertificateFactory
from tests.integration.operations.conftest import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES, settings.SESSION_ENGINE = deploy.cache_settings(
        f"redis://127.0.0.1:{closed_port()}/0"
    )
    from django.core.cache import cache

    assert cache.get("anything") is None  # errors are misses, not exceptions


@pytest.fixture
def product():
    return CertificateFactory(product__title="Nấm rơm sạch Đồng Nai", stars=4).product


def test_shop_pages_render_with_redis_down(client, redis_down, product):
    for url in ("/", "/shop/catalogue/", product.get_absolute_url(), "/shop/search/?q=nam"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Nấm rơm sạch Đồng Nai" in client.get("/shop/catalogue/").content.decode()


def test_basket_add_works_and_is_kept_with_redis_down(client, redis_down, product):
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 2})
    assert response.status_code == 302
    basket = client.get("/shop/basket/")
    assert basket.status_code == 200
    assert "Nấm rơm sạch Đồng Nai" in basket.content.decode()


def test_sessions_live_in_the_database_with_redis():
    caches, engine = deploy.cache_settings("redis://127.0.0.1:6379/0")
    assert engine == "django.contrib.sessions.backends.cached_db"
    options = caches["default"]["OPTIONS"]
    assert options["IGNORE_EXCEPTIONS"] is True
    assert options["SOCKET_CONNECT_TIMEOUT"] <= 1 and options["SOCKET_TIMEOUT"] <= 1


def test_a_sign_in_survives_redis_down(client, redis_down, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.com", "pw-12345678")
    client.force_login(user)  # the session goes to the database; Redis refuses it
    response = client.get("/shop/accounts/profile/")
    assert response.status_code == 200
    assert "lan@example.com" in response.content.decode()


def test_pages_are_rendered_not_cached_with_redis_down(client, redis_down, product):
    """The page cache's version lives in Redis: unreadable, nothing is served from the cache
    (never a stale page) and every page still comes (issue 13)."""
    url = product.get_absolute_url()
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200 and response.get("X-Page-Cache") is None
    record = product.stockrecords.get()
    record.price = 99000
    record.save()
    assert "99.000" in client.get(url).content.decode()
