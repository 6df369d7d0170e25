"""Writing to Elasticsearch: the alias, incremental writes, and rebuilds with their lock.

- The alias is made at deploy time (`manage.py search_setup`, run by compose.yaml before
  gunicorn starts). A write that still finds no alias creates the first index under a fixed
  name with the alias in its create body: two processes racing cannot put two indices on
  the alias (issue 15, item 5); the loser gets `resource_already_exists_exception` and
  writes through the alias the winner made. Writes use `require_alias`, so a missing alias
  is an error, never an index auto-created under the alias's name.
- Writes do not wait for a refresh: `refresh="wait_for"` held checkouts for up to a second.
- A rebuild holds a lock: the index `<alias>-rebuild`, which the cluster creates or refuses
  atomically, so web and worker processes on every host see it; it records when it started
  (a lock older than STALE_LOCK is taken over). While it exists every write also records its
  product ids in it, through the alias `<alias>-rebuild-journal` (again `require_alias`:
  once the lock is gone nothing is created). After the swap the rebuild indexes those ids
  again from the database, so a change or a deletion made while it ran is not lost with the
  old index (item 6). A write journals before it writes: if it journals after the rebuild
  read the journal, its own write already goes to the new index.
- The new index loads with `refresh_interval: -1` and no replicas, both restored before the
  swap; 429s are retried with backoff; a failed rebuild deletes its half-built index and
  its lock (item 7).
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from elasticsearch import ApiError, NotFoundError, helpers

log = logging.getLogger(__name__)
STALE_LOCK = datetime.timedelta(hours=6)


class RebuildRunning(RuntimeError):
    """Another rebuild holds the lock."""


class WriteFailed(RuntimeError):
    """Some documents were not written (the items' errors are in the message)."""


def error_type(exc):
    """The Elasticsearch error type of an API error ("index_not_found_exception" ...)."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"].get("type")
    return None


def _item_error(item):
    (result,) = item.values()
    error = result.get("error")
    return error.get("type") if isinstance(error, dict) else error


class IndexManagement:
    """Mixed into ElasticsearchBackend, which provides `client`, `alias`, `replicas`,
    `index_body(name)` and `to_source(doc)`."""

    bulk_retries = 5
    bulk_backoff = 2.0  # seconds before the first retry of a 429, doubled each time
    bulk_timeout = 120  # seconds per bulk request of a rebuild (never on the request path)
    refresh = False
    _alias_ready = False

    @property
    def lock_name(self):
        return f"{self.alias}-rebuild"

    @property
    def journal(self):
        return f"{self.alias}-rebuild-journal"

    @property
    def first_index(self):
        return f"{self.alias}-first"

    # --- the alias --------------------------------------------------------------------------

    def create_index(self, name, aliases=None, loading=False):
        body = self.index_body(name)
        index_settings = body.setdefault("settings", {})
        index_settings["number_of_replicas"] = 0 if loading else self.replicas
        if loading:
            index_settings["refresh_interval"] = "-1"
        if aliases:
            body["aliases"] = aliases
        self.client.indices.create(index=name, **body)
        return name

    def alias_exists(self):
        return bool(self.client.indices.exists_alias(name=self.alias))

    def ensure_index(self):
        """Make the alias if it is missing; True when this call created it."""
        if self._alias_ready:
            return False
        created = False
        if not self.alias_exists():
            try:
                self.create_index(self.first_index, aliases={self.alias: {}})
                created = True
            except ApiError as exc:
                if error_type(exc) != "resource_already_exists_exception":
                    raise
        self._alias_ready = True
        return created

    def _indices_of_alias(self):
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    # --- incremental writes -----------------------------------------------------------------

    def _actions(self, documents, index):
        for doc in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": doc["product_id"],
                "_source": self.to_source(doc),
            }

    def _deletions(self, ids, index):
        return ({"_op_type": "delete", "_index": index, "_id": i} for i in ids)

    def index(self, documents):
        docs = list(documents)
        if not docs:
            return 0
        self.ensure_index()
        self._journal([d["product_id"] for d in docs])
        written = self._bulk(self._actions(docs, self.alias))
        self._changed()
        return written

    def remove(self, product_ids):
        ids = list(product_ids)
        if not ids:
            return
        self.ensure_index()
        self._journal(ids)
        self._bulk(self._deletions(ids, self.alias))
        self._changed()

    def clear(self):
        self.rebuild([])

    def _changed(self):
        from search.backends.database import bump_index_version

        transaction.on_commit(bump_index_version)  # cached facets are recounted

    def _bulk(self, actions):
        """One bulk request through the alias; raises WriteFailed on any failed item but a
        delete of a document that is not there."""
        options = {"refresh": self.refresh} if self.refresh else {}
        written, errors = helpers.bulk(
            self.client, actions, raise_on_error=False, require_alias=True, **options
        )
        failed = [e for e in errors if _item_error(e) is not None]
        if failed:
            if any(_item_error(e) == "index_not_found_exception" for e in failed):
                self._alias_ready = False  # the alias went away: look again next time
            raise WriteFailed(f"{len(failed)} documents not written: {failed[:3]!r}")
        return written

    def _journal(self, ids):
        """While a rebuild runs, record these ids in its lock (see the module docstring)."""
        actions = (
            {"_op_type": "index", "_index": self.journal, "_id": i, "_source": {"id": i}}
            for i in ids
        )
        _, errors = helpers.bulk(self.client, actions, raise_on_error=False, require_alias=True)
        others = [e for e in errors if _item_error(e) != "index_not_found_exception"]
        if others:  # index_not_found: no rebuild is running, the usual case
            log.warning("Could not record %d changes for the running rebuild", len(others))

    # --- rebuilds ---------------------------------------------------------------------------

    def rebuild(self, documents, progress=None, locked=False):
        """`locked`: the caller took the lock (`take_lock`) and this rebuild releases it."""
        if not locked:
            self.take_lock()
        new = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        try:
            self.create_index(new, loading=True)
            written = self._load(documents, new, progress)
            self.client.indices.put_settings(
                index=new,
                settings={"index": {"refresh_interval": None, "number_of_replicas": self.replicas}},
            )
            self.client.indices.refresh(index=new)
            old = self._indices_of_alias()
            actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
            actions.append({"add": {"index": new, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
            # A first write may have made `<alias>-first` between reading the alias and the
            # swap: take it off too, so the alias never keeps two indices.
            stray = [name for name in self._indices_of_alias() if name != new]
            if stray:
                self.client.indices.update_aliases(
                    actions=[{"remove": {"index": i, "alias": self.alias}} for i in stray]
                )
                old += [name for name in stray if name not in old]
        except BaseException:
            self._delete_quietly(new)
            self._delete_quietly(self.lock_name)
            raise
        try:
            self._reapply(documents)
        finally:
            self._delete_quietly(self.lock_name)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        self._alias_ready = True
        self._changed()
        return written

    def _load(self, documents, index, progress):
        written = 0
        for ok, item in helpers.streaming_bulk(
            self.client.options(request_timeout=self.bulk_timeout),
            self._actions(documents, index),
            chunk_size=1000,
            # Items are retried only when the helper does not raise on them itself.
            raise_on_error=False,
            max_retries=self.bulk_retries,
            initial_backoff=self.bulk_backoff,
            max_backoff=60,
        ):
            if not ok:
                raise WriteFailed(f"the rebuild could not write {item!r}")
            written += 1
            if progress and written % 1000 == 0:
                progress(written)
        if progress:
            progress(written)
        return written

    def _reapply(self, documents):
        """Index again what changed while the rebuild ran, now that the alias is swapped."""
        ids = self._journaled_ids()
        if not ids:
            return
        for_ids = getattr(documents, "for_ids", None)
        if for_ids is None:
            log.warning("%d products changed during the rebuild; run it again", len(ids))
            return
        found = for_ids(ids)
        if found:
            self._bulk(self._actions(found, self.alias))
        missing = set(ids) - {d["product_id"] for d in found}
        if missing:
            self._bulk(self._deletions(sorted(missing), self.alias))
        log.info("Re-applied %d changes made during the rebuild", len(ids))

    def _journaled_ids(self):
        self.client.indices.refresh(index=self.lock_name)
        ids, after = [], None
        while True:
            page = {"search_after": after} if after else {}
            response = self.client.search(
                index=self.lock_name, size=5000, sort=[{"id": "asc"}], source=False, **page
            )
            hits = response["hits"]["hits"]
            if not hits:
                return ids
            ids += [int(h["_id"]) for h in hits]
            after = hits[-1]["sort"]

    def take_lock(self, take_over=True):
        """Take the rebuild lock, or raise RebuildRunning; `release_lock` gives it back."""
        now = timezone.now()
        try:
            self.client.indices.create(
                index=self.lock_name,
                settings={"number_of_shards": 1, "number_of_replicas": 0},
                mappings={
                    "_meta": {"started": now.isoformat()},
                    "properties": {"id": {"type": "long"}},
                },
                aliases={self.journal: {}},
            )
            return now
        except ApiError as exc:
            if error_type(exc) != "resource_already_exists_exception":
                raise
        started = self._lock_started()
        if not take_over or (started and now - started < STALE_LOCK):
            when = f"{started:%Y-%m-%d %H:%M} UTC" if started else "an unknown time"
            raise RebuildRunning(f"another rebuild, started at {when}, holds {self.lock_name}")
        log.warning("Taking over the rebuild lock %s left since %s", self.lock_name, started)
        self._delete_quietly(self.lock_name)
        return self.take_lock(take_over=False)

    def release_lock(self):
        self._delete_quietly(self.lock_name)

    def _lock_started(self):
        try:
            mapping = self.client.indices.get_mapping(index=self.lock_name)
            started = mapping[self.lock_name]["mappings"]["_meta"]["started"]
            return datetime.datetime.fromisoformat(started)
        except (ApiError, KeyError, TypeError, ValueError):
            return None

    def _delete_quietly(self, name):
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except Exception:  # noqa: BLE001 - cleaning up after a failure must not hide it
            log.warning("Could not delete index %s", name, exc_info=True)
