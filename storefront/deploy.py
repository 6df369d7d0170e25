"""Helpers for settings.py: the production switch, the secret key and the cache.

Kept free of Django imports (settings.py imports it before Django is configured).
"""

import os
import secrets
from pathlib import Path

# The key this repository once committed as its default: never accepted again.
KNOWN_PUBLIC_KEYS = {"dev-only-not-secret-change-me-in-production-0c0p"}


def is_production(value):
    """DJANGO_ENV: "production", or "development" / unset. Anything else is refused, so a
    typo ("prod") cannot quietly run production with development settings."""
    from django.core.exceptions import ImproperlyConfigured

    value = (value or "development").strip().lower()
    if value not in ("production", "development"):
        raise ImproperlyConfigured(f"DJANGO_ENV must be production or development, not {value!r}")
    return value == "production"


def require(env, names):
    """In production each of these variables must be set and non-empty."""
    from django.core.exceptions import ImproperlyConfigured

    missing = [name for name in names if not (env.str(name, default="") or "").strip()]
    if missing:
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs " + ", ".join(missing) + " (see README, Production)"
        )
    if env.str("SECRET_KEY") in KNOWN_PUBLIC_KEYS or len(env.str("SECRET_KEY")) < 32:
        raise ImproperlyConfigured("SECRET_KEY must be a random value of 32 characters or more")


def local_secret_key(var_dir: Path) -> str:
    """The development key: made once at random into var/secret_key (0600), then reused.

    Written to a temporary file and linked into place, so processes starting together
    (gunicorn workers, parallel test runs) agree on one key.
    """
    path = Path(var_dir) / "secret_key"
    try:
        key = path.read_text().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(50))
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass  # another process won the race: use its key
    finally:
        tmp.unlink()
    return path.read_text().strip()


def cache_settings(redis_url: str):
    """CACHES and SESSION_ENGINE for a Redis URL (or the embedded defaults without one).

    Redis failures degrade instead of failing pages: django-redis ignores connection errors
    (a miss on read, nothing on write) after a short socket timeout, the client then skips
    Redis for REDIS_RETRY_AFTER seconds (storefront/rediscache.py: a hung server costs one
    timeout, not one per call), and sessions live in the database with Redis in front
    (`cached_db`), so sign-ins and baskets survive losing Redis.
    """
    if not redis_url:
        return (
            {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            "django.contrib.sessions.backends.db",
        )
    return (
        {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "OPTIONS": {
                    "CLIENT_CLASS": "storefront.rediscache.BreakerClient",
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 0.5,
                    "SOCKET_TIMEOUT": 0.5,
                },
            }
        },
        "django.contrib.sessions.backends.cached_db",
    )
