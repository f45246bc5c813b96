"""Verbs for actions, decisions and minutes. Each runs in one transaction and writes history.

Create verbs take the new record's fields by name and refuse any other (``check_creatable``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Max
from django.utils import timezone

from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes, Verb
from panelbook.core.classification import Classification, can_see
from panelbook.core.concurrency import check_revision
from panelbook.core.lib.references import action_reference
from panelbook.core.services import (
    ServiceError,
    acting_user,
    check_creatable,
    save_changes,
    save_with_history,
    set_recipients,
    stated_reason,
    verb,
)
from panelbook.governance.models import AgendaItem, Body, Meeting, Paper

if TYPE_CHECKING:
    from panelbook.core.models import User

ACTION_FIELDS = (
    "text",
    "owner",
    "owner_organisation",
    "owner_body",
    "owner_person",
    "due_date",
    "target_meeting",
    "agenda_item",
    "classification",
)
# What a new record may be given besides the verb's named arguments; its status and the like are
# set by the verbs that own them.
NEW_ACTION_FIELDS = tuple(name for name in ACTION_FIELDS if name not in ("text", "owner"))
NEW_DECISION_FIELDS = ("position", "by_majority", "dissent", "classification")
DECISION_FIELDS = ("agenda_item", "verb", "text", "position", "by_majority", "dissent", "classification")


def _locked(action: Action) -> Action:
    return Action.objects.select_for_update().get(pk=action.pk)


def _locked_in_force(action: Action) -> Action:
    """The action, locked, refused when it is void: a voided action takes no change but its restoring."""
    action = _locked(action)
    if action.is_void:
        raise ServiceError(f"Action {action.reference} is void; restore it before changing it.")
    return action


def _check_seen(by: User | None, meeting: Meeting | None, field: str) -> None:
    """A person may name only a meeting they can see (the system, with no person acting, may
    name any); the refusal is the one for a missing meeting, so it tells nothing of a hidden one."""
    if meeting is not None and acting_user(by) is not None and not can_see(by, meeting):
        raise ServiceError({field: f"There is no meeting {meeting.pk} that you can see."})


def _check_took_place(meeting: Meeting | None, what: str) -> None:
    """Refuse to record ``what`` at a meeting that has not taken place (planned, not begun, or cancelled)."""
    refusal = meeting.took_place_refusal(what) if meeting is not None else None
    if refusal:
        raise ServiceError(refusal)


def _check_item(meeting: Meeting | None, item: AgendaItem | None) -> None:
    if item is None:
        return
    if meeting is None:
        raise ServiceError({"agenda_item": "An agenda item can be given only with its meeting."})
    if item.meeting_id != meeting.pk:
        raise ServiceError({"agenda_item": "The agenda item belongs to another meeting."})


# Actions


@verb
def raise_action(
    meeting: Meeting,
    *,
    by: User | None,
    text: str,
    owner: str,
    sequence: int | None = None,
    recipients: Iterable[Any] | None = None,
    **fields: Any,
) -> Action:
    """Raise an action at a meeting; its reference is the body's prefix, meeting and sequence."""
    check_creatable(fields, NEW_ACTION_FIELDS, "action")
    # Lock the meeting so two actions raised at once do not take the same sequence number.
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _check_took_place(meeting, "actions")
    _check_item(meeting, fields.get("agenda_item"))
    _check_seen(by, fields.get("target_meeting"), "target_meeting")
    if sequence is None:
        sequence = (meeting.actions_raised.aggregate(n=Max("sequence"))["n"] or 0) + 1
    reference = action_reference(meeting.body.action_prefix, meeting.number, sequence)
    if Action.objects.filter(reference=reference).exists():
        raise ServiceError({"reference": f"Action {reference} already exists."})
    action = Action(
        body=meeting.body, meeting=meeting, sequence=sequence, reference=reference, text=text, owner=owner, **fields
    )
    save_with_history(action, by=by, reason="Action raised")
    set_recipients(action, recipients, by)
    return action


@verb
def update_action(
    action: Action,
    *,
    by: User | None,
    recipients: Iterable[Any] | None = None,
    if_revision: int | None = None,
    reason: str = "",
    **changes: Any,
) -> Action:
    """Change or correct an action; ``if_revision`` refuses the change if it was saved since that
    revision, and a ``reason`` given is kept in its history ("Corrected: …")."""
    action = _locked_in_force(action)
    check_revision(action, if_revision, ACTION_FIELDS)
    if action.status == Action.Status.CLOSED:
        raise ServiceError(f"Action {action.reference} is closed; reopen it before changing it.")
    _check_item(action.meeting, changes.get("agenda_item", action.agenda_item))
    if "target_meeting" in changes:
        _check_seen(by, changes["target_meeting"], "target_meeting")
    why = _correction(reason)
    return save_changes(action, changes, ACTION_FIELDS, by=by, recipients=recipients, reason=why)


def _correction(reason: str) -> str | None:
    return f"Corrected: {stated_reason(reason)}" if reason.strip() else None


@verb
def add_update(
    action: Action, *, by: User | None, text: str, on: dt.date | None = None, papers: Iterable[Paper] = ()
) -> ActionUpdate:
    """Add a dated entry to the action's Update column; closed actions take no more updates."""
    action = _locked_in_force(action)
    if action.status == Action.Status.CLOSED:
        raise ServiceError(f"Action {action.reference} is closed; reopen it to add an update.")
    if not text.strip():
        raise ServiceError({"text": "Write what has happened since the last update."})
    update = ActionUpdate(action=action, on=on or timezone.localdate(), text=text.strip(), by=acting_user(by))
    save_with_history(update, by=by, reason="Update added")
    update.papers.set(papers)
    return update


@verb
def propose_to_close(action: Action, *, by: User | None, update: str = "", on: dt.date | None = None) -> Action:
    action = _locked_in_force(action)
    if action.status != Action.Status.OPEN:
        raise ServiceError(f"Action {action.reference} is {action.get_status_display()}, not Open.")
    if update:
        add_update(action, by=by, text=update, on=on)
    action.status = Action.Status.PROPOSE_TO_CLOSE
    action.proposed_on = on or timezone.localdate()
    return save_with_history(action, by=by, reason="Proposed to close")


@verb
def close_action(action: Action, *, by: User | None, at_meeting: Meeting) -> Action:
    """The body confirms at a meeting that an action proposed to close is closed."""
    action = _locked_in_force(action)
    _check_seen(by, at_meeting, "at_meeting")
    refusal = action.close_refusal()
    if refusal:
        raise ServiceError(refusal)
    if at_meeting.body_id != action.body_id:
        raise ServiceError({"at_meeting": f"Only a meeting of {action.body} can close {action.reference}."})
    if at_meeting.starts_at < action.meeting.starts_at:
        raise ServiceError({"at_meeting": "An action cannot be closed at a meeting before the one that raised it."})
    not_yet = at_meeting.took_place_refusal("closures")
    if not_yet:
        raise ServiceError({"at_meeting": not_yet})
    action.status = Action.Status.CLOSED
    action.closed_at_meeting = at_meeting
    action.closed_on = at_meeting.date
    # The reason names no meeting: history shows it to every reader of the action, and the
    # closing meeting may be one they cannot see (its name is shown through the gate).
    return save_with_history(action, by=by, reason="Closed at a meeting")


@verb
def reopen_action(action: Action, *, by: User | None, reason: str) -> Action:
    action = _locked_in_force(action)
    if action.status == Action.Status.OPEN:
        raise ServiceError(f"Action {action.reference} is already open.")
    if not reason.strip():
        raise ServiceError({"reason": "Say why the action is reopened."})
    action.status = Action.Status.OPEN
    action.proposed_on = None
    action.closed_at_meeting = None
    action.closed_on = None
    save_with_history(action, by=by, reason="Reopened")
    add_update(action, by=by, text=f"Reopened: {reason.strip()}")
    return action


# Decisions


@verb
def record_decision(
    *,
    by: User | None,
    verb: str,
    text: str,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    body: Body | None = None,
    decided_on: dt.date | None = None,
    recipients: Iterable[Any] | None = None,
    **fields: Any,
) -> Decision:
    """Record a decision at a meeting, or ex-committee (no meeting: give the body and date)."""
    check_creatable(fields, NEW_DECISION_FIELDS, "decision")
    _check_took_place(meeting, "decisions")
    _check_item(meeting, agenda_item)
    if meeting is not None and body is not None and body != meeting.body:
        raise ServiceError({"body": "The decision's body is the meeting's body."})
    if meeting is not None:
        body, decided_on = meeting.body, decided_on or meeting.date
    if body is None or decided_on is None:
        raise ServiceError({"decided_on": "An ex-committee decision needs its body and the date it was taken."})
    if fields.get("dissent") and not fields.get("by_majority"):
        raise ServiceError({"dissent": "Dissent is recorded only for a decision taken by majority."})
    if fields.get("position") is None:
        siblings = (
            Decision.objects.filter(meeting=meeting, agenda_item=agenda_item) if meeting else Decision.objects.none()
        )
        fields["position"] = (siblings.aggregate(n=Max("position"))["n"] or 0) + 1
    decision = Decision(
        body=body,
        meeting=meeting,
        agenda_item=agenda_item,
        verb=verb,
        text=text.strip(),
        decided_on=decided_on,
        ex_committee=meeting is None,
        **fields,
    )
    save_with_history(decision, by=by, reason="Decision recorded")
    set_recipients(decision, recipients, by)
    return decision


# Corrections: every change kept in history with its reason; a duplicate voided, never deleted.


def _void(record: Any, *, by: User | None, reason: str, what: str) -> Any:
    if record.is_void:
        raise ServiceError(f"This {what} is already void.")
    record.is_void = True
    record.void_reason = stated_reason(reason)
    return save_with_history(record, by=by, reason=f"Voided: {record.void_reason}")


def _restore(record: Any, *, by: User | None, reason: str, what: str) -> Any:
    if not record.is_void:
        raise ServiceError(f"This {what} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    record.is_void = False
    record.void_reason = ""
    return save_with_history(record, by=by, reason=f"Restored: {why}")


@verb
def void_action(action: Action, *, by: User | None, reason: str) -> Action:
    """Void an action raised by mistake (a duplicate): it leaves every list, export and paper, and
    stays in its history, marked void, for the secretariat to restore."""
    return _void(_locked(action), by=by, reason=reason, what="action")


@verb
def restore_action(action: Action, *, by: User | None, reason: str) -> Action:
    return _restore(_locked(action), by=by, reason=reason, what="action")


@verb
def update_decision(
    decision: Decision,
    *,
    by: User | None,
    reason: str = "",
    recipients: Iterable[Any] | None = None,
    if_revision: int | None = None,
    **changes: Any,
) -> Decision:
    """Correct a decision; ``if_revision`` refuses the change if it was saved since that revision."""
    decision = Decision.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=decision.pk)
    check_revision(decision, if_revision, DECISION_FIELDS)
    if decision.is_void:
        raise ServiceError("This decision is void; restore it before correcting it.")
    _check_item(decision.meeting, changes.get("agenda_item", decision.agenda_item))
    if changes.get("dissent", decision.dissent) and not changes.get("by_majority", decision.by_majority):
        raise ServiceError({"dissent": "Dissent is recorded only for a decision taken by majority."})
    if isinstance(changes.get("text"), str):
        changes["text"] = changes["text"].strip()
    return save_changes(decision, changes, DECISION_FIELDS, by=by, recipients=recipients, reason=_correction(reason))


@verb
def void_decision(decision: Decision, *, by: User | None, reason: str) -> Decision:
    """Void a decision recorded by mistake (a duplicate): it leaves the register, the meeting's
    page, the minutes and every export, and stays in its history for the secretariat to restore."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    approved = Minutes.objects.filter(approval=decision).first()
    if approved is not None:
        raise ServiceError(f"This decision approves the {approved}; it cannot be voided.")
    return _void(decision, by=by, reason=reason, what="decision")


@verb
def restore_decision(decision: Decision, *, by: User | None, reason: str) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    return _restore(decision, by=by, reason=reason, what="decision")


# Minutes


@verb
def start_minutes(
    meeting: Meeting,
    *,
    by: User | None,
    confidential: bool = False,
    classification: str | None = None,
    recipients: Iterable[Any] | None = None,
) -> Minutes:
    _check_took_place(meeting, "minutes")
    if Minutes.objects.filter(meeting=meeting, confidential=confidential).exists():
        kind = "confidential minutes" if confidential else "minutes"
        raise ServiceError(f"{meeting} already has {kind}.")
    level = classification or (Classification.AMBER if confidential else Classification.WHITE)
    if confidential and level == Classification.WHITE:
        raise ServiceError({"classification": "Confidential minutes cannot be WHITE."})
    closing = "" if confidential else "There was no other business and the Chair closed the meeting."
    minutes = Minutes(meeting=meeting, confidential=confidential, classification=level, closing_note=closing)
    minutes = save_with_history(minutes, by=by, reason="Minutes started")
    set_recipients(minutes, recipients, by)
    return minutes


@verb
def write_minute(
    minutes: Minutes, item: AgendaItem, *, by: User | None, narrative: str, if_revision: int | None = None
) -> MinuteEntry:
    """Set what the minutes say about an item: confidential items only in confidential minutes.

    ``if_revision`` is the revision of the entry the writer started from (0: none was written yet).
    """
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status == Minutes.Status.APPROVED:
        raise ServiceError(f"The {minutes} are approved and can no longer be changed.")
    if item.meeting_id != minutes.meeting_id:
        raise ServiceError({"agenda_item": "The agenda item belongs to another meeting."})
    if item.is_confidential and not minutes.confidential:
        raise ServiceError(
            {"agenda_item": f"Item {item.number} is confidential; minute it in the confidential minutes."}
        )
    entry = MinuteEntry.objects.filter(minutes=minutes, agenda_item=item).first() or MinuteEntry(
        minutes=minutes, agenda_item=item
    )
    check_revision(entry, if_revision, ("narrative",))
    entry.narrative = narrative.strip()
    return save_with_history(entry, by=by, reason="Minute written")


@verb
def write_minutes(
    minutes: Minutes, entries: Sequence[tuple[AgendaItem, str, int | None]], *, by: User | None
) -> list[MinuteEntry]:
    """Write the minute of several items at once, each ``(item, narrative, revision it started
    from)``; only those whose text changed are saved, and a refusal of one refuses them all."""
    stored = {entry.agenda_item_id: entry.narrative for entry in minutes.entries.all()}
    changed = [(item, text, revision) for item, text, revision in entries if text.strip() != stored.get(item.pk, "")]
    return [
        write_minute(minutes, item, by=by, narrative=text, if_revision=revision) for item, text, revision in changed
    ]


@verb
def approve_minutes(
    minutes: Minutes, *, by: User | None, at_meeting: Meeting | None = None, on: dt.date | None = None
) -> Minutes:
    """Approve draft minutes at a later meeting of the body, or ex-committee on a date."""
    minutes = Minutes.objects.select_for_update().select_related("meeting__body").get(pk=minutes.pk)
    if minutes.status == Minutes.Status.APPROVED:
        approval = cast(Decision, minutes.approval)  # approved minutes always name their approval
        raise ServiceError(f"The {minutes} were already approved on {approval.decided_on:%d/%m/%Y}.")
    meeting = minutes.meeting
    _check_seen(by, at_meeting, "at_meeting")
    if at_meeting is not None:
        if at_meeting.body_id != meeting.body_id or at_meeting.starts_at <= meeting.starts_at:
            raise ServiceError({"at_meeting": f"Minutes are approved at a later meeting of {meeting.body}."})
    elif on is None:
        raise ServiceError({"on": "Give the date of the ex-committee approval."})
    # File the approval under the first open item (normally 1, "Minutes and Actions Outstanding").
    item = None
    if at_meeting is not None:
        open_items = at_meeting.agenda_items.filter(classification=Classification.WHITE)
        item = open_items.order_by("position", "number").first()
    kind = "confidential minutes" if minutes.confidential else "minutes"
    decision = record_decision(
        by=by,
        verb=Verb.APPROVED,
        text=f"the {kind} of meeting {meeting.number} held on {meeting.date:%-d %B %Y}",
        meeting=at_meeting,
        agenda_item=item,
        body=meeting.body,
        decided_on=on if at_meeting is None else None,
        classification=minutes.classification,
        recipients=list(minutes.recipients.all()) if minutes.classification == Classification.RED else None,
    )
    minutes.status = Minutes.Status.APPROVED
    minutes.approval = decision
    return save_with_history(minutes, by=by, reason="Minutes approved")
