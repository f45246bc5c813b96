"""The access matrix for incidents: every role × level × surface.

An incident at each level (an AMBER one reviewed by the Panel, a RED one for its named recipient)
carries a canary title and reference; every surface is read as every role, and a canary may appear
only where the role is entitled to it. Counts and days of stable service must not betray an
incident the reader may not see either.
"""

import io

import pytest
from openpyxl import load_workbook

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification
from panelbook.performance import incident_services as services
from panelbook.performance.tests.incident_rows import at, reference_data

LEVELS = Classification.values
MONTHS = {"WHITE": 1, "GREEN": 2, "AMBER": 3, "RED": 4}


def canary(level: str) -> str:
    return f"Canary{level}Incident"


def reference(level: str) -> str:
    return f"INC00000000{MONTHS[level]}999"


@pytest.fixture
def made(world):
    ref = reference_data()
    found = {}
    for level in LEVELS:
        recipients = [world.users.recipient] if level == "RED" else None
        found[level] = services.open_incident(
            by=None,
            reference=reference(level),
            title=canary(level),
            opened=at(f"2024-{MONTHS[level]:02d}-10", "09:00"),
            category=1,
            services=[ref.csp_n],
            classification=level,
            body=world.panel,
            recipients=recipients,
            is_major=True,
        )
        services.close_incident(found[level], by=None, closed=at(f"2024-{MONTHS[level]:02d}-10", "12:00"))
    return found


def read_all(client, found) -> dict[str, tuple[int, str]]:
    urls = {
        "list": "/performance/incidents/",
        "export csv": "/performance/incidents/export.csv",
        "api list": "/api/performance/incidents?limit=100",
    }
    for level, incident in found.items():
        month = f"2024-{MONTHS[level]:02d}"
        urls[f"{level} page"] = f"/performance/incidents/{incident.pk}/"
        urls[f"{level} api"] = f"/api/performance/incidents/{incident.pk}"
        urls[f"{level} history"] = f"/history/incident/{incident.pk}/"
        urls[f"{level} month"] = f"/performance/incidents/month/?month={month}"
        urls[f"{level} stability"] = f"/performance/stability/?category=1&on={month}-20"
        urls[f"{level} figures"] = f"/api/performance/stability?since={month}-01&until={month}-01&category=1"
    found_text = {}
    for name, url in urls.items():
        response = client.get(url)
        found_text[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/performance/incidents/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    found_text["export xlsx"] = (xlsx.status_code, "\n".join(cells))
    return found_text


def shows(body: str, level: str) -> bool:
    return canary(level) in body or reference(level) in body


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_incident_surface_shows_exactly_the_incidents_the_role_may_see(world, made, role):
    found = read_all(client_for(world, role), made)
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        for surface in ("page", "api", "history"):
            assert found[f"{level} {surface}"][0] == (200 if level in entitled else 404), (role, level, surface)
    for surface in ("list", "export csv", "export xlsx", "api list"):
        status, body = found[surface]
        assert status == 200, surface
        for level in LEVELS:
            assert shows(body, level) == (level in entitled), (role, surface, level)


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_counts_and_days_of_stable_service_leave_out_what_the_role_may_not_see(world, made, role):
    found = read_all(client_for(world, role), made)
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        month, stability, figures = (found[f"{level} {s}"][1] for s in ("month", "stability", "figures"))
        assert shows(month, level) == (level in entitled), (role, level)
        assert shows(stability, level) == (level in entitled), (role, level)
        assert ('"1": 1' in figures) == (level in entitled), (role, level, figures)
        assert shows(figures, level) == (level in entitled), (role, level)
