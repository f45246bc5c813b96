"""Import the DCC's Performance Measurement Report: panelbook import-pmr FILE [--commit]."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from panelbook.core.lib.sheets import SheetRefused, read_sheet
from panelbook.core.management.acting import acting_user
from panelbook.core.services import ServiceError
from panelbook.performance import imports


class Command(BaseCommand):
    help = (
        "Read a Performance Measurement Report spreadsheet (CSV or XLSX: Measure, Scope, Month, Value, and "
        "optionally Provider and Methodology version) and show what it would record, change or leave unchanged, "
        "and every row in error. With --commit, store it in one transaction, only when no row is in error "
        "(or, with --good-rows-only, only the rows without errors). Exit status 1 when any row is in error "
        "and nothing was stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the PMR spreadsheet (.csv or .xlsx)")
        parser.add_argument("--commit", action="store_true", help="store what the preview shows")
        parser.add_argument("--good-rows-only", action="store_true", help="with --commit: store the good rows")
        parser.add_argument("--user", help="the user to act as; default: the system")

    def handle(self, *args, file: str, commit: bool, good_rows_only: bool, user: str | None, **options):
        by = acting_user(user, task="the import")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: there is no such file.")
        try:
            sheet = read_sheet(path.name, path.read_bytes(), what="the Performance Measurement Report")
            shown = imports.preview(sheet, by=by)
        except (SheetRefused, imports.ColumnsRefused) as refused:
            raise CommandError(str(refused)) from None
        for plan in shown.rows:
            self.stdout.write(f"Row {plan.row.number} {plan.row.label}: {plan.change}")
        for error in shown.errors:
            self.stderr.write(str(error))
        self.stdout.write(shown.summary())
        if shown.errors and not (commit and good_rows_only):
            sys.exit(1)
        if not commit:
            if shown.changes_anything:
                self.stdout.write("Nothing is stored: run again with --commit to store it.")
            return
        try:
            imports.import_results(sheet, by=by, expected=shown.fingerprint(), good_rows_only=good_rows_only)
        except ServiceError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        if shown.changes_anything:
            self.stdout.write("Stored.")
