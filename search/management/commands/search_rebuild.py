"""Rebuild the product search index from the catalogue.

(Named apart from Wagtail's `update_index` and haystack's `rebuild_index`.)
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Product
from search.backends import get_backend
from search.backends.es_indexing import RebuildRunning
from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the product search index (database or Elasticsearch backend)."

    def handle(self, *args, **options):
        total = Product.objects.filter(parent=None).count()
        started = time.monotonic()
        tty = sys.stdout.isatty()

        def progress(done):
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {done}/{total}"
            if tty:
                self.stdout.write("\r" + line, ending="")
            elif done == total or done % 10000 == 0:
                self.stdout.write(line)

        try:
            written = rebuild(progress=progress)
        except RebuildRunning as exc:  # two rebuilds at once would lose each other's index
            raise CommandError(str(exc)) from exc
        if tty:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {written} products with the {get_backend().name} backend "
                f"in {time.monotonic() - started:.1f}s."
            )
        )
