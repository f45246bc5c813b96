"""E-mail action owners a digest of their overdue and due-soon actions: run daily from cron."""

from django.core.management.base import BaseCommand, CommandError

from panelbook.actions import reminders


class Command(BaseCommand):
    help = (
        "E-mail each owner one digest of their Open actions that are overdue or due within --days days "
        "(deadline: the due date, else the date of the meeting the action is due at; actions proposed to close "
        "are left out). An action goes to its owning person's e-mail address; if there is none, to every person "
        "of its owning organisation who has one; otherwise it is listed as 'no address for owner'. A person "
        "linked to a user account is told only of actions that user may see; a person without an account only "
        "of WHITE ones. Links start with the PANELBOOK_BASE_URL setting (default http://127.0.0.1:8000)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="how far ahead 'due soon' looks (default 14)")
        parser.add_argument("--dry-run", action="store_true", help="say who would be e-mailed, and send nothing")

    def handle(self, *args, days: int, dry_run: bool, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more: it counts the days ahead to look for due actions.")
        plan = reminders.plan_reminders(days=days)
        sent = 0 if dry_run else reminders.send_reminders(plan)
        for line in plan.report(sent=not dry_run):
            self.stdout.write(line)
        count = len(plan.digests) if dry_run else sent
        reminders_sent = f"{count} reminder{'' if count == 1 else 's'}"
        summary = f"Dry run: {reminders_sent} not sent." if dry_run else f"Sent {reminders_sent}."
        self.stdout.write(self.style.SUCCESS(summary))
