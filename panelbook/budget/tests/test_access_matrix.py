"""The access matrix for the budget: a budget per level, each with an approved version and a
quarter's spend at that level carrying a canary amount, read on every surface as every role."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from panelbook.actions import services as actions
from panelbook.budget import services
from panelbook.budget.models import CostCategory
from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification

LEVELS = Classification.values


def amount(level: str) -> str:
    """A canary amount per level: 111111 for WHITE … 444444 for RED (and a tenth of it spent)."""
    return str(Classification.rank(level) + 1) * 6


@pytest.fixture
def made(world):
    category = CostCategory.objects.create(name="Meetings")
    made = {}
    for level in LEVELS:
        named = {"recipients": [world.users.recipient]} if level == "RED" else {}
        year = 2020 + Classification.rank(level)
        budget = services.open_budget(by=None, body=world.panel, first_year=year)
        version = services.draft_version(
            budget, by=None, amounts={(year, category): amount(level)}, classification=level, **named
        )
        decision = actions.record_decision(
            by=None, body=world.panel, decided_on=dt.date(year, 2, 1), verb="APPROVED", text="budget"
        )
        services.approve_version(version, by=None, decision=decision)
        spend = services.record_spend(
            budget,
            by=None,
            year=year,
            quarter=1,
            category=category,
            amount=amount(level)[:5],
            today=dt.date(year, 8, 1),
            classification=level,
            **named,
        )
        made[level] = (budget, version, spend)
    return made


def read_all(client, made):
    urls = {
        "list": "/budget/",
        "lines csv": "/budget/export.csv",
        "spend csv": "/budget/spend/export.csv",
        "versions api": "/api/budgets/versions?limit=100",
        "spend api": "/api/budgets/spend?limit=100",
    }
    for level, (budget, version, spend) in made.items():
        urls[f"{level} budget"] = f"/budget/{budget.pk}/?year={budget.first_year}"
        urls[f"{level} paper"] = f"/budget/{budget.pk}/paper/?level=RED&year={budget.first_year}"
        urls[f"{level} version"] = f"/budget/versions/{version.pk}/"
        urls[f"{level} version history"] = f"/history/budgetversion/{version.pk}/"
        urls[f"{level} spend history"] = f"/history/spend/{spend.pk}/"
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace").replace(",", ""))
    xlsx = client.get("/budget/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    found["lines xlsx"] = (
        xlsx.status_code,
        "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row),
    )
    return found


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_budget_surface_shows_exactly_the_amounts_the_role_may_see(world, made, role):
    found = read_all(client_for(world, role), made)
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        for surface in ("version", "version history", "spend history"):
            assert found[f"{level} {surface}"][0] == (200 if level in entitled else 404), (role, level, surface)
        for surface in ("budget", "paper"):
            status, body = found[f"{level} {surface}"]
            assert status == 200, (role, level, surface)
            assert (amount(level) in body) == (level in entitled), (role, level, surface)
            assert (amount(level)[:5] in body) == (level in entitled), (role, level, surface, "spend")
    for surface in ("lines csv", "lines xlsx", "versions api"):
        for level in LEVELS:
            assert (amount(level) in found[surface][1]) == (level in entitled), (role, surface, level)
    for surface in ("spend csv", "spend api"):
        for level in LEVELS:
            assert (amount(level)[:5] in found[surface][1]) == (level in entitled), (role, surface, level)
    assert found["list"][0] == 200
