"""Report data for the "Minutes and Actions Outstanding" paper and for the minutes.

These build plain objects from the records a user may see; renderers (HTML, Word, PDF) in
``panelbook.papers`` only lay them out. The actions tables are worked out from governance dates
(when an action was raised, proposed to close and closed), so a past meeting's tables read as
they did at that meeting even when the records were entered later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes
from panelbook.core.classification import Classification
from panelbook.governance.models import AgendaItem, Attendance, Meeting


@dataclass(frozen=True)
class ActionRow:
    reference: str
    text: str
    update: str
    status: str
    overdue: bool = False
    classification: str = Classification.WHITE


@dataclass
class ActionsTables:
    """The three tables of a pack: completed since last time, propose to close, outstanding."""

    meeting: Meeting
    previous: Meeting | None
    completed: list[ActionRow] = field(default_factory=list)
    propose_to_close: list[ActionRow] = field(default_factory=list)
    outstanding: list[ActionRow] = field(default_factory=list)

    @property
    def classification(self) -> str:
        """The level of a paper holding these tables: its meeting's, or a row's if higher."""
        rows = self.completed + self.propose_to_close + self.outstanding
        return highest_classification([self.meeting.classification, *(r.classification for r in rows)])

    @property
    def reference(self) -> str:
        """The paper reference of agenda item 1, "Minutes and Actions Outstanding"."""
        meeting = self.meeting
        return f"{meeting.body.paper_prefix}_{meeting.number}_{meeting.date:%d%m}_01"


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body=meeting.body, starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def actions_tables(meeting: Meeting, user: Any) -> ActionsTables:
    """The actions tables for ``meeting`` as they stood on its date, within what ``user`` may see."""
    on = meeting.date
    previous = previous_meeting(meeting)
    updates = ActionUpdate.objects.filter(on__lte=on).order_by("-on", "-recorded_at")
    actions = (
        Action.objects.visible_to(user)
        .filter(body=meeting.body, meeting__starts_at__lt=meeting.starts_at)
        .select_related("meeting")
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="updates_so_far"))
        .order_by("meeting__starts_at", "sequence")
    )
    tables = ActionsTables(meeting=meeting, previous=previous)
    since = previous.date if previous else dt.date.min
    for action in actions:
        update = action.updates_so_far[0].text if action.updates_so_far else ""
        if action.closed_on is not None and action.closed_on < on:
            if action.closed_on >= since:
                tables.completed.append(row(action, update, "Closed"))
        elif action.proposed_on is not None and action.proposed_on <= on:
            tables.propose_to_close.append(row(action, update, "Propose to Close"))
        else:
            overdue = action.deadline is not None and action.deadline < on
            tables.outstanding.append(row(action, update, "Open", overdue))
    return tables


def row(action: Action, update: str, status: str, overdue: bool = False) -> ActionRow:
    return ActionRow(action.reference, action.text, update, status, overdue, action.classification)


def highest_classification(levels: Any) -> str:
    """The most restricted of the given levels (WHITE when there are none)."""
    return max(levels, key=Classification.rank, default=Classification.WHITE)


@dataclass(frozen=True)
class MinuteItem:
    number: int
    title: str
    presenter: str
    narrative: str
    decisions: list[str]
    actions: list[tuple[str, str]]
    confidential_placeholder: bool = False


@dataclass
class MinutesReport:
    minutes: Minutes
    meeting: Meeting
    reference: str
    classification: str
    present: list[tuple[str, str]]
    apologies: list[tuple[str, str]]
    items: list[MinuteItem]
    closing_note: str
    status: str
    approved: str


def minutes_report(minutes: Minutes, user: Any) -> MinutesReport:
    """The minutes of a meeting: public ones keep a placeholder line for each confidential item."""
    meeting = minutes.meeting
    items = AgendaItem.objects.filter(meeting=meeting).select_related(
        "presenter__organisation", "presenter_organisation"
    )
    if minutes.confidential:
        items = items.visible_to(user).exclude(classification=Classification.WHITE)
    entries = {e.agenda_item_id: e for e in MinuteEntry.objects.visible_to(user).filter(minutes=minutes)}
    decisions = Decision.objects.visible_to(user).filter(meeting=meeting).order_by("position")
    actions = Action.objects.visible_to(user).filter(meeting=meeting).order_by("sequence")
    rows = []
    for item in items.order_by("position", "number"):
        if item.is_confidential and not minutes.confidential:
            rows.append(MinuteItem(item.number, "Confidential item", "", "", [], [], confidential_placeholder=True))
            continue
        rows.append(
            MinuteItem(
                number=item.number,
                title=item.title,
                presenter=item.presenter_label,
                narrative=entries[item.pk].narrative if item.pk in entries else "",
                decisions=[d.sentence for d in decisions if d.agenda_item_id == item.pk],
                actions=[(a.reference, a.text) for a in actions if a.agenda_item_id == item.pk],
            )
        )
    attendance = list(Attendance.objects.filter(meeting=meeting).select_related("person__organisation"))
    return MinutesReport(
        minutes=minutes,
        meeting=meeting,
        reference=minutes_reference(minutes),
        classification=minutes.classification,
        present=[_attendee(a) for a in attendance if a.status == Attendance.Status.PRESENT],
        apologies=[_attendee(a) for a in attendance if a.status == Attendance.Status.APOLOGIES],
        items=rows,
        closing_note=minutes.closing_note,
        status=minutes.get_status_display(),
        approved=_approval_line(minutes),
    )


def minutes_reference(minutes: Minutes) -> str:
    meeting = minutes.meeting
    suffix = "_CONF" if minutes.confidential else ""
    return f"{meeting.body.paper_prefix}_{meeting.number}_{meeting.date:%d%m}_MINUTES{suffix}"


def _attendee(attendance: Attendance) -> tuple[str, str]:
    """(category or organisation, name as minuted)."""
    category = attendance.get_represents_display() or str(attendance.person.organisation or "")
    name = attendance.person.name
    if attendance.alternate_for_id:
        name = f"{name} (alternate for {attendance.alternate_for.name})"
    return category, name


def _approval_line(minutes: Minutes) -> str:
    decision = minutes.approval
    if decision is None:
        return "Draft: not yet approved."
    if decision.ex_committee:
        return f"Approved ex-committee on {decision.decided_on:%-d %B %Y}."
    return f"Approved at {decision.meeting} on {decision.decided_on:%-d %B %Y}."
