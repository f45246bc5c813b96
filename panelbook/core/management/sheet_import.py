"""The shape every spreadsheet import command shares: read the file, show each row's plan and each
row in error, and store only with --commit (and, with rows in error, only with --good-rows-only)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from panelbook.core.lib.sheets import Sheet, SheetRefused, read_sheet
from panelbook.core.management.acting import acting_user
from panelbook.core.services import ServiceError


class SheetImportCommand(BaseCommand):
    """A subclass names what the file is and gives its app's ``preview`` and ``store``."""

    what = "the file"  # in messages: "the incident log"
    refused: tuple[type[Exception], ...] = ()  # the app's refusal of a sheet's headings

    def preview(self, sheet: Sheet, by: Any) -> Any:
        raise NotImplementedError

    def store(self, sheet: Sheet, by: Any, expected: str, good_rows_only: bool) -> Any:
        raise NotImplementedError

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", metavar="FILE", help=f"{self.what} (.csv or .xlsx)")
        parser.add_argument("--commit", action="store_true", help="store what the preview shows")
        parser.add_argument("--good-rows-only", action="store_true", help="with --commit: store the good rows")
        parser.add_argument("--user", help="the user to act as; default: the system")

    def handle(self, *args: Any, file: str, commit: bool, good_rows_only: bool, user: str | None, **options: Any):
        by = acting_user(user, task="the import")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: there is no such file.")
        try:
            sheet = read_sheet(path.name, path.read_bytes(), what=self.what)
            shown = self.preview(sheet, by)
        except (SheetRefused, *self.refused) as refused:  # type: ignore[misc]
            raise CommandError(str(refused)) from None
        self._show(shown)
        if shown.errors and not (commit and good_rows_only):
            sys.exit(1)
        if not commit:
            if shown.changes_anything:
                self.stdout.write("Nothing is stored: run again with --commit to store it.")
            return
        try:
            self.store(sheet, by, shown.fingerprint(), good_rows_only)
        except ServiceError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        if shown.changes_anything:
            self.stdout.write("Stored.")

    def _show(self, shown: Any) -> None:
        for plan in shown.rows:
            self.stdout.write(f"Row {plan.row.number} {plan.row.label}: {plan.change}")
        for error in shown.errors:
            self.stderr.write(str(error))
        self.stdout.write(shown.summary())
