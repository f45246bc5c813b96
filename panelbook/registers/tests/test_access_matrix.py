"""The access matrix for the registers: canary risks at AMBER and RED, one in a register hidden
from the reader, read on every surface as every role."""

import io

import pytest
from openpyxl import load_workbook

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification
from panelbook.registers import services
from panelbook.registers.tests.conftest import make_register

LEVELS = Classification.values


def canary(level: str) -> str:
    return f"Canary{level}Risk"


@pytest.fixture
def made(world, make_meeting):
    make_meeting(days_ahead=20)
    entries = {}
    for level in LEVELS:
        named = {"recipients": [world.users.recipient]} if level == "RED" else {}
        body = world.panel if level in ("WHITE", "AMBER") else world.tabasc
        kind = "RISK" if level in ("WHITE", "RED") else "ISSUE"
        register = make_register(body, kind, classification=level, **named)
        entries[level] = services.raise_entry(
            by=None,
            register=register,
            title=canary(level),
            likelihood=2,
            impact=2,
            classification=level,
            raised_on=world.today.replace(year=world.today.year - 1),
            **named,
        )
    return entries


def read_all(client, entries):
    urls = {
        "list": "/registers/",
        "export csv": "/registers/entries/export.csv",
        "api list": "/api/registers/entries?limit=100",
        "panel page": "/bodies/panel/",
        "panel plan": "/bodies/panel/forward-plan/",
        "tabasc plan": "/bodies/tabasc/forward-plan/",
        "plan paper": "/bodies/panel/forward-plan/paper/?level=RED",
        "plan api": "/api/bodies/panel/forward-plan",
    }
    for level, entry in entries.items():
        urls[f"{level} page"] = f"/registers/entries/{entry.pk}/"
        urls[f"{level} api"] = f"/api/registers/entries/{entry.pk}"
        urls[f"{level} history"] = f"/history/entry/{entry.pk}/"
        urls[f"{level} register"] = f"/registers/{entry.register_id}/"
        urls[f"{level} heat map"] = f"/registers/{entry.register_id}/heat-map.svg"
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/registers/entries/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    found["export xlsx"] = (
        xlsx.status_code,
        "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row),
    )
    return found


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_register_surface_shows_exactly_the_risks_the_role_may_see(world, made, role):
    found = read_all(client_for(world, role), made)
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        for surface in ("page", "api", "history", "register", "heat map"):
            assert found[f"{level} {surface}"][0] == (200 if level in entitled else 404), (role, level, surface)
    for surface in (
        "list",
        "export csv",
        "export xlsx",
        "api list",
        "panel page",
        "panel plan",
        "tabasc plan",
        "plan paper",
        "plan api",
    ):
        status, body = found[surface]
        assert status == 200, (surface, status)
        for level in ("AMBER", "RED"):
            if level not in entitled:
                assert canary(level) not in body, (role, surface, level)
    for surface in ("export csv", "api list"):
        for level in LEVELS:
            assert (canary(level) in found[surface][1]) == (level in entitled), (role, surface, level)
