"""The Redis cache's client, with a circuit breaker per process (issue 13).

A Redis that refuses connections fails each call at once. One that hangs (a stuck server,
a network black hole) costs each call its socket timeout, and a page makes many calls:
the page cache's content version, the session, the theme, facets, fragments. So after a
connection error or a timeout this process skips Redis for REDIS_RETRY_AFTER seconds:
every call fails at once, and django-redis (IGNORE_EXCEPTIONS) answers it as it answers a
refused connection: reads miss, writes are dropped. One warning is logged per opening.
The first call after that goes to Redis again, and opens the breaker again if it fails.

Writes dropped meanwhile would leave Redis holding what it held before (a session since
signed out, the content version from before a price change) for when it answers again,
and the page cache would serve pages older than the data. Their keys are remembered and
deleted before the first call that reaches Redis again; past FORGET_LIMIT keys the cache's
database is cleared instead. Nothing written while Redis was skipped is read back stale.

The health check (storefront/health.py) pings through the raw connection, past the
breaker, so /healthz reports what Redis does now.
"""

import functools
import inspect
import logging
import socket
import threading
import time

from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
clock = time.monotonic
FORGET_LIMIT = 10_000
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout)

# The cache API's calls, by what a dropped one leaves behind.
READS = ("get", "get_many", "has_key", "ttl", "pttl", "keys", "iter_keys")
WRITES_ONE = ("set", "add", "delete", "incr", "decr", "touch", "persist", "expire")
WRITES_ONE += ("expire_at", "pexpire", "pexpire_at", "incr_version")
WRITES_MANY = ("set_many", "delete_many")
WRITES_ALL = ("clear", "delete_pattern")  # which keys they touch is not known here


class Breaker:
    """Skipping one Redis server (per process): until when, and what was not written."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.skip_until = 0.0
        self.unwritten: set[str] = set()
        self.unwritten_all = False  # more than FORGET_LIMIT keys, or a clear(): clear on return

    def is_open(self) -> bool:
        return clock() < self.skip_until

    def trip(self, exc):
        retry_after = getattr(settings, "REDIS_RETRY_AFTER", 30.0)
        with self.lock:
            if self.is_open():
                return  # another thread already reported it
            self.skip_until = clock() + retry_after
        log.warning(
            "Redis failed (%s: %s); the cache is skipped for %ss",
            type(exc).__name__,
            exc,
            retry_after,
        )

    def not_written(self, keys):
        with self.lock:
            if keys is None:
                self.unwritten_all = True
            elif not self.unwritten_all:
                self.unwritten.update(keys)
            if len(self.unwritten) > FORGET_LIMIT:
                self.unwritten_all = True
            if self.unwritten_all:
                self.unwritten.clear()

    def repair(self, raw):
        """Before the first call that reaches Redis again: forget what it holds that this
        process could not overwrite or delete."""
        with self.lock:
            keys, everything = list(self.unwritten), self.unwritten_all
        if not keys and not everything:
            return
        if everything:
            raw.flushdb()
        for start in range(0, len(keys), 500):
            raw.delete(*keys[start : start + 500])
        with self.lock:
            self.unwritten.difference_update(keys)
            if everything:
                self.unwritten_all = False
        log.warning(
            "Redis answers again; %s written while it was skipped were forgotten",
            "the whole cache" if everything else f"{len(keys)} keys",
        )


_breakers: dict[tuple[str, ...], Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(servers) -> Breaker:
    key = tuple(servers)
    with _breakers_lock:
        return _breakers.setdefault(key, Breaker())


def reset():
    """Every breaker closed and nothing remembered (tests)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


def _skipped():
    cause = RedisConnectionError("Redis is skipped after a failure (REDIS_RETRY_AFTER)")
    error = ConnectionInterrupted(connection=None)
    error.__cause__ = cause
    return error


def _guarded(name):
    original = getattr(DefaultClient, name)
    signature = inspect.signature(original)

    def keys_of(client, args, kwargs):
        """The full Redis keys a write names, or None for "unknown: any"."""
        if name in WRITES_ALL:
            return None
        bound = signature.bind(client, *args, **kwargs).arguments
        version = bound.get("version")
        if name in WRITES_ONE:
            named = [bound["key"]]
        else:
            named = list(bound.get("data") or bound.get("keys") or ())
        return [str(client.make_key(key, version=version)) for key in named]

    @functools.wraps(original)
    def call(self, *args, **kwargs):
        if kwargs.get("client") is not None:
            return original(self, *args, **kwargs)  # inside another call (a pipeline)
        breaker = self.breaker
        try:
            if breaker.is_open():
                raise _skipped()
            if breaker.unwritten or breaker.unwritten_all:
                try:
                    breaker.repair(self.get_client(write=True))
                except UNREACHABLE as exc:
                    raise ConnectionInterrupted(connection=None) from exc
            return original(self, *args, **kwargs)
        except ConnectionInterrupted as exc:
            if isinstance(exc.__cause__, UNREACHABLE):
                breaker.trip(exc.__cause__)
                if name not in READS:
                    breaker.not_written(keys_of(self, args, kwargs))
            else:  # an answer, not silence (out of memory, a wrong type): this call only
                log.warning("Redis error ignored in %s: %s", name, exc)
            raise

    return call


class BreakerClient(DefaultClient):
    """django-redis's client, skipping Redis for a while after it failed (module docstring)."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.breaker = breaker_for(self._server)  # one per server and process, not per thread


for _name in READS + WRITES_ONE + WRITES_MANY + WRITES_ALL:
    setattr(BreakerClient, _name, _guarded(_name))
