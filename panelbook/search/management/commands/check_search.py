"""Compare the search index with the database: panelbook check_search."""

from django.core.management.base import BaseCommand, CommandError

from panelbook.search import indexing


class Command(BaseCommand):
    help = "Say whether the search index holds every searchable record the database holds, kind by kind."

    def handle(self, *args, **options):
        differences = indexing.differences()
        waiting = indexing.waiting()
        for kind, in_database, in_index in differences:
            self.stdout.write(f"{kind}: {in_database} in the database, {in_index} in the index")
        if differences:
            raise CommandError(
                f"The index differs from the database for {len(differences)} kinds of record "
                f"({waiting} records waiting to be indexed): run 'panelbook reindex'."
            )
        self.stdout.write(f"The index holds every searchable record ({waiting} waiting to be indexed).")
