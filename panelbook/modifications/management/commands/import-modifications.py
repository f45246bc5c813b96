"""Import the secretariat's register spreadsheet: panelbook import-modifications FILE [--commit]."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from panelbook.core.management.acting import acting_user
from panelbook.core.services import ServiceError
from panelbook.governance.models import Body
from panelbook.modifications import imports


class Command(BaseCommand):
    help = (
        "Read a register spreadsheet (CSV or XLSX, one row per modification) and show what it would create, "
        "update or leave unchanged, and every row in error. With --commit, store it in one transaction, and "
        "only when no row is in error. Exit status 1 when any row is in error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the register spreadsheet (.csv or .xlsx)")
        parser.add_argument("--commit", action="store_true", help="store what the preview shows")
        parser.add_argument("--body", default="change-board", help="code of the body new modifications belong to")
        parser.add_argument("--user", help="the secretariat user to act as; default: the system")

    def handle(self, *args, file: str, commit: bool, body: str, user: str | None, **options):
        by = acting_user(user, task="the import")
        owner = Body.objects.filter(code=body).first()
        if owner is None:
            raise CommandError(f"There is no body with the code {body!r}; give one with --body.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: there is no such file.")
        try:
            sheet = imports.read_sheet(path.name, path.read_bytes())
        except imports.SheetRefused as refused:
            raise CommandError(str(refused)) from None
        shown = imports.preview(sheet, by=by)
        for row in shown.rows:
            self.stdout.write(f"Row {row.number} {row.reference}: {row.outcome}")
            for change in row.changes:
                self.stdout.write(f"    {change}")
        for error in shown.errors:
            self.stderr.write(str(error))
        self.stdout.write(shown.summary())
        if shown.errors:
            sys.exit(1)
        if not commit:
            if shown.changes_anything:
                self.stdout.write("Nothing is stored: run again with --commit to store it.")
            return
        try:
            imports.import_register(sheet, by=by, body=owner, expected=shown.fingerprint())
        except ServiceError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        if shown.changes_anything:
            self.stdout.write("Stored.")
