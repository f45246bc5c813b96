"""E-mail the owners of saved searches their new results: run daily from cron."""

from django.core.management.base import BaseCommand

from panelbook.search import emails


class Command(BaseCommand):
    help = (
        "E-mail each owner of saved searches due today (daily ones a day after the last e-mail, weekly ones a "
        "week after; an hour's slack allowed) one e-mail with the results not sent before, each search run with "
        "its owner's entitlements today. It goes to the owner's account address, else to that of the person "
        "linked to the account; with neither, the owner is reported. Deleted searches and inactive owners are "
        "left out. What was sent is recorded only after sending. Links start with the PANELBOOK_BASE_URL setting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say who would be e-mailed what, and send nothing")

    def handle(self, *args, dry_run: bool, **options):
        plan = emails.plan_emails()
        sent = 0 if dry_run else emails.send_emails(plan)
        for line in plan.report(sent=not dry_run):
            self.stdout.write(line)
        count = len(plan.emails) if dry_run else sent
        counted = f"{count} e-mail{'' if count == 1 else 's'}"
        self.stdout.write(self.style.SUCCESS(f"Dry run: {counted} not sent." if dry_run else f"Sent {counted}."))
