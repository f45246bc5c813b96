"""Rows of every list's kind for tests of how pages scale: meetings with agendas, papers, files,
appendices, actions with updates, decisions, minutes and attendance, at each classification."""

from __future__ import annotations

import datetime as dt
from itertools import cycle

from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.conftest import pdf_upload
from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.governance.models import Attendance, Meeting, Person

LEVELS = [Classification.WHITE, Classification.GREEN, Classification.AMBER, Classification.RED]


def add_meetings(world, count: int, *, first_number: int = 1) -> list[Meeting]:
    """``count`` past Panel meetings a week apart, each with agenda items (``add_items``), minutes
    and one attendance row."""
    levels = cycle(LEVELS)
    made = []
    for number in range(first_number, first_number + count):
        starts = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) - dt.timedelta(weeks=number)
        meeting = governance.create_meeting(
            by=None, body=world.panel, number=number, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
            **_level(next(levels), world),
        )  # fmt: skip
        add_items(world, meeting, next(levels))
        actions.start_minutes(meeting, by=None)
        member = Person.objects.get(user=world.users.member)
        governance.record_attendance(meeting, member, by=None, status=Attendance.Status.PRESENT)
        made.append(meeting)
    return made


def add_items(world, meeting: Meeting, level: str) -> None:
    """An open item and one at ``level``, each with a paper, its file and appendix, an action with
    an update and a decision."""
    for title, item_level in (("Open item", Classification.WHITE), ("Classified item", level)):
        item = governance.add_agenda_item(meeting, by=None, title=title, **_level(item_level, world))
        paper = governance.create_paper(
            by=None, agenda_item=item, title=f"Paper on the {title.lower()}", paper_date=meeting.date,
            upload=pdf_upload(), **_level(item_level, world),
        )  # fmt: skip
        governance.add_appendix(paper, by=None, label="Appendix A", title="Annex", upload=pdf_upload())
        action = actions.raise_action(
            meeting, by=None, text="SECAS to report back.", owner="SECAS", agenda_item=item, target_meeting=meeting,
            **_level(item_level, world),
        )  # fmt: skip
        actions.add_update(action, by=None, text="Work started.", papers=[paper])
        actions.record_decision(by=None, meeting=meeting, agenda_item=item, verb="NOTED", text="the report")


def _level(level: str, world) -> dict:
    """The fields of a record at ``level``: RED names the world's recipient."""
    recipients = [world.users.recipient] if level == Classification.RED else None
    return {"classification": level, "recipients": recipients}
