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
  retried by the Celery task; a rebuild repairs whatever is left).
"""

import logging
import threading
import time

from django.conf import settings
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError

from search.backends.base import SearchBackend, SearchQuery, SearchResult
from search.backends.es_indexing import WriteFailed

log = logging.getLogger(__name__)
ERRORS = (ApiError, TransportError, BulkIndexError, WriteFailed)
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

    def _write(self, what, es_call):
        if not self.available():
            raise SearchUnavailable(f"Elasticsearch skipped after a failure ({what})")
        try:
            return es_call()
        except ERRORS as exc:
            self._failed(what, exc)
            raise SearchUnavailable(f"Elasticsearch failed ({what}): {exc}") from exc

    def index(self, documents):
        docs = list(documents)
        if not docs:
            return 0
        written = self.database.index(docs)
        self._write("index", lambda: self.elasticsearch.index(docs))
        return written

    def remove(self, product_ids):
        ids = list(product_ids)
        if not ids:
            return
        self.database.remove(ids)
        self._write("remove", lambda: self.elasticsearch.remove(ids))

    def clear(self):
        self.database.clear()
        self.elasticsearch.clear()

    def rebuild(self, documents, progress=None):
        """Both indexes from the catalogue: the database's first (it must be current even
        when the cluster is not), then Elasticsearch's, which raises if it fails."""
        if iter(documents) is documents:  # a one-shot iterator: both need to read it
            documents = list(documents)
        self.database.rebuild(documents)
        return self.elasticsearch.rebuild(documents, progress=progress)

    def ensure_index(self):
        return self.elasticsearch.ensure_index()

    def alias_exists(self):
        return self.elasticsearch.alias_exists()

    @property
    def client(self):
        return self.elasticsearch.client
