"""DCC reporting staff bring in the DCC's incident log: a row in error (a category outside 1–5) is
named in the preview, and they store only the good rows; by pointer, by keyboard alone and at
phone widths."""

from __future__ import annotations

from panelbook.conftest import make_user
from panelbook.performance.models import Incident
from panelbook.performance.tests.incident_rows import reference_data


def test_dcc_reporting_imports_the_incident_log_and_stores_only_the_good_rows(world, visit, way, tmp_path):
    reference_data()
    sheet = tmp_path / "incidents-2024-03.csv"
    sheet.write_text(
        "Reference,Title,Opened,Category,Services,Closed\n"
        "INC000000990001,Meter installs rejected,2024-03-05 09:10,2,SMETS2,2024-03-05 12:05\n"
        "INC000000990002,Alerts held back,2024-03-06 07:30,7,SMETS1,\n",
        encoding="utf-8",
    )
    journey = visit(make_user("reporter", is_dcc_reporting=True), **way)
    journey.go("/performance/incidents/")
    journey.follow("Import incidents")
    journey.attach("Incident log", sheet)
    journey.press("Preview")
    said = journey.main_text()
    assert "Row 3, column “Category”: “7” is not a category; a category is 1 to 5." in said
    assert not Incident.objects.exists()

    journey.press("Store only the good rows")
    assert "Imported incidents-2024-03.csv: 1 logged, 0 closed and 0 unchanged. 1 row in error was left out." in (
        journey.main_text()
    )
    assert Incident.objects.get().reference == "INC000000990001"
