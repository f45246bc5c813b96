"""The threads' part of the canary worlds (core/tests/test_record_types.py, test_form_choices.py):
at each level, a thread of two items at that level in WHITE meetings, named by a canary."""

import datetime as dt

from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.threads import services


def canary_item(level: str) -> str:
    return f"CANARY-item-{level}-c40e"


def add(world, level: str, named: dict) -> None:
    items = []
    for offset in (0, 1):
        starts = timezone.now() - dt.timedelta(days=30 + 2 * Classification.rank(level) + offset * 10)
        meeting = governance.create_meeting(
            by=None,
            body=world.panel,
            number=970 + 10 * offset + Classification.rank(level),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
        )
        items.append(
            governance.add_agenda_item(meeting, by=None, title=canary_item(level), classification=level, **named)
        )
    services.start_thread(items, by=None, reason="Canary", title=canary_item(level))
