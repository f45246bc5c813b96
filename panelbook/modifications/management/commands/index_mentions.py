"""Read every paper, agenda item, decision, action and ingested file again for the modifications
they name: panelbook index_mentions (safe to run again; saves keep the index after that)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from panelbook.modifications import mentions


class Command(BaseCommand):
    help = "Rebuild the index of records that name a modification, which each modification's page lists."

    def handle(self, *args, **options):
        count = mentions.rebuild()
        self.stdout.write(f"{count} mentions of modifications are indexed.")
