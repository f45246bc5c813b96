"""The registers' part of the history matrix's canary world (core/tests/test_record_types.py)."""

import datetime as dt

from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.registers import services
from panelbook.registers.models import Register

SCALE = [(1, "Low"), (2, "Medium"), (3, "High")]


def add(world, level: str, named: dict) -> None:
    """A Panel register at ``level`` with an entry, a mitigation and a review at its level."""
    kind = {"WHITE": "RISK", "GREEN": "ISSUE"}.get(level)
    body = world.panel if kind else world.tabasc
    kind = kind or ("RISK" if level == "AMBER" else "ISSUE")
    register = Register.objects.filter(body=body, kind=kind).first() or services.create_register(
        by=None,
        body=body,
        kind=kind,
        likelihood=SCALE,
        impact=SCALE,
        bands=[(1, "GREEN")],
        name=f"Canary register {level}",
        classification=level,
        **named,
    )
    long_ago = world.today - dt.timedelta(days=400)
    entry = services.raise_entry(
        by=None,
        register=register,
        title=f"Canary entry {level}",
        likelihood=1,
        impact=1,
        classification=level,
        raised_on=long_ago,
        **named,
    )
    services.add_mitigation(entry, by=None, text=f"Canary mitigation {level}")
    services.record_review(entry, by=None, on=long_ago)
    starts = timezone.now() + dt.timedelta(days=300 + Classification.rank(level))
    governance.create_meeting(
        by=None,
        body=body,
        number=900 + Classification.rank(level),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        classification=level,
        **named,
    )
    services.propose_reviews(by=None, today=world.today)
