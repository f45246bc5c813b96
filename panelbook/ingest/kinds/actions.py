"""Actions: the actions tables and ``ACTION SECP47/02:`` lines of a paper."""

from __future__ import annotations

import re
from typing import Annotated, Any

from panelbook.actions import services as verbs
from panelbook.actions.models import Action
from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.governance.models import Meeting
from panelbook.ingest.accepting import Done, as_file, file_date, find_visible, missing_meeting
from panelbook.ingest.context import Context
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import (
    HIDDEN,
    UPDATE,
    WITHHELD,
    ActionRef,
    Bodies,
    Draft,
    FileContext,
    Known,
    against_proposals,
    comparable,
    each_record,
    meeting_label,
    parse_action_reference,
    unless_proposed_before,
)
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Payload, Required, Text, one_of
from panelbook.ingest.segment import Block

ACTION_REFERENCE = r"[A-Z]{2,10}\d{1,3}/\d{1,3}"
ACTION_CELL = re.compile(rf"^({ACTION_REFERENCE})$")
ACTION_LINE = re.compile(rf"\bACTION:?\s*({ACTION_REFERENCE}):?\s*(.+)")
ACTION_MENTION = re.compile(rf"^For action ({ACTION_REFERENCE}),?\s*(.+)")
OWNER = re.compile(r"^(?:The\s+)?([A-Z][A-Za-z&]*(?:\s[A-Z][A-Za-z&]*){0,3})\s+(?:to|will|should)\b")
STATUSES = {"open": "OPEN", "propose to close": "PROPOSE_TO_CLOSE", "proposed to close": "PROPOSE_TO_CLOSE"}


# Finding


def find(context: Context, document: Record) -> list[Record]:
    """Every action a table row or an ``ACTION`` line gives, once per reference (later mentions fill gaps)."""
    found: dict[str, Record] = {}
    for block in context.segmented.blocks:
        record = _action_from_row(context, block) or _action_from_line(context, block)
        if record is None:
            continue
        earlier = found.get(record["reference"])
        if earlier is None:
            found[record["reference"]] = record
        else:
            earlier.update({key: value for key, value in record.items() if value and not earlier.get(key)})
    return list(found.values())


def _action(
    reference: str, text: str | None, update: str | None, status: str | None, raised: bool, source: Record
) -> Record:
    owner = OWNER.match(text or "")
    return {
        "reference": reference,
        "text": text,
        "update": update,
        "status": status,
        "owner": owner.group(1) if owner else None,
        "raised": raised,
        "source": source,
    }


def _action_from_row(context: Context, block: Block) -> Record | None:
    if block.kind != "row":
        return None
    cells = block.text.split("\t")
    if not ACTION_CELL.match(cells[0]):
        return None
    cells += [""] * (4 - len(cells))
    status = action_status(cells[3])
    return _action(cells[0], cells[1] or None, cells[2] or None, status, False, context.source(block.start, block.end))


def action_status(text: str) -> str | None:
    words = " ".join(text.lower().split())
    if words.startswith("closed"):
        return "CLOSED"
    return STATUSES.get(words)


def _action_from_line(context: Context, block: Block) -> Record | None:
    if block.kind == "row":
        return None
    raised = ACTION_LINE.search(block.text)
    if raised:
        start = block.start + raised.start()
        return _action(raised.group(1), raised.group(2).strip(), None, "OPEN", True, context.source(start, block.end))
    mention = ACTION_MENTION.match(block.text)
    if mention:
        return _action(
            mention.group(1), None, mention.group(2).strip(), None, False, context.source(block.start, block.end)
        )
    return None


# Matching


class ActionPayload(Payload):
    reference: Annotated[Text, Required]
    text: Annotated[Text, Required]
    update: Text = None
    status: Annotated[Text, one_of(Action.Status.values)] = None
    owner: Text = None


def key(record: Record, context: FileContext) -> str:
    """The reference, or the wording when the paper gives none."""
    reference = (record.get("reference") or "").strip()
    if not reference:
        return "(no reference) " + " ".join((record.get("text") or "").split())
    return reference.upper()


STATUS_ORDER: list[str] = [Action.Status.OPEN, Action.Status.PROPOSE_TO_CLOSE, Action.Status.CLOSED]


def match_action(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    ref = parse_action_reference(draft.payload.get("reference"), known.bodies)
    if ref is None:
        draft.warnings.append(unknown_reference(draft.payload.get("reference")))
        return against_proposals(draft, known)
    action = known.actions.get(ref.reference)
    if action is None and (RecordType.ACTION, ref.reference) in known.hidden:
        return draft.hidden(f"An action with the reference {ref.reference}")
    if action is None:
        _warn_new_action(draft, ref, known, context)
        return against_proposals(draft, known)
    return _changed_action(draft, action, known)


def unknown_reference(reference: str | None) -> str:
    if not reference:
        return "The action has no reference; give one (e.g. SECP47/02) before accepting."
    return f"The reference {reference} does not start with a body's action prefix and meeting number."


def _warn_new_action(draft: Draft, ref: ActionRef, known: Known, context: FileContext) -> None:
    here = (ref.body.pk, ref.meeting) in context.meetings_here
    if known.hides_meeting(ref.body, ref.meeting):
        draft.warnings.append(HIDDEN.format(meeting_label(ref.body, ref.meeting)))
    elif known.meeting(ref.body, ref.meeting) is None and not here:
        draft.warnings.append(
            f"{meeting_label(ref.body, ref.meeting)} is not in panelbook yet; accept the meeting first."
        )
    if not (draft.payload.get("owner") or "").strip():
        draft.warnings.append("The paper does not name the action's owner; give it before accepting.")
    if draft.payload.get("status") == Action.Status.CLOSED and not _closing_meeting_known(ref, known, context):
        draft.warnings.append(
            "The action is CLOSED in the paper, but the meeting that closed it is not in panelbook; "
            "accepting leaves it Propose to Close."
        )


def _closing_meeting_known(ref: ActionRef, known: Known, context: FileContext) -> bool:
    here = ref.body == context.body and context.meeting is not None
    return here and (
        known.meeting(ref.body, context.meeting) is not None or (ref.body.pk, context.meeting) in context.meetings_here
    )


def _changed_action(draft: Draft, action: Action, known: Known) -> Draft | None:
    """An existing action: a new update, or a status the paper has moved on, are its differences."""
    withheld = known.withholds(action)
    diff = {}
    status = draft.payload.get("status")
    if status in STATUS_ORDER and STATUS_ORDER.index(status) > STATUS_ORDER.index(action.status):
        diff["status"] = [WITHHELD if withheld else action.status, status]
        draft.warnings.append(
            f"The action is {Action.Status(status).label} in the paper but {action.get_status_display()} in panelbook."
        )
    update = comparable(draft.payload.get("update"))
    updates = [comparable(each.text) for each in action.updates.all()]
    if update and update not in updates:
        diff["update"] = [WITHHELD if withheld else (updates[-1] if updates else None), update]
        if action.status == Action.Status.CLOSED:
            draft.warnings.append(f"Action {action.reference} is closed in panelbook; reopen it to add the update.")
    if not diff:
        return None
    if not withheld and comparable(draft.payload.get("text")) not in ("", comparable(action.text)):
        draft.warnings.append("The paper words the action differently; accepting keeps panelbook's wording.")
    draft.change, draft.diff, draft.target, draft.target_url = UPDATE, diff, action.reference, action.get_absolute_url()
    draft.shows(action)
    return unless_proposed_before(draft, known)


# Accepting


def accept_action(proposal: Proposal, by: User | None) -> Done:
    payload = proposal.payload
    ref = parse_action_reference(payload["reference"], Bodies.load())
    if ref is None:
        raise ServiceError({"reference": unknown_reference(payload["reference"])})
    action = find_visible(Action, by, f"An action with the reference {ref.reference}", reference=ref.reference)
    raised = action is None
    if raised:
        action = _raise_action(proposal, ref, by)
    steps = _bring_up_to_date(action, payload, proposal.file, by)
    if raised:
        text = "; ".join([f"Raised action {action.reference}", *steps])
    else:
        text = f"Action {action.reference}: " + ("; ".join(steps) or "already up to date")
    return Done(text, action.get_absolute_url(), action)


def _raise_action(proposal: Proposal, ref: ActionRef, by: User | None) -> Action:
    meeting = find_visible(Meeting, by, meeting_label(ref.body, ref.meeting), body=ref.body, number=ref.meeting)
    if meeting is None:
        raise missing_meeting(ref.body, ref.meeting)
    owner = proposal.payload.get("owner")
    if not owner:
        raise ServiceError({"owner": "Give the action's owner: who must act (SECAS, DCC …)."})
    text = proposal.payload["text"]
    return verbs.raise_action(
        meeting, by=by, text=text, owner=owner[:200], sequence=ref.sequence, **as_file(proposal.file)
    )


def _bring_up_to_date(action: Action, payload: dict[str, Any], stored: IngestedFile, by: User | None) -> list[str]:
    """Add the paper's update and move the status on as the paper says; never backwards."""
    steps = []
    on = file_date(stored)
    update = payload.get("update")
    known = {comparable(each.text) for each in action.updates.all()}
    if update and comparable(update) not in known:
        verbs.add_update(action, by=by, text=update, on=on)
        steps.append("added the update")
    wanted = payload.get("status")
    if wanted in (Action.Status.PROPOSE_TO_CLOSE, Action.Status.CLOSED) and action.status == Action.Status.OPEN:
        action = verbs.propose_to_close(action, by=by, on=on)
        steps.append("proposed to close")
    if wanted == Action.Status.CLOSED and action.status == Action.Status.PROPOSE_TO_CLOSE:
        steps.append(_close(action, stored, by))
    elif wanted in STATUS_ORDER and STATUS_ORDER.index(wanted) < STATUS_ORDER.index(action.status):
        steps.append(f"status left {action.get_status_display()} (the paper says {Action.Status(wanted).label})")
    return steps


def _close(action: Action, stored: IngestedFile, by: User | None) -> str:
    """Close at the meeting the file is about; without it the action stays proposed to close."""
    number = stored.document.get("meeting")
    here = stored.body_id == action.body_id and number is not None
    named = meeting_label(action.body, number)
    meeting = find_visible(Meeting, by, named, "body", body=action.body, number=number) if here else None
    if meeting is None or meeting.starts_at < action.meeting.starts_at:
        return "left Propose to Close: the meeting that closed it is not in panelbook"
    verbs.close_action(action, by=by, at_meeting=meeting)
    return f"closed at {meeting}"


KIND = Kind(
    name="actions",
    find=find,
    summary=("reference", "status", "owner", "text"),
    proposing=Proposing(
        RecordType.ACTION,
        ActionPayload,
        propose=each_record("actions", RecordType.ACTION, key),
        match=match_action,
        accept=accept_action,
        confirms=("status",),
        labels={"status": dict(Action.Status.choices)},
    ),
)
