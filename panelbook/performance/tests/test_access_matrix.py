"""The access matrix for DCC performance: every role × level × surface.

A result at each level carries a canary value (a month of its own); every surface is read as every
role and a canary may appear only where the role is entitled to it.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification
from panelbook.performance import services
from panelbook.performance.tests.rows import catalogue

LEVELS = Classification.values
VALUES = {"WHITE": "91.111", "GREEN": "92.222", "AMBER": "93.333", "RED": "94.444"}
MONTHS = {"WHITE": 1, "GREEN": 2, "AMBER": 3, "RED": 4}


def shown(level: str) -> list[str]:
    """How a canary value can be written on a surface: as stored, rounded for a page, in words."""
    value = Decimal(VALUES[level])
    return [VALUES[level], f"{value:.2f}", f"{value.normalize():f}"]


@pytest.fixture
def made(world):
    cat = catalogue()
    results = {}
    for level in LEVELS:
        recipients = [world.users.recipient] if level == "RED" else None
        results[level] = services.record_result(
            by=None,
            measure=cat.cpm1,
            scope=cat.total,
            month=dt.date(2024, MONTHS[level], 1),
            value=Decimal(VALUES[level]),
            classification=level,
            body=world.panel,
            recipients=recipients,
        )
    return cat, results


def read_all(client, cat, results) -> dict[str, tuple[int, str]]:
    urls = {
        "month": "/performance/?month=2024-04",
        "streaks": "/performance/streaks/",
        "measure": f"/performance/measures/{cat.cpm1.pk}/",
        "export csv": "/performance/results/export.csv",
        "api list": "/api/performance/results?limit=100",
        "api measures": "/api/performance/measures",
    }
    for level, result in results.items():
        urls[f"{level} month"] = f"/performance/?month=2024-{MONTHS[level]:02d}"
        urls[f"{level} history"] = f"/history/result/{result.pk}/"
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/performance/results/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    found["export xlsx"] = (xlsx.status_code, "\n".join(cells))
    return found


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_performance_surface_shows_exactly_the_results_the_role_may_see(world, made, role):
    cat, results = made
    found = read_all(client_for(world, role), cat, results)
    entitled = ENTITLED_LEVELS[role]
    everything = "\n".join(body for _, body in found.values())
    for level in LEVELS:
        assert any(text in everything for text in shown(level)) == (level in entitled), (role, level)
        assert found[f"{level} history"][0] == (200 if level in entitled else 404), (role, level)
    for surface in ("measure", "export csv", "export xlsx", "api list"):
        status, body = found[surface]
        assert status == 200, surface
        for level in LEVELS:
            assert any(text in body for text in shown(level)) == (level in entitled), (role, surface, level)


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_a_month_the_role_may_not_see_shows_no_result_of_it(world, made, role):
    cat, results = made
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        page = client_for(world, role).get(f"/performance/?month=2024-{MONTHS[level]:02d}").content.decode()
        assert any(text in page for text in shown(level)) == (level in entitled), (role, level)


# What each role's streak of CPM1 is, worked out from the months it may see: January (WHITE),
# February (GREEN), March (AMBER), April (RED), every value below the Target of 99. A month the
# role may not see ends the run.
STREAKS = {
    "public": ("2024-01-01", "91.111", 1),
    "party": ("2024-02-01", "92.222", 2),
    "member": ("2024-03-01", "93.333", 3),
    "other_member": ("2024-02-01", "92.222", 2),
    "former_member": ("2024-02-01", "92.222", 2),
    "secretariat": ("2024-03-01", "93.333", 3),
    "admin": ("2024-03-01", "93.333", 3),
    "recipient": ("2024-04-01", "94.444", 1),  # March is AMBER, which the recipient may not see
}


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_the_streaks_api_and_export_count_only_the_months_the_role_may_see(world, made, role):
    client = client_for(world, role)
    month, value, run = STREAKS[role]
    (streak,) = client.get("/api/performance/streaks").json()["streaks"]
    assert (streak["latest_month"], Decimal(streak["value"]), streak["months_below_target"]) == (
        month,
        Decimal(value),
        run,
    )
    csv_text = client.get("/performance/streaks/export.csv").content.decode("utf-8-sig")
    assert f"CPM1,DCC total,{month[:7]},{value}," in csv_text
    for level in LEVELS:
        if VALUES[level] != value:
            assert VALUES[level] not in csv_text, (role, level)


def test_the_streaks_api_filters_by_provider_and_scope(world, made):
    client = client_for(world, "member")
    assert len(client.get("/api/performance/streaks?provider=dcc").json()["streaks"]) == 1
    assert client.get("/api/performance/streaks?provider=csp-north").json()["streaks"] == []
    assert client.get("/api/performance/streaks?scope=no-such-scope").json()["streaks"] == []
