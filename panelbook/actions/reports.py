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

from django.db.models import Prefetch, Q

from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes
from panelbook.core.classification import Classification
from panelbook.core.lib.references import paper_reference
from panelbook.governance.models import AgendaItem, Attendance, Meeting


@dataclass(frozen=True)
class ActionRow:
    reference: str
    text: str
    update: str
    status: str
    overdue: bool = False
    classification: str = Classification.WHITE
    url: str = ""


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
        return Classification.highest([self.meeting.classification, *(r.classification for r in rows)])

    @property
    def reference(self) -> str:
        """The paper reference of agenda item 1, "Minutes and Actions Outstanding"."""
        meeting = self.meeting
        return paper_reference(meeting.body.paper_prefix, meeting.number, meeting.date, 1)


def previous_meeting(meeting: Meeting, user: Any) -> Meeting | None:
    """The last ordinary meeting before this one that ``user`` may see: ad hoc meetings do not
    review the actions log.

    Chosen among the meetings the reader may see, not the true previous one with its identity
    withheld: the "completed since" window starts at this meeting's date, so a window that
    started at a hidden meeting would tell the reader that meeting's date (and that it exists)
    by which closed actions it leaves out. A reader who may not see the last meeting gets the
    window from the last meeting they may see, which only lists more of the actions they may
    see anyway.
    """
    return (
        Meeting.objects.visible_to(user)
        .filter(body=meeting.body, starts_at__lt=meeting.starts_at, kind=Meeting.Kind.ORDINARY)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def actions_tables(meeting: Meeting, user: Any) -> ActionsTables:
    """The actions tables for ``meeting`` as they stood on its date, within what ``user`` may see."""
    on = meeting.date
    previous = previous_meeting(meeting, user)
    since = previous.date if previous else dt.date.min
    updates = ActionUpdate.objects.filter(on__lte=on).order_by("-on", "-recorded_at")
    actions = (
        Action.objects.read_by(user)
        .in_force()
        .filter(body=meeting.body, meeting__starts_at__lt=meeting.starts_at)
        # Actions closed before the window opened are in no table: leave them in the database,
        # so that a body's twenty years of closed actions are not read for every meeting.
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=since))
        .select_related("meeting")
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="updates_so_far"))
        .order_by("meeting__starts_at", "sequence")
    )
    tables = ActionsTables(meeting=meeting, previous=previous)
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
    return ActionRow(
        action.reference, action.text, update, status, overdue, action.classification, action.get_absolute_url()
    )


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
    """The minutes of a meeting: public ones keep a placeholder line for each confidential item.

    Decisions and actions recorded without an agenda item are minuted after the items. The
    report's classification is the highest level of the minutes and of everything shown in them.
    """
    meeting = minutes.meeting
    visible_items = (
        AgendaItem.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("presenter__organisation", "presenter_organisation")
        .order_by("position", "number")
    )
    entries = {e.agenda_item_id: e for e in MinuteEntry.objects.visible_to(user).filter(minutes=minutes)}
    decisions = list(Decision.objects.visible_to(user).in_force().filter(meeting=meeting).order_by("position"))
    actions = list(Action.objects.visible_to(user).in_force().filter(meeting=meeting).order_by("sequence"))
    shown: list[Any] = []
    rows = []
    for item in _minuted_items(minutes, visible_items):
        if isinstance(item, int):
            rows.append(MinuteItem(item, "Confidential item", "", "", [], [], confidential_placeholder=True))
            continue
        item_decisions = [d for d in decisions if d.agenda_item_id == item.pk]
        item_actions = [a for a in actions if a.agenda_item_id == item.pk]
        shown += [item, *item_decisions, *item_actions]
        narrative = entries[item.pk].narrative if item.pk in entries else ""
        rows.append(
            _minute_item(item.number, item.title, item.presenter_label, narrative, item_decisions, item_actions)
        )
    if not minutes.confidential:
        loose_decisions = [d for d in decisions if d.agenda_item_id is None]
        loose_actions = [a for a in actions if a.agenda_item_id is None]
        if loose_decisions or loose_actions:
            shown += [*loose_decisions, *loose_actions]
            rows.append(_minute_item(0, "Other decisions and actions", "", "", loose_decisions, loose_actions))
    attendance = sorted(
        Attendance.objects.filter(meeting=meeting).select_related("person__organisation", "alternate_for"),
        key=lambda a: (a.get_represents_display() or "~", a.person.name),
    )
    return MinutesReport(
        minutes=minutes,
        meeting=meeting,
        reference=minutes_reference(minutes),
        classification=Classification.highest([minutes.classification, *(r.classification for r in shown)]),
        present=[_attendee(a) for a in attendance if a.status == Attendance.Status.PRESENT],
        apologies=[_attendee(a) for a in attendance if a.status == Attendance.Status.APOLOGIES],
        items=rows,
        closing_note=minutes.closing_note,
        status=minutes.get_status_display(),
        approved=_approval_line(minutes, user),
    )


def _minuted_items(minutes: Minutes, visible_items: Any) -> list[AgendaItem | int]:
    """The items these minutes cover, in order. Confidential minutes hold the confidential items
    the reader may see; public minutes hold the open items, and for every other item only its
    number, which is all a placeholder line shows."""
    if minutes.confidential:
        return list(visible_items.exclude(classification=Classification.WHITE))
    open_items = {item.pk: item for item in visible_items.filter(classification=Classification.WHITE)}
    numbers = AgendaItem.objects.filter(meeting=minutes.meeting).order_by("position", "number")
    return [open_items.get(pk, number) for pk, number in numbers.values_list("pk", "number")]


def _minute_item(number, title, presenter, narrative, decisions, actions) -> MinuteItem:
    return MinuteItem(
        number=number,
        title=title,
        presenter=presenter,
        narrative=narrative,
        decisions=[d.sentence for d in decisions],
        actions=[(a.reference, a.text) for a in actions],
    )


def minutes_reference(minutes: Minutes) -> str:
    meeting = minutes.meeting
    suffix = "_CONF" if minutes.confidential else ""
    return f"{meeting.body.paper_prefix}_{meeting.number}_{meeting.date:%d%m}_MINUTES{suffix}"


def _attendee(attendance: Attendance) -> tuple[str, str]:
    """(category or organisation, name as minuted)."""
    category = attendance.get_represents_display() or str(attendance.person.organisation or "")
    name = attendance.person.name
    if attendance.alternate_for is not None:
        name = f"{name} (alternate for {attendance.alternate_for.name})"
    return category, name


def _approval_line(minutes: Minutes, user: Any) -> str:
    """How the minutes were approved; the approving decision (its meeting and date) only when
    the reader may see it, else just that they are approved."""
    if minutes.approval_id is None:
        return "Draft: not yet approved."
    decision = Decision.objects.visible_to(user).select_related("meeting__body").filter(pk=minutes.approval_id).first()
    if decision is None:
        return "Approved."
    if decision.ex_committee:
        return f"Approved ex-committee on {decision.decided_on:%-d %B %Y}."
    return f"Approved at {decision.meeting} on {decision.decided_on:%-d %B %Y}."
