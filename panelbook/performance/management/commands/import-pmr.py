"""Import the DCC's Performance Measurement Report: panelbook import-pmr FILE [--commit]."""

from __future__ import annotations

from typing import Any

from panelbook.core.lib.sheets import Sheet
from panelbook.core.management.sheet_import import SheetImportCommand
from panelbook.performance import imports


class Command(SheetImportCommand):
    help = (
        "Read a Performance Measurement Report spreadsheet (CSV or XLSX: Measure, Scope, Month, Value, and "
        "optionally Provider and Methodology version) and show what it would record, change or leave unchanged, "
        "and every row in error. With --commit, store it in one transaction, only when no row is in error "
        "(or, with --good-rows-only, only the rows without errors). Exit status 1 when any row is in error "
        "and nothing was stored."
    )
    what = "the Performance Measurement Report"
    refused = (imports.ColumnsRefused,)

    def preview(self, sheet: Sheet, by: Any) -> Any:
        return imports.preview(sheet, by=by)

    def store(self, sheet: Sheet, by: Any, expected: str, good_rows_only: bool) -> Any:
        return imports.import_results(sheet, by=by, expected=expected, good_rows_only=good_rows_only)
