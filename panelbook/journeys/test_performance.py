"""DCC performance: DCC reporting staff log an incident and raise its category as it grows; by
pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

from panelbook.conftest import make_user
from panelbook.performance.models import Incident
from panelbook.performance.tests.incident_rows import reference_data


def test_dcc_reporting_staff_log_an_incident_and_raise_its_category(db, visit, way):
    reference_data()
    reporter = make_user("reporter", is_dcc_reporting=True)
    journey = visit(reporter, **way)
    journey.go("/performance/incidents/")
    journey.follow("Log an incident")
    journey.fill("Reference", "INC000000000300")
    journey.fill("Title", "Alerts delayed in the north")
    journey.fill_date("Opened", "01/03/2025", "09:15")
    journey.choose("Category when opened", "Category 3")
    journey.tick("CSP N")
    journey.press("Log the incident")
    assert journey.heading() == "INC000000000300 Alerts delayed in the north"
    assert "INC000000000300 is logged at Category 3." in journey.main_text()

    journey.follow("Change the category")
    journey.choose("New category", "Category 2")
    journey.fill_date("From", "01/03/2025", "10:40")
    journey.fill("Why does the category change?", "Alerts are late in every region now.")
    journey.press("Change the category")
    assert "the category is changed" in journey.main_text()
    assert "Alerts are late in every region now." in journey.main_text()
    incident = Incident.objects.get(reference="INC000000000300")
    assert [c.category for c in incident.changes.all()] == [3, 2]
