"""Verbs of the ingest: store a processed file with its proposals; accept or reject a proposal.

Accepting never sets a governance field itself: it calls the owning app's verbs (``create_meeting``,
``raise_action``, ``add_update``, ``propose_to_close``, ``close_action``, ``record_decision``,
``create_paper``), so an accepted record has the same rules and history as one typed in.

Both act for a person (``by``) and find every record through ``reconcile.readable(Model, by)``,
the classification gate. A record ``by`` may not see is never written to or named: accepting
refuses, saying only that such a record exists (``reconcile.HIDDEN``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from panelbook.actions import services as actions
from panelbook.actions.models import Action, Decision, Verb
from panelbook.core.classification import Classification
from panelbook.core.services import ServiceError, acting_user, save_with_history, set_recipients
from panelbook.governance import services as governance
from panelbook.governance.models import AgendaItem, Body, Meeting, Paper, Purpose
from panelbook.ingest import reconcile
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.pipeline import Processed
from panelbook.ingest.reconcile import HIDDEN, Bodies, Draft, readable
from panelbook.ingest.records import DOCUMENT_KINDS

# A meeting whose paper gives only its date is taken to be the usual morning meeting.
MEETING_STARTS = dt.time(10, 0)
MEETING_ENDS = dt.time(13, 0)
PURPOSES = {"decision": Purpose.DECISION, "information": Purpose.INFORMATION, "discussion": Purpose.DISCUSSION}


@dataclass
class IngestOutcome:
    name: str
    file: IngestedFile | None
    proposals: list[Proposal]
    accepted: list[Proposal]

    @property
    def unchanged(self) -> bool:
        return self.file is None

    @property
    def proposed(self) -> Counter:
        return Counter(proposal.record_type for proposal in self.proposals)

    @property
    def warnings(self) -> int:
        return sum(len(proposal.warnings) for proposal in self.proposals)

    @property
    def message(self) -> str:
        if self.unchanged:
            return "unchanged; nothing proposed"
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.proposed.items())) or "nothing new"
        accepted = f"; {len(self.accepted)} accepted" if self.accepted else ""
        return f"proposed {counts}{accepted}"


# Ingest


@transaction.atomic
def ingest(processed: Processed, *, by: Any, commit: bool = False) -> IngestOutcome:
    """Store one processed file and the proposals reconciled from it; the same bytes are stored once.

    With ``commit`` the new records without warnings are accepted at once; one refused stays
    proposed with the refusal among its warnings.
    """
    read = processed.read
    if IngestedFile.objects.filter(sha256=read.sha256).exists():
        return IngestOutcome(read.name, None, [], [])
    bodies = Bodies.load()
    if bodies.default is None:
        raise ServiceError("There are no bodies in panelbook yet; add them (the admin, or panelbook load_demo) first.")
    previous = previous_version(processed, by)
    drafts = reconcile.plan(processed.extraction, previous=previous, bodies=bodies, by=by)
    _warn_of_hidden_version(drafts, processed, previous, by)
    stored = _store_file(processed, bodies, previous, by)
    proposals = _store_proposals(stored, drafts, by)
    _retire_replaced(drafts, proposals, by)
    accepted = _accept_clean(proposals, by) if commit else []
    return IngestOutcome(read.name, stored, proposals, accepted)


def previous_version(processed: Processed, by: Any) -> IngestedFile | None:
    """The latest earlier file ``by`` may see of the same document: the same reference, else the same name."""
    reference = processed.extraction.document.get("reference")
    files = readable(IngestedFile, by)
    files = files.filter(reference=reference) if reference else files.filter(name=processed.read.name)
    return files.defer("text", "page_starts", "extraction").order_by("-ingested_at", "-pk").first()


def _warn_of_hidden_version(drafts: list[Draft], processed: Processed, previous: IngestedFile | None, by: Any) -> None:
    """An earlier version ``by`` may not see is not compared against; the paper's proposal says it exists."""
    if previous is not None or by is None or previous_version(processed, None) is None:
        return
    paper = next((draft for draft in drafts if draft.record_type == RecordType.PAPER), None)
    if paper is not None:
        paper.warnings.append(HIDDEN.format("An earlier version of this document"))


def _store_file(processed: Processed, bodies: Bodies, previous: IngestedFile | None, by: Any) -> IngestedFile:
    read, normal, document = processed.read, processed.normal, processed.extraction.document
    level = document.get("classification")
    stored = IngestedFile(
        name=read.name,
        sha256=read.sha256,
        size=read.size,
        format=read.format,
        pages=len(read.pages),
        kind=document.get("kind") or "other",
        reference=(document.get("reference") or "")[:60],
        text=normal.text,
        page_starts=list(normal.page_starts),
        extraction=processed.extraction.as_json(),
        warnings=[*read.warnings, *processed.extraction.warnings],
        body=bodies.named(document.get("body")) or bodies.default,
        # A paper that does not say is shown no wider than the secretariat and its body.
        classification=level if level in Classification.values else Classification.AMBER,
        supersedes=previous,
        ingested_by=acting_user(by),
    )
    save_with_history(stored, by=by, reason="Ingested")
    set_recipients(stored, None, by)
    return stored


def _store_proposals(stored: IngestedFile, drafts: list[Draft], by: Any) -> list[Proposal]:
    proposals = [
        Proposal(
            file=stored,
            record_type=draft.record_type,
            key=draft.key,
            payload=draft.payload,
            page=_offset(draft.source.get("page")),
            start=_offset(draft.source.get("start")),
            end=_offset(draft.source.get("end")),
            change=draft.change,
            diff=draft.diff,
            target=draft.target[:300],
            target_url=draft.target_url,
            warnings=draft.warnings,
            records=draft.records,
        )
        for draft in drafts
    ]
    return bulk_create_with_history(
        proposals, Proposal, default_user=acting_user(by), default_change_reason="Proposed by ingest"
    )


def _offset(value: Any) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def _retire_replaced(drafts: list[Draft], proposals: list[Proposal], by: Any) -> None:
    """An earlier version's proposal still waiting for review gives way to the later version's."""
    for draft, proposal in zip(drafts, proposals, strict=True):
        if draft.replaces is not None:
            reason = f"replaced by proposal #{proposal.pk} from the later version {proposal.file.name}"
            draft.replaces.records = [*draft.replaces.records, reconcile.label(proposal)]
            _decide(draft.replaces, Proposal.Status.REJECTED, by, f"Rejected: {reason}", proposal.get_absolute_url())


def _accept_clean(proposals: list[Proposal], by: Any) -> list[Proposal]:
    accepted = []
    for proposal in proposals:
        if proposal.change != Proposal.Change.CREATE or proposal.warnings:
            continue
        # accept_proposal's own atomic block is a savepoint here: a refusal undoes only its writes.
        try:
            accepted.append(accept_proposal(proposal, by=by))
        except ValidationError as refusal:
            proposal.warnings = [*proposal.warnings, "Not accepted: " + " ".join(refusal.messages)]
            save_with_history(proposal, by=by, reason="Accepting refused")
    return accepted


# Deciding


@dataclass(frozen=True)
class Done:
    """What accepting did, in a sentence, and where to see the result."""

    text: str
    url: str = ""
    record: Model | None = None  # the record it made or changed, which its text and link show


def _find(model: type[Model], by: Any, what: str, *related: str, **lookup: Any) -> Any:
    """The record ``by`` may see that ``lookup`` finds, or None; refused, naming only ``what``, when the
    record exists but ``by`` may not see it (asked as yes or no)."""
    found = readable(model, by).select_related(*related).filter(**lookup).first()
    if found is None and by is not None and model.objects.filter(**lookup).exists():  # type: ignore[attr-defined]
        raise ServiceError(HIDDEN.format(what))
    return found


@transaction.atomic
def accept_proposal(proposal: Proposal, *, by: Any, payload: dict[str, Any] | None = None) -> Proposal:
    """Accept a proposal through the owning app's verbs; a ``payload`` given replaces the extracted one.

    A refusal raises ``ServiceError`` naming what is missing; nothing is then changed.
    """
    proposal = _open(proposal, by)
    edited = payload is not None
    given = payload if edited else proposal.payload
    proposal.payload = {**clean_payload(proposal.record_type, given), "source": proposal.payload.get("source")}
    done = ROUTES[proposal.record_type](proposal, by)
    if done.record is not None and reconcile.label(done.record) not in proposal.records:
        proposal.records = [*proposal.records, reconcile.label(done.record)]
    reason = "Edited and accepted" if edited else "Accepted"
    return _decide(proposal, Proposal.Status.ACCEPTED, by, done.text, done.url, reason=reason)


@transaction.atomic
def reject_proposal(proposal: Proposal, *, by: Any, reason: str = "") -> Proposal:
    proposal = _open(proposal, by)
    reason = reason.strip()
    return _decide(proposal, Proposal.Status.REJECTED, by, f"Rejected: {reason}" if reason else "Rejected", "")


def _open(proposal: Proposal, by: Any) -> Proposal:
    """The proposal, locked; one ``by`` may not see is refused as if it did not exist."""
    found = readable(Proposal, by).filter(pk=proposal.pk).values_list("pk", flat=True).first()
    if found is None:
        raise ServiceError(f"There is no proposal #{proposal.pk}.")
    proposal = Proposal.objects.select_for_update().select_related("file__body").get(pk=found)
    if proposal.status != Proposal.Status.PROPOSED:
        decided = timezone.localtime(proposal.decided_at)
        raise ServiceError(
            f"Proposal #{proposal.pk} was already {proposal.get_status_display().lower()} on {decided:%d/%m/%Y}."
        )
    return proposal


def _decide(proposal: Proposal, status: str, by: Any, outcome: str, url: str, reason: str = "") -> Proposal:
    proposal.status = status
    proposal.decided_by = acting_user(by)
    proposal.decided_at = timezone.now()
    proposal.outcome = outcome
    proposal.outcome_url = url
    return save_with_history(proposal, by=by, reason=reason or proposal.get_status_display())


# Checking a payload: each value as its record type needs it; errors name the field


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise ValueError("Give text, not a list.")
    return str(value).strip() or None


def _integer(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ValueError("Give a whole number, e.g. 47.")


def _number(value: Any) -> float | int | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        raise ValueError("Give a number, e.g. 94.65.") from None


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError("Give a date as YYYY-MM-DD, e.g. 2019-04-12.") from None


def _datetime(value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.datetime.fromisoformat(str(value).strip()).isoformat(timespec="minutes")
    except ValueError:
        raise ValueError("Give a date and time as YYYY-MM-DDTHH:MM, e.g. 2019-03-26T13:04.") from None


def _month(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(value).strip()):
        return str(value).strip()
    raise ValueError("Give a month as YYYY-MM, e.g. 2020-12.")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None or str(value).strip().lower() in {"", "false", "no", "0"}:
        return False
    if str(value).strip().lower() in {"true", "yes", "1"}:
        return True
    raise ValueError("Give true or false.")


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise ValueError("Give a list, e.g. [].")


def _one_of(choices: list[str]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        value = _text(value)
        if value is not None and value not in choices:
            raise ValueError("Give one of " + ", ".join(choices) + ".")
        return value

    return check


# The checked fields of each record type (other fields are kept as given), and those it must have.
FIELDS: dict[str, dict[str, Callable[[Any], Any]]] = {
    RecordType.PAPER: {
        "reference": _text,
        "title": _text,
        "kind": _one_of(list(DOCUMENT_KINDS)),
        "date": _date,
        "classification": _one_of(Classification.values),
        "purpose": _one_of(list(PURPOSES)),
        "author": _text,
        "body": _text,
        "meeting": _integer,
        "pages": _integer,
        "appendices": _list,
        "sections": _list,
        "recommendations": _list,
    },
    RecordType.MEETING: {
        "body": _text,
        "number": _integer,
        "date": _date,
        "agenda": _list,
        "attendance": _list,
        "apologies": _list,
        "next_meeting": _date,
    },
    RecordType.ACTION: {
        "reference": _text,
        "text": _text,
        "update": _text,
        "status": _one_of(Action.Status.values),
        "owner": _text,
    },
    RecordType.DECISION: {
        "body": _text,
        "meeting": _integer,
        "verb": _one_of(Verb.values),
        "text": _text,
        "item": _text,
        "majority": _boolean,
    },
    RecordType.MODIFICATION: {"reference": _text, "title": _text},
    RecordType.MEASURE: {
        "code": _text,
        "value": _number,
        "previous": _number,
        "unit": _text,
        "period": _month,
        "provider": _text,
        "status": _text,
    },
    RecordType.INCIDENT: {
        "reference": _text,
        "title": _text,
        "opened": _datetime,
        "closed": _datetime,
        "closures": _list,
        "categories": _list,
    },
}
REQUIRED = {
    RecordType.ACTION: ("reference", "text"),
    RecordType.DECISION: ("verb", "text"),
    RecordType.MODIFICATION: ("reference",),
    RecordType.MEASURE: ("code",),
    RecordType.INCIDENT: ("reference",),
}


def clean_payload(record_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with each known field checked and converted; refused naming every bad field."""
    cleaned, errors = {}, {}
    checks = FIELDS[record_type]
    for name, value in payload.items():
        if name == "source":
            continue
        try:
            cleaned[name] = checks[name](value) if name in checks else value
        except ValueError as error:
            errors[name] = str(error)
    for name in REQUIRED.get(record_type, ()):
        if name not in errors and cleaned.get(name) in (None, ""):
            errors[name] = "This field is required."
    if errors:
        raise ServiceError(errors)
    return cleaned


# Accepting each record type


def _as_file(stored: IngestedFile, level: str | None = None) -> dict[str, Any]:
    """Records made from a file are classified as the file (or as ``level`` when the reviewer gave one);
    a RED record goes to the file's recipients, and the verb adds whoever accepts it."""
    level = level or stored.classification
    recipients = list(stored.recipients.all()) if level == Classification.RED else None
    return {"classification": level, "recipients": recipients}


def _body(code: str | None, stored: IngestedFile) -> Body:
    if not code:
        return stored.body
    body = Body.objects.filter(code=reconcile.body_code(code)).first()
    if body is None:
        raise ServiceError({"body": f"The body {code} is not in panelbook; give one that is."})
    return body


def _file_date(stored: IngestedFile) -> dt.date | None:
    value = stored.document.get("date")
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _missing_meeting(body: Body, number: int) -> ServiceError:
    return ServiceError(f"{reconcile.meeting_label(body, number)} is not in panelbook yet; accept the meeting first.")


def accept_meeting(proposal: Proposal, by: Any) -> Done:
    payload = proposal.payload
    body = _body(payload.get("body"), proposal.file)
    number = payload.get("number")
    if number is None:
        raise ServiceError({"number": "Give the meeting's number; the paper does not say."})
    meeting = _find(Meeting, by, reconcile.meeting_label(body, number), "body", body=body, number=number)
    if meeting is None:
        return _create_meeting(proposal, body, number, by)
    return _redate_meeting(meeting, payload.get("date"), by)


def _create_meeting(proposal: Proposal, body: Body, number: int, by: Any) -> Done:
    payload = proposal.payload
    if not payload.get("date"):
        raise ServiceError({"date": "Give the meeting's date (YYYY-MM-DD); the paper does not say."})
    day = dt.date.fromisoformat(payload["date"])
    meeting = governance.create_meeting(
        by=by, body=body, number=number, **_meeting_times(day), **_as_file(proposal.file)
    )
    items = _add_agenda(meeting, payload.get("agenda") or [], by)
    if day < timezone.localdate():
        meeting = governance.mark_meeting_held(meeting, by=by)
    label = reconcile.meeting_label(body, number)
    return Done(f"Created {label} on {day:%-d %B %Y} with {items} agenda items", meeting.get_absolute_url(), meeting)


def _meeting_times(day: dt.date) -> dict[str, dt.datetime]:
    return {
        "starts_at": timezone.make_aware(dt.datetime.combine(day, MEETING_STARTS)),
        "ends_at": timezone.make_aware(dt.datetime.combine(day, MEETING_ENDS)),
    }


def _add_agenda(meeting: Meeting, agenda: list[Any], by: Any) -> int:
    """Add the agenda's items as printed; an item without a title, or numbered twice, is left out."""
    numbers = set()
    for position, line in enumerate(agenda, start=1):
        number = line.get("number") if isinstance(line, dict) else None
        title = (line.get("title") or "").strip() if isinstance(line, dict) else ""
        if not title or not isinstance(number, int) or number in numbers:
            continue
        numbers.add(number)
        note = (line.get("note") or "").lower()
        governance.add_agenda_item(
            meeting, by=by, number=number, title=title[:300], position=position, brought_forward="forward" in note
        )
    return len(numbers)


def _redate_meeting(meeting: Meeting, date: str | None, by: Any) -> Done:
    label = reconcile.meeting_label(meeting.body, meeting.number)
    if not date or dt.date.fromisoformat(date) == meeting.date:
        return Done(f"{label} is already in panelbook; nothing to change", meeting.get_absolute_url(), meeting)
    day = dt.date.fromisoformat(date)
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    moved = governance.update_meeting(
        meeting,
        by=by,
        starts_at=timezone.make_aware(dt.datetime.combine(day, start.time())),
        ends_at=timezone.make_aware(dt.datetime.combine(day + (end.date() - start.date()), end.time())),
    )
    return Done(f"Moved {label} to {day:%-d %B %Y}", moved.get_absolute_url(), moved)


def accept_action(proposal: Proposal, by: Any) -> Done:
    payload = proposal.payload
    ref = reconcile.parse_action_reference(payload["reference"], Bodies.load())
    if ref is None:
        raise ServiceError({"reference": reconcile.unknown_reference(payload["reference"])})
    action = _find(Action, by, f"An action with the reference {ref.reference}", reference=ref.reference)
    raised = action is None
    if raised:
        action = _raise_action(proposal, ref, by)
    steps = _bring_up_to_date(action, payload, proposal.file, by)
    if raised:
        text = "; ".join([f"Raised action {action.reference}", *steps])
    else:
        text = f"Action {action.reference}: " + ("; ".join(steps) or "already up to date")
    return Done(text, action.get_absolute_url(), action)


def _raise_action(proposal: Proposal, ref: reconcile.ActionRef, by: Any) -> Action:
    meeting = _find(Meeting, by, reconcile.meeting_label(ref.body, ref.meeting), body=ref.body, number=ref.meeting)
    if meeting is None:
        raise _missing_meeting(ref.body, ref.meeting)
    owner = proposal.payload.get("owner")
    if not owner:
        raise ServiceError({"owner": "Give the action's owner: who must act (SECAS, DCC …)."})
    text = proposal.payload["text"]
    return actions.raise_action(
        meeting, by=by, text=text, owner=owner[:200], sequence=ref.sequence, **_as_file(proposal.file)
    )


def _bring_up_to_date(action: Action, payload: dict[str, Any], stored: IngestedFile, by: Any) -> list[str]:
    """Add the paper's update and move the status on as the paper says; never backwards."""
    steps = []
    on = _file_date(stored)
    update = payload.get("update")
    known = {reconcile.comparable(each.text) for each in action.updates.all()}
    if update and reconcile.comparable(update) not in known:
        actions.add_update(action, by=by, text=update, on=on)
        steps.append("added the update")
    wanted = payload.get("status")
    if wanted in (Action.Status.PROPOSE_TO_CLOSE, Action.Status.CLOSED) and action.status == Action.Status.OPEN:
        action = actions.propose_to_close(action, by=by, on=on)
        steps.append("proposed to close")
    if wanted == Action.Status.CLOSED and action.status == Action.Status.PROPOSE_TO_CLOSE:
        steps.append(_close(action, stored, by))
    elif wanted in reconcile.STATUS_ORDER and reconcile.STATUS_ORDER.index(wanted) < reconcile.STATUS_ORDER.index(
        action.status
    ):
        steps.append(f"status left {action.get_status_display()} (the paper says {wanted})")
    return steps


def _close(action: Action, stored: IngestedFile, by: Any) -> str:
    """Close at the meeting the file is about; without it the action stays proposed to close."""
    number = stored.document.get("meeting")
    here = stored.body_id == action.body_id and number is not None
    named = reconcile.meeting_label(action.body, number)
    meeting = _find(Meeting, by, named, "body", body=action.body, number=number) if here else None
    if meeting is None or meeting.starts_at < action.meeting.starts_at:
        return "left Propose to Close: the meeting that closed it is not in panelbook"
    actions.close_action(action, by=by, at_meeting=meeting)
    return f"closed at {meeting}"


def accept_decision(proposal: Proposal, by: Any) -> Done:
    payload = proposal.payload
    body = _body(payload.get("body"), proposal.file)
    number = payload.get("meeting")
    if number is None:
        raise ServiceError({"meeting": f"Give the number of the {body} meeting that took the decision."})
    meeting = _find(Meeting, by, reconcile.meeting_label(body, number), "body", body=body, number=number)
    if meeting is None:
        raise _missing_meeting(body, number)
    text = reconcile.comparable(payload["text"])
    same = _equal_decision(meeting, payload["verb"], text, by)
    if same is not None:
        return Done(f"The decision is already recorded at {meeting}", meeting.get_absolute_url(), same)
    recorded = actions.record_decision(
        by=by,
        verb=payload["verb"],
        text=payload["text"],
        meeting=meeting,
        agenda_item=_agenda_item(meeting, payload.get("item"), proposal.file, by),
        by_majority=bool(payload.get("majority")),
        **_as_file(proposal.file),
    )
    return Done(
        f"Recorded the decision at {meeting}: {Verb(payload['verb']).label} {text[:80]}",
        meeting.get_absolute_url(),
        recorded,
    )


def _equal_decision(meeting: Meeting, verb: str, text: str, by: Any) -> Decision | None:
    """The decision ``by`` may see with this verb and text at the meeting; refused when only a hidden one has."""
    same = [d for d in Decision.objects.filter(meeting=meeting, verb=verb) if reconcile.comparable(d.text) == text]
    visible = readable(Decision, by).filter(pk__in=[d.pk for d in same]).first() if same else None
    if same and visible is None:
        raise ServiceError(HIDDEN.format(f"An equal decision at {meeting}"))
    return visible


def _agenda_item(meeting: Meeting, item: str | None, stored: IngestedFile, by: Any) -> AgendaItem | None:
    """In minutes a decision's item is the agenda item; in a report it is a section, not an item."""
    if stored.kind != "minutes" or not item or not item.isdigit():
        return None
    return _find(AgendaItem, by, f"Item {item} of {meeting}", meeting=meeting, number=int(item))


def accept_paper(proposal: Proposal, by: Any) -> Done:
    payload = proposal.payload
    reference = payload.get("reference")
    paper = _find(Paper, by, f"A paper with the reference {reference}", reference=reference) if reference else None
    if paper is not None:
        return Done(
            f"Linked to paper {paper.reference}, already in panelbook; its fields are unchanged",
            paper.get_absolute_url(),
            paper,
        )
    item, why_not = _item_for_paper(reference, by)
    if item is None or not payload.get("title") or not payload.get("date"):
        why_not = why_not or "the paper's title or date is missing"
        return Done(f"Held as accepted data; no paper created: {why_not}")
    paper = governance.create_paper(
        by=by,
        agenda_item=item,
        reference=reference,
        title=payload["title"][:300],
        paper_date=dt.date.fromisoformat(payload["date"]),
        purpose=PURPOSES.get(payload.get("purpose") or "", Purpose.INFORMATION),
        author=(payload.get("author") or "")[:200],
        **_as_file(proposal.file, payload.get("classification")),
    )
    return Done(
        f"Created paper {paper.reference} for item {item.number} of {item.meeting}", paper.get_absolute_url(), paper
    )


def _item_for_paper(reference: str | None, by: Any) -> tuple[AgendaItem | None, str]:
    """The agenda item a paper reference names, or why there is none."""
    parsed = reconcile.parse_paper_reference(reference, Bodies.load())
    if parsed is None:
        return None, "the reference does not name a body's meeting and agenda item"
    body, number, item_number = parsed
    meeting = reconcile.meeting_label(body, number)
    lookup = {"meeting__body": body, "meeting__number": number, "number": item_number}
    item = _find(AgendaItem, by, f"Item {item_number} of {meeting}", "meeting__body", **lookup)
    if item is None:
        return None, f"item {item_number} of {meeting} is not in panelbook"
    return item, ""


def _held(app: str) -> Callable[[Proposal, Any], Done]:
    def hold(proposal: Proposal, by: Any) -> Done:
        return Done(f"Held as accepted data until the {app} app exists")

    return hold


ROUTES: dict[str, Callable[[Proposal, Any], Done]] = {
    RecordType.PAPER: accept_paper,
    RecordType.MEETING: accept_meeting,
    RecordType.ACTION: accept_action,
    RecordType.DECISION: accept_decision,
    RecordType.MODIFICATION: _held("modifications"),
    RecordType.MEASURE: _held("performance"),
    RecordType.INCIDENT: _held("performance"),
}
