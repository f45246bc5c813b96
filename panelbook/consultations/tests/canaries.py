"""The consultations' part of the canary worlds (core/tests/test_record_types.py, test_form_choices.py)."""

import datetime as dt

from django.utils import timezone

from panelbook.consultations import services
from panelbook.core.classification import Classification
from panelbook.governance import services as governance


def add(world, level: str, named: dict) -> None:
    """A consultation at ``level`` answered by the Panel, asking TABASC, with TABASC's observations
    at ``level`` from a WHITE meeting of its own."""
    consultation = services.open_consultation(
        by=None,
        issuer="DCC",
        subject=f"Canary consultation {level}",
        opened_on=world.today - dt.timedelta(days=5),
        closes_on=world.today + dt.timedelta(days=40),
        body=world.panel,
        bodies_asked=[world.tabasc],
        classification=level,
        **named,
    )
    starts = timezone.now() - dt.timedelta(days=2 + Classification.rank(level))
    meeting = governance.create_meeting(
        by=None,
        body=world.tabasc,
        number=950 + Classification.rank(level),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        location="Canary room",
    )
    services.record_observation(
        consultation,
        by=None,
        meeting=meeting,
        text=f"Canary observation {level}",
        classification=level,
        **({"recipients": named["recipients"]} if named else {}),
    )
