"""``panelbook propose_threads [--dry-run]``: group recurring agenda items into threads."""

from typing import Any

from django.core.management.base import BaseCommand

from panelbook.threads import services


class Command(BaseCommand):
    help = (
        "Start a thread for each topic taken up at two meetings or more (the same modification, measure or "
        "heading) and add new items to the threads of their topic; items already in a thread stay where they are."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say what would be done and change nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        plan = services.propose_threads(by=None, dry_run=dry_run)
        would = "would be" if dry_run else "were"
        for group in plan.new_threads:
            self.stdout.write(
                f"New thread ({group.topic.kind}): {len(group.proposed)} items at {len(group.meetings)} meetings"
            )
        for group in plan.joining:
            self.stdout.write(f"Thread {group.thread}: {len(group.proposed)} more items")
        self.stdout.write(
            f"{len(plan.new_threads)} threads {would} started and {sum(len(g.proposed) for g in plan.joining)} items "
            f"{would} added to threads."
        )
