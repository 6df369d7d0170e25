"""Make the search index ready at deploy time: `compose.yaml` runs it after `migrate` and
before gunicorn starts (issue 15, item 4).

With Elasticsearch, a missing alias (a fresh cluster, or a site switched to Elasticsearch)
is built from the catalogue by a full rebuild, whose new index gets the alias in the same
atomic call; an existing alias is left alone. Another container already rebuilding (the
lock is held) is not an error. A cluster that cannot be reached is reported and the command
still succeeds: the shop then answers from the database (search.backends.fallback) and
must start. The database backend needs nothing here: its documents follow every save.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from elasticsearch import ApiError, TransportError

from search.backends import get_backend
from search.backends.es_indexing import RebuildRunning
from search.indexing import rebuild


class Command(BaseCommand):
    help = "Create the Elasticsearch index and alias when missing (run at deploy time)."

    def handle(self, *args, **options):
        if settings.SEARCH_BACKEND != "elasticsearch":
            self.stdout.write("Database search: nothing to set up.")
            return
        backend = get_backend()
        try:
            if backend.alias_exists():
                self.stdout.write(f"Elasticsearch alias {settings.ELASTICSEARCH_INDEX} is ready.")
                return
            written = rebuild()
        except RebuildRunning as exc:
            self.stdout.write(f"Another rebuild is making the index: {exc}")
            return
        except (ApiError, TransportError) as exc:
            self.stderr.write(
                f"Elasticsearch could not be set up ({exc}); the shop searches the database "
                "until it can. Run `manage.py search_setup` again."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the Elasticsearch alias {settings.ELASTICSEARCH_INDEX} "
                f"with {written} products."
            )
        )
