"""Propose the register reviews falling due by each body's next meeting (run daily, from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from panelbook.registers import services


class Command(BaseCommand):
    help = "Propose the register reviews falling due by each body's next meeting; safe to run again."

    def handle(self, *args, **options) -> None:
        made = services.propose_reviews(by=None, today=timezone.localdate())
        self.stdout.write(f"{len(made)} review proposal(s) made or extended.")
