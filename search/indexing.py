"""Keep the search index in step with the catalogue.

Saves mark product ids as pending; the ids are indexed once, after the transaction commits
(so a rolled-back change never reaches the index, and a bulk change is indexed once):
inline by default, by a Celery worker when CELERY_BROKER_URL is set.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction

from search.backends import get_backend
from search.backends.fallback import SearchUnavailable
from search.documents import Catalogue, iter_documents

log = logging.getLogger(__name__)
_pending = threading.local()


def index_products(ids, backend=None):
    """Index these products; those deleted or taken off sale leave the index."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    backend = backend or get_backend()
    found = list(iter_documents(ids))
    missing = set(ids) - {d["product_id"] for d in found}
    unavailable = None
    try:
        backend.index(found)
    except SearchUnavailable as exc:  # the database took them: still remove from it
        unavailable = exc
    if missing:
        backend.remove(missing)
    if unavailable:
        raise unavailable
    return len(found)


def _flush():
    ids = getattr(_pending, "ids", set())
    if not ids:
        return
    _pending.ids = set()
    try:
        if settings.CELERY_BROKER_URL:
            from search.tasks import index_products_task

            index_products_task.delay(sorted(ids))
        else:
            index_products(ids)
    except SearchUnavailable as exc:  # the database's index took it; the fallback logged why
        log.warning("Search indexing of %d products reached only the database: %s", len(ids), exc)
    except Exception:  # the shop keeps working; a rebuild repairs the index
        log.exception("Search indexing failed for %d products", len(ids))


def schedule(ids):
    """Index these products after the current transaction commits.

    Every call registers a flush, so a rolled-back transaction (whose callbacks Django
    drops) cannot leave later changes unindexed; the first flush to run indexes every
    pending id and the rest find nothing to do. Ids left over from a rollback are simply
    indexed again from the database, which is always correct.
    """
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    new = {i for i in ids if i}
    if new:
        _pending.ids.update(new)
        transaction.on_commit(_flush)


def rebuild(progress=None):
    return get_backend().rebuild(Catalogue(), progress=progress)
