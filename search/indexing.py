"""Keep the search index in step with the catalogue.

Saves mark product ids as pending; the ids are indexed once, after the transaction commits
(so a rolled-back change never reaches the index, and a bulk change is indexed once).
"""

import logging
import threading

from django.db import transaction

from search.backends import get_backend
from search.documents import iter_documents

log = logging.getLogger(__name__)
_pending = threading.local()


def index_products(ids):
    ids = sorted(set(ids))
    if not ids:
        return 0
    backend = get_backend()
    found = list(iter_documents(ids))
    backend.index(found)
    missing = set(ids) - {d["product_id"] for d in found}
    if missing:
        backend.remove(missing)
    return len(found)


def _flush():
    ids = getattr(_pending, "ids", set())
    _pending.ids = set()
    try:
        index_products(ids)
    except Exception:  # the shop keeps working; a rebuild repairs the index
        log.exception("Search indexing failed for %d products", len(ids))


def schedule(ids):
    """Index these products after the current transaction commits."""
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    first = not _pending.ids
    _pending.ids.update(i for i in ids if i)
    if first and _pending.ids:
        transaction.on_commit(_flush)


def rebuild(progress=None):
    return get_backend().rebuild(iter_documents(), progress=progress)
