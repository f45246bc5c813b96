"""DCC reporting staff bring in a month's Performance Measurement Report: a row in error is named
in the preview, and they store only the good rows; by pointer, by keyboard alone and at phone
widths."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from panelbook.conftest import make_user
from panelbook.performance.models import Result
from panelbook.performance.tests.rows import catalogue


def test_dcc_reporting_imports_the_pmr_and_stores_only_the_good_rows(world, visit, way, tmp_path):
    catalogue()
    sheet = tmp_path / "pmr-2024-05.csv"
    sheet.write_text(
        "Measure,Scope,Month,Value\nCPM1,DCC total,2024-05,94.65\nCSP N PM2,CSP North,2024-05,101.5\n",
        encoding="utf-8",
    )
    journey = visit(make_user("reporter", is_dcc_reporting=True), **way)
    journey.go("/performance/")
    journey.follow("Import the Performance Measurement Report")
    journey.attach("Performance Measurement Report", sheet)
    journey.press("Preview")
    said = journey.main_text()
    assert "Row 3, column “Value”: CSP N PM2 is a percentage: give a value from 0 to 100, not 101.5." in said
    assert not Result.objects.exists()

    journey.press("Store only the good rows")
    assert "Imported pmr-2024-05.csv: 1 recorded, 0 changed and 0 unchanged. 1 row in error was left out." in (
        journey.main_text()
    )
    stored = Result.objects.get()
    assert (stored.measure.code, stored.month, stored.value) == ("CPM1", dt.date(2024, 5, 1), Decimal("94.65"))
