"""The forward planner: for a body, the items expected at its next three meetings, as a report
object that the page and the paper (``papers``) both lay out.

Each meeting gathers, through the gate of the reader: the register entries falling due for review
by it (and since the meeting before), the milestones of the body's modifications planned in that
span, the body's standing items for the meeting's month, and the papers already planned for it.
Apps above the registers add their own items (seats falling vacant, consultations closing) through
an AppConfig's ``plan_items`` (see ``items_of_apps``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.governance.models import Body, Meeting, Paper
from panelbook.modifications.models import Milestone
from panelbook.registers.models import Entry, StandingItem

MEETINGS_AHEAD = 3


@dataclass(frozen=True)
class Item:
    kind: str  # "Standing item", "Register review", "Modification milestone", "Paper"
    text: str
    level: str = Classification.WHITE


@dataclass
class PlannedMeeting:
    name: str
    day: dt.date
    items: list[Item] = field(default_factory=list)


@dataclass
class ForwardPlan:
    body: str
    code: str
    as_of: dt.date
    classification: str
    meetings: list[PlannedMeeting]

    @property
    def reference(self) -> str:
        return f"{self.code.upper()}_FORWARD_PLAN_{self.as_of:%Y%m%d}"


def forward_plan(
    body: Body, reader: Any, *, as_of: dt.date | None = None, classification: str = "AMBER"
) -> ForwardPlan:
    """The body's next three meetings and what each is expected to take, of what ``reader`` may see
    at or below ``classification``."""
    as_of = as_of or timezone.localdate()
    levels = Classification.up_to(classification)
    meetings = list(
        Meeting.objects.visible_to(reader)
        .filter(body=body, starts_at__date__gte=as_of, classification__in=levels)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:MEETINGS_AHEAD]
    )
    standing = list(StandingItem.objects.filter(body=body, is_active=True))
    entries = list(
        Entry.objects.visible_to(reader)
        .live()
        .filter(register__body=body, classification__in=levels, register__classification__in=levels)
        .select_related("register")
    )
    milestones = list(
        Milestone.objects.visible_to(reader)
        .filter(modification__body=body, actual__isnull=True, modification__is_void=False)
        .filter(modification__classification__in=levels, planned__gte=as_of)
        .select_related("modification")
    )
    papers = list(
        Paper.objects.visible_to(reader)
        .filter(meeting__in=meetings, classification__in=levels, status=Paper.Status.CURRENT)
        .order_by("reference")
    )
    planned, since = [], dt.date.min
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        here = PlannedMeeting(str(meeting), day)
        here.items += [Item("Standing item", s.title) for s in standing if s.comes_in(day.month)]
        here.items += [
            Item("Register review", f"{e.register.name}: {e.reference} {e.title}", e.classification)
            for e in sorted(entries, key=lambda e: (e.register_id, e.number))
            if e.next_review is not None
            and (since < e.next_review <= day or (since == dt.date.min and e.next_review <= day))
        ]
        here.items += [
            Item(
                "Modification milestone",
                f"{m.modification.reference}: {m.name} ({m.planned:%d/%m/%Y})",
                m.modification.classification,
            )
            for m in sorted(milestones, key=lambda m: m.planned)
            if since < m.planned <= day
        ]
        here.items += [
            Item("Paper", f"{p.reference} {p.title}", p.classification) for p in papers if p.meeting_id == meeting.pk
        ]
        here.items += items_of_apps(body, reader, levels, since=as_of if since == dt.date.min else since, until=day)
        planned.append(here)
        since = day
    return ForwardPlan(body.name, body.code, as_of, classification, planned)


def items_of_apps(body: Body, reader: Any, levels: list[str], *, since: dt.date, until: dt.date) -> list[Item]:
    """What the apps above the registers expect at a meeting of ``body`` on ``until``, for what falls
    after ``since`` (the meeting before, or today for the first): an AppConfig's
    ``plan_items(body, reader, levels, since=, until=)`` gives ``Item``s, each at its own level and
    only of what ``reader`` may see at those ``levels``."""
    found: list[Item] = []
    for config in apps.get_app_configs():
        declared = getattr(config, "plan_items", None)
        if declared:
            found += declared(body, reader, levels, since=since, until=until)
    return found
