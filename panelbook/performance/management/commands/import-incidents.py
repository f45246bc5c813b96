"""Import the DCC's incident log: panelbook import-incidents FILE [--commit]."""

from __future__ import annotations

from typing import Any

from panelbook.core.lib.sheets import Sheet
from panelbook.core.management.sheet_import import SheetImportCommand
from panelbook.performance import incident_imports


class Command(SheetImportCommand):
    help = (
        "Read an incident log (CSV or XLSX: Reference, Title, Opened, Category, Services, and optionally Regions, "
        "Restored, Closed, Major, Impact and Root cause) and show what it would log, close or leave unchanged, "
        "and every row in error. With --commit, store it in one transaction, only when no row is in error "
        "(or, with --good-rows-only, only the rows without errors). Exit status 1 when any row is in error "
        "and nothing was stored."
    )
    what = "the incident log"
    refused = (incident_imports.ColumnsRefused,)

    def preview(self, sheet: Sheet, by: Any) -> Any:
        return incident_imports.preview(sheet, by=by)

    def store(self, sheet: Sheet, by: Any, expected: str, good_rows_only: bool) -> Any:
        return incident_imports.import_incidents(sheet, by=by, expected=expected, good_rows_only=good_rows_only)
