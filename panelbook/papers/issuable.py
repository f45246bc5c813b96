"""Every generated paper that can be issued, by kind: how to build it for one reader at one audience
level, and the agenda item it belongs to where the paper itself says (a meeting's actions paper is
its item 1; the register papers go to the item the secretariat chooses).

A paper issued for an audience holds only what that audience may read (rows above the level are
left out) and carries that level, whoever issues it: "the WHITE version for publication".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from panelbook.actions.reports import ActionsTables, actions_tables
from panelbook.core.classification import Classification
from panelbook.governance.models import AgendaItem, Body, Meeting
from panelbook.modifications.reports import change_status_report, timetables_report
from panelbook.papers.document import (
    Paper,
    actions_paper,
    change_status_paper,
    forward_plan_paper,
    service_paper,
    timetables_paper,
)
from panelbook.papers.models import ClassificationBanner
from panelbook.performance.reports import latest_month, service_section
from panelbook.registers.planner import forward_plan


@dataclass(frozen=True)
class Issuable:
    label: str
    build: Callable[[Any, str, QueryDict], Paper]  # (reader, level, the page's query) -> the paper
    meeting: Callable[[Any, QueryDict], Meeting | None] = lambda reader, query: None  # the meeting it is for, if fixed
    item_title: str = ""  # how its item is named on an agenda, to find it or choose it first


def for_audience(paper: Paper, level: str) -> Paper:
    """The paper as issued to an audience: at that level, with the level's sentence on page 1."""
    return dataclasses.replace(paper, classification=level, statement=ClassificationBanner.text_for(level))


def _meeting(reader: Any, query: QueryDict) -> Meeting:
    asked = query.get("meeting", "")
    if not asked.isdigit():
        raise Http404("Say which meeting: ?meeting=<id>.")
    return get_object_or_404(Meeting.objects.visible_to(reader).select_related("body"), pk=int(asked))


def _capped(tables: ActionsTables, level: str) -> ActionsTables:
    levels = Classification.up_to(level)
    return dataclasses.replace(
        tables,
        completed=[row for row in tables.completed if row.classification in levels],
        propose_to_close=[row for row in tables.propose_to_close if row.classification in levels],
        outstanding=[row for row in tables.outstanding if row.classification in levels],
    )


def _actions(reader: Any, level: str, query: QueryDict) -> Paper:
    meeting = _meeting(reader, query)
    if meeting.classification not in Classification.up_to(level):
        raise Http404(f"This meeting is {meeting.classification}: its papers cannot be issued at {level}.")
    return actions_paper(_capped(actions_tables(meeting, reader), level))


def _service(reader: Any, level: str, query: QueryDict) -> Paper:
    asked = query.get("month", "")
    try:
        month = dt.date.fromisoformat(f"{asked}-01") if asked else latest_month(reader)
    except ValueError:
        raise Http404(f"{asked!r} is not a month: write it as 2026-03.") from None
    if month is None:
        raise Http404("No performance results are recorded yet.")
    return service_paper(service_section(reader, month, level))


def _forward_plan(reader: Any, level: str, query: QueryDict) -> Paper:
    body = get_object_or_404(Body, code=query.get("body", ""))
    return forward_plan_paper(forward_plan(body, reader, classification=level))


ISSUABLE: dict[str, Issuable] = {
    "actions": Issuable(
        "Minutes and Actions Outstanding",
        _actions,
        meeting=_meeting,
        item_title="Minutes and Actions Outstanding",
    ),
    "change-status": Issuable(
        "Change Status Report",
        lambda reader, level, query: change_status_paper(
            change_status_report(reader, as_of=timezone.localdate(), classification=level)
        ),
        item_title="Change Status Report",
    ),
    "timetables": Issuable(
        "Modification Timetables",
        lambda reader, level, query: timetables_paper(
            timetables_report(reader, as_of=timezone.localdate(), classification=level)
        ),
        item_title="Timetable",
    ),
    "service": Issuable("Service Performance and Stability", _service, item_title="Service Performance"),
    "forward-plan": Issuable("Forward Plan", _forward_plan, item_title="Forward Plan"),
}


def issuable(kind: str) -> Issuable:
    if kind not in ISSUABLE:
        raise Http404(f"There is no generated paper {kind!r} to issue.")
    return ISSUABLE[kind]


def build(kind: str, reader: Any, level: str, query: QueryDict) -> Paper:
    """The paper of ``kind`` as issued for ``level``, from what ``reader`` may see."""
    return for_audience(issuable(kind).build(reader, level, query), level)


def item_choices(reader: Any, kind: str, query: QueryDict) -> Any:
    """The agenda items a paper of ``kind`` may be issued to, of those ``reader`` may see: the
    meeting's items where the paper is a meeting's, else the items of meetings from a month ago on."""
    items = AgendaItem.objects.visible_to(reader).filter(is_withdrawn=False).select_related("meeting__body")
    meeting = issuable(kind).meeting(reader, query)
    if meeting is not None:
        return items.filter(meeting=meeting).order_by("position")
    since = timezone.now() - dt.timedelta(days=31)
    return items.filter(meeting__starts_at__gte=since).order_by("meeting__starts_at", "position")


def default_item(choices: Any, kind: str) -> AgendaItem | None:
    """The first item whose title names the paper (its meeting's item 1 for the actions paper)."""
    return choices.filter(title__icontains=issuable(kind).item_title).first()
