"""Elasticsearch with the database backend behind it: the shop keeps selling when the
cluster is down, hangs, or has no alias yet (issue 15, items 3 and 4).

- Reads (listings, search, autocomplete, the Wagtail product chooser) ask Elasticsearch;
  an error from the client (connection refused, timeout, 404 for a missing alias, a 4xx or
  5xx answer) logs one warning and the database backend answers instead. Elasticsearch is
  then skipped for ELASTICSEARCH_RETRY_AFTER seconds (a circuit breaker per process): a hung
  cluster costs one short timeout per period, not one per page, and the log one line.
- Writes go to both. The database backend's documents are kept current in either mode (one
  small row per product), so the fallback always has the catalogue; the Elasticsearch write
  follows and its failure is raised as SearchUnavailable (logged by the inline indexer,
  retried by the Celery task). The ids it missed are remembered in the cache and written
  from the database with the first write that succeeds again, so an outage does not leave
  the cluster stale until a rebuild (past MISSED_LIMIT ids, run `search_rebuild`).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError

from search.backends.base import SearchBackend, SearchQuery, SearchResult
from search.backends.es_indexing import WriteFailed

log = logging.getLogger(__name__)
ERRORS = (ApiError, TransportError, BulkIndexError, WriteFailed)
MISSED_KEY = "search:es-missed"
MISSED_LIMIT = 10_000
clock = time.monotonic


class SearchUnavailable(RuntimeError):
    """Elasticsearch did not take a write (the database backend did)."""


class FallbackBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, elasticsearch, database=None, retry_after=None):
        from search.backends.database import DatabaseBackend

        self.elasticsearch = elasticsearch
        self.database = database or DatabaseBackend()
        self.retry_after = (
            retry_after if retry_after is not None else settings.ELASTICSEARCH_RETRY_AFTER
        )
        self._skip_until = 0.0
        self._lock = threading.Lock()

    # --- the circuit breaker ------------------------------------------------------------------

    def available(self):
        return clock() >= self._skip_until

    def _failed(self, what, exc):
        with self._lock:
            if not self.available():
                return  # another thread already reported it
            self._skip_until = clock() + self.retry_after
        log.warning(
            "Elasticsearch failed (%s: %s); the database backend answers for %ss",
            what,
            exc,
            self.retry_after,
        )

    def _read(self, what, es_call, db_call):
        if self.available():
            try:
                return es_call()
            except ERRORS as exc:
                self._failed(what, exc)
        return db_call()

    # --- reads --------------------------------------------------------------------------------

    def search(self, query: SearchQuery, facets=True) -> SearchResult:
        return self._read(
            "search",
            lambda: self.elasticsearch.search(query, facets=facets),
            lambda: self.database.search(query, facets=facets),
        )

    def suggest_products(self, text, limit):
        return self._read(
            "suggest",
            lambda: self.elasticsearch.suggest_products(text, limit),
            lambda: self.database.suggest_products(text, limit),
        )

    # --- writes -------------------------------------------------------------------------------

    def _write(self, what, ids, es_call):
        try:
            if not self.available():
                raise SearchUnavailable(f"Elasticsearch skipped after a failure ({what})")
            try:
                es_call()
            except ERRORS as exc:
                self._failed(what, exc)
                raise SearchUnavailable(f"Elasticsearch failed ({what}): {exc}") from exc
        except SearchUnavailable:
            self._remember(ids)
            raise
        self._catch_up()

    def _remember(self, ids):
        missed = set(cache.get(MISSED_KEY) or ()) | set(ids)
        if len(missed) > MISSED_LIMIT:
            log.warning("Elasticsearch missed over %d changes: run search_rebuild", MISSED_LIMIT)
            missed = set(sorted(missed)[-MISSED_LIMIT:])
        cache.set(MISSED_KEY, missed, None)

    def _catch_up(self):
        """Write what the cluster missed while it failed, from the database's catalogue."""
        missed = cache.get(MISSED_KEY)
        if not missed:
            return
        cache.delete(MISSED_KEY)
        from search.documents import iter_documents

        ids = sorted(missed)
        try:
            found = list(iter_documents(ids))
            self.elasticsearch.index(found)
            gone = set(ids) - {d["product_id"] for d in found}
            if gone:
                self.elasticsearch.remove(sorted(gone))
        except ERRORS as exc:
            self._remember(ids)
            self._failed("catch-up", exc)
            return
        log.info("Elasticsearch caught up with %d changes it had missed", len(ids))
        # Pages cached since the cluster came back may hold its stale answers: the database
        # took these writes at the time, but the cluster only now.
        from storefront.pagecache import bump_version

        transaction.on_commit(bump_version)

    def index(self, documents):
        docs = list(documents)
        if not docs:
            return 0
        written = self.database.index(docs)
        ids = [d["product_id"] for d in docs]
        self._write("index", ids, lambda: self.elasticsearch.index(docs))
        return written

    def remove(self, product_ids):
        ids = list(product_ids)
        if not ids:
            return
        self.database.remove(ids)
        self._write("remove", ids, lambda: self.elasticsearch.remove(ids))

    def clear(self):
        self.database.clear()
        self.elasticsearch.clear()

    def rebuild(self, documents, progress=None):
        """Both indexes from the catalogue, under the cluster's rebuild lock when it can be
        had: the database's first (it must be current even when the cluster is not), then
        Elasticsearch's, which raises if it fails."""
        if iter(documents) is documents:  # a one-shot iterator: both need to read it
            documents = list(documents)
        cache.delete(MISSED_KEY)  # everything is written again
        try:  # first: a second rebuild must not rewrite the database's index meanwhile
            self.elasticsearch.take_lock()
            locked = True
        except ERRORS:  # the cluster is down: its rebuild below will say so
            locked = False
        try:
            self.database.rebuild(documents)
        except BaseException:
            if locked:
                self.elasticsearch.release_lock()
            raise
        return self.elasticsearch.rebuild(documents, progress=progress, locked=locked)

    def ensure_index(self):
        return self.elasticsearch.ensure_index()

    def alias_exists(self):
        return self.elasticsearch.alias_exists()

    @property
    def client(self):
        return self.elasticsearch.client
