"""The papers' part of the shared canary worlds (core/tests/test_record_types.py, the form choices):
per level, a small generated paper issued at that level on an agenda item of its own meeting."""

import datetime as dt

from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.papers import services
from panelbook.papers.document import Heading, Paper, Paragraph


def add(world, level: str, named: dict) -> None:
    starts = timezone.now() - dt.timedelta(days=200 + Classification.rank(level))
    meeting = governance.create_meeting(
        by=None,
        body=world.panel,
        number=700 + Classification.rank(level),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )
    item = governance.add_agenda_item(meeting, by=None, title=f"Canary issued paper {level}")
    document = Paper(
        reference=f"CANARY_{level}",
        title=f"Canary issued paper {level}",
        running_title="Canary",
        classification=level,
        meta=[],
        blocks=[Heading("1. Canary"), Paragraph(f"Issued at {level}.")],
    )
    services.issue_paper(document, item, by=None, kind="canary", recipients=named.get("recipients", ()))
