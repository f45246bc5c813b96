"""The budget's part of the shared canary worlds (core/tests/test_record_types.py, the form choices):
a budget of its own per level, with an approved version and a quarter's spend at that level."""

import datetime as dt

from panelbook.actions import services as actions
from panelbook.budget import services
from panelbook.budget.models import CostCategory
from panelbook.core.classification import Classification


def add(world, level: str, named: dict) -> None:
    category, _ = CostCategory.objects.get_or_create(name="Canary category")
    first_year = 2030 + Classification.rank(level)
    budget = services.open_budget(by=None, body=world.panel, first_year=first_year)
    version = services.draft_version(
        budget,
        by=None,
        amounts={(first_year, category): 1000},
        notes=f"Canary budget {level}",
        classification=level,
        **named,
    )
    decision = actions.record_decision(
        by=None, body=world.panel, decided_on=dt.date(first_year, 2, 1), verb="APPROVED", text="the canary budget"
    )
    services.approve_version(version, by=None, decision=decision)
    services.record_spend(
        budget,
        by=None,
        year=first_year,
        quarter=1,
        category=category,
        amount=10,
        today=dt.date(first_year, 8, 1),
        classification=level,
        **named,
    )
