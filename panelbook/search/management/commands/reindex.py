"""Rebuild the search index from the database: panelbook reindex."""

from django.core.management.base import BaseCommand

from panelbook.core.management.progress import progress_bar
from panelbook.search import engine, indexing


class Command(BaseCommand):
    help = (
        "Rebuild the search index from scratch, every searchable record in batches, with a progress bar. "
        "The site can keep serving: searches answer from the index it replaces until the new one is complete."
    )

    def handle(self, *args, **options):
        total = indexing.total()
        with progress_bar() as progress:
            count = indexing.reindex(lambda done: progress("records", done, total))
        self.stdout.write(f"Indexed {count} records as {engine.engine().count()} entries.")
