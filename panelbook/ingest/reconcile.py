"""Reconcile: match what a file says against panelbook and plan the proposals (database reads only).

Each record of an ``Extraction`` is matched by reference: a paper by ``Paper.reference``, a
meeting by body and number, an action by ``Action.reference``, a decision by meeting, verb and
text; modifications, measures and incidents (whose apps do not exist yet) by the key of an
earlier accepted proposal. A record that matches with nothing different proposes nothing; one
that differs proposes an UPDATE showing the differences; one without a match proposes a CREATE.
An earlier version of the same document counts as a match too, so a changed file proposes only
what changed. ``source`` offsets are never compared: they move when the text above them moves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from panelbook.actions.models import Action, Decision, Verb
from panelbook.core.classification import Classification
from panelbook.core.lib.references import PAPER_REFERENCE, action_reference
from panelbook.governance.models import Body, Meeting, Paper
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.records import Extraction

CREATE = Proposal.Change.CREATE
UPDATE = Proposal.Change.UPDATE
LISTS = (
    ("meetings", RecordType.MEETING),
    ("actions", RecordType.ACTION),
    ("decisions", RecordType.DECISION),
    ("modifications", RecordType.MODIFICATION),
    ("measures", RecordType.MEASURE),
    ("incidents", RecordType.INCIDENT),
)
ACTION_REFERENCE = re.compile(r"^\s*(?P<prefix>[A-Za-z][A-Za-z ]*?)\s*(?P<meeting>\d+)\s*/\s*(?P<sequence>\d+)\s*$")
STATUS_ORDER = [Action.Status.OPEN, Action.Status.PROPOSE_TO_CLOSE, Action.Status.CLOSED]
WITHHELD = "(a RED record: not shown)"
KEY_LENGTH = 300


@dataclass
class Draft:
    """A proposal before it is stored."""

    record_type: str
    key: str
    payload: dict[str, Any]
    change: str = CREATE
    diff: dict[str, list[Any]] = field(default_factory=dict)
    target: str = ""
    target_url: str = ""
    warnings: list[str] = field(default_factory=list)
    replaces: Proposal | None = None  # an earlier version's proposal still waiting for review

    @property
    def source(self) -> dict[str, Any]:
        return self.payload.get("source") or {}


# Bodies and references


def body_code(code: str | None) -> str:
    """``SMKI PMA`` -> ``smki-pma``: an extraction's body code as a ``Body.code``."""
    return "-".join((code or "").lower().split())


@dataclass(frozen=True)
class Bodies:
    """Every body, loaded once per file: there are a handful."""

    all: list[Body]

    @classmethod
    def load(cls) -> Bodies:
        return cls(list(Body.objects.all()))

    def named(self, code: str | None) -> Body | None:
        wanted = body_code(code)
        return next((body for body in self.all if body.code == wanted), None) if wanted else None

    def with_action_prefix(self, prefix: str) -> Body | None:
        wanted = prefix.replace(" ", "").upper()
        return next((body for body in self.all if body.action_prefix.upper() == wanted), None)

    def with_paper_prefix(self, prefix: str) -> Body | None:
        return next((body for body in self.all if body.paper_prefix.upper() == prefix.upper()), None)

    @property
    def default(self) -> Body | None:
        """Where a file goes when its body is not known: the Panel, else the first body."""
        return self.named("panel") or (self.all[0] if self.all else None)


@dataclass(frozen=True)
class ActionRef:
    body: Body
    meeting: int
    sequence: int

    @property
    def reference(self) -> str:
        return action_reference(self.body.action_prefix, self.meeting, self.sequence)


def parse_action_reference(reference: str | None, bodies: Bodies) -> ActionRef | None:
    """``SECP47/02`` -> the body with action prefix SECP, meeting 47, sequence 2 (None if unknown)."""
    match = ACTION_REFERENCE.match(reference or "")
    body = match and bodies.with_action_prefix(match["prefix"])
    return ActionRef(body, int(match["meeting"]), int(match["sequence"])) if body else None


def parse_paper_reference(reference: str | None, bodies: Bodies) -> tuple[Body, int, int] | None:
    """``SECP_67_1204_19`` -> (the body with paper prefix SECP, meeting 67, item 19), or None."""
    match = PAPER_REFERENCE.match(reference or "")
    body = match and bodies.with_paper_prefix(match["prefix"])
    return (body, int(match["meeting"]), int(match["item"])) if body else None


def meeting_label(body: Body, number: int | None) -> str:
    return f"{body.short_name} meeting {number}" if number is not None else f"The {body.short_name} meeting"


# The file's context


@dataclass(frozen=True)
class FileContext:
    """What the document says about itself, which its records lean on."""

    name: str
    body: Body
    body_named: bool  # False when the document's body is not in panelbook and ``body`` is the fallback
    meeting: int | None
    meetings_here: frozenset[tuple[int, int]]  # (body id, number) of the meetings the file describes

    @classmethod
    def of(cls, extraction: Extraction, bodies: Bodies) -> FileContext:
        document = extraction.document
        named = bodies.named(document.get("body"))
        body = named or bodies.default
        here = set()
        for meeting in extraction.meetings:
            meeting_body = bodies.named(meeting.get("body")) or body
            if isinstance(meeting.get("number"), int):
                here.add((meeting_body.pk, meeting["number"]))
        return cls(
            name=extraction.file,
            body=body,
            body_named=named is not None,
            meeting=document.get("meeting") if isinstance(document.get("meeting"), int) else None,
            meetings_here=frozenset(here),
        )

    def meeting_number_for(self, body: Body, meetings: list[dict[str, Any]], bodies: Bodies) -> int | None:
        """The number of the meeting of ``body`` this file is about, when the file says."""
        if body == self.body and self.meeting is not None:
            return self.meeting
        numbers = {m.get("number") for m in meetings if (bodies.named(m.get("body")) or self.body) == body}
        numbers.discard(None)
        return numbers.pop() if len(numbers) == 1 else None


# The candidates: one draft per record, before matching


def candidates(extraction: Extraction, context: FileContext, bodies: Bodies) -> list[Draft]:
    """A meeting comes before the paper, and both before what happened at the meeting."""
    meetings = [_draft(RecordType.MEETING, dict(m), extraction, context, bodies) for m in extraction.meetings]
    rest = [
        _draft(record_type, dict(record), extraction, context, bodies)
        for list_name, record_type in LISTS
        if record_type != RecordType.MEETING
        for record in getattr(extraction, list_name)
    ]
    return [*meetings, paper_draft(extraction, context), *rest]


def paper_draft(extraction: Extraction, context: FileContext) -> Draft:
    """The document as a paper; its sections are summarised and its recommendations folded in."""
    payload = dict(extraction.document)
    payload["sections"] = [
        {"number": s.get("number"), "title": s.get("title"), "body": s.get("body")} for s in extraction.sections
    ]
    payload["recommendations"] = [{"verb": r.get("verb"), "text": r.get("text")} for r in extraction.recommendations]
    draft = Draft(RecordType.PAPER, _key(payload.get("reference") or context.name), payload)
    draft.warnings.extend(extraction.warnings)
    if extraction.document.get("body") and not context.body_named:
        draft.warnings.append(
            f"The body {extraction.document['body']} is not in panelbook; the file is filed under {context.body}."
        )
    return draft


def _draft(record_type: str, record: dict, extraction: Extraction, context: FileContext, bodies: Bodies) -> Draft:
    if record_type == RecordType.DECISION:
        body = bodies.named(record.get("body")) or context.body
        record.setdefault("meeting", context.meeting_number_for(body, extraction.meetings, bodies))
    return Draft(record_type, _key(key_of(record_type, record, context)), record)


def key_of(record_type: str, record: dict[str, Any], context: FileContext) -> str:
    if record_type == RecordType.MEETING:
        number = record.get("number")
        which = number if number is not None else f"date {record.get('date')}"
        return f"{_upper(record.get('body'), context)}|{which}"
    if record_type == RecordType.DECISION:
        meeting = record.get("meeting") if record.get("meeting") is not None else "?"
        text = " ".join((record.get("text") or "").split())
        return f"{_upper(record.get('body'), context)}|{meeting}|{record.get('verb')}|{text}"
    if record_type == RecordType.MEASURE:
        return f"{record.get('code')}|{record.get('period') or ''}|{record.get('provider') or ''}"
    reference = (record.get("reference") or "").strip()
    if record_type == RecordType.ACTION and not reference:
        return "(no reference) " + " ".join((record.get("text") or "").split())
    return reference.upper()


def _upper(code: str | None, context: FileContext) -> str:
    return (code or context.body.short_name).upper()


def _key(key: str) -> str:
    return key[:KEY_LENGTH]


# What panelbook already holds


@dataclass
class Known:
    """The existing records and proposals the drafts can match, each kind read in one query."""

    bodies: Bodies
    meetings: dict[tuple[int, int], Meeting]
    papers: dict[str, Paper]
    actions: dict[str, Action]
    decisions: list[Decision]
    accepted: dict[tuple[str, str], Proposal]
    earlier: dict[tuple[str, str], Proposal]

    @classmethod
    def load(cls, drafts: list[Draft], context: FileContext, bodies: Bodies, previous: IngestedFile | None) -> Known:
        keys = {draft.record_type: set() for draft in drafts}
        for draft in drafts:
            keys[draft.record_type].add(draft.key)
        pairs = _meeting_pairs(drafts, context, bodies)
        meetings = _meetings(pairs)
        return cls(
            bodies=bodies,
            meetings=meetings,
            papers=_by(Paper.objects.filter(reference__in=keys.get(RecordType.PAPER, ())), "reference"),
            actions=_actions(drafts, bodies),
            decisions=_decisions(drafts, meetings),
            accepted=_accepted(keys),
            earlier=_earlier(previous),
        )

    def meeting(self, body: Body, number: int | None) -> Meeting | None:
        return self.meetings.get((body.pk, number)) if number is not None else None


def _by(queryset, attribute: str) -> dict[str, Any]:
    return {getattr(row, attribute): row for row in queryset}


def _meeting_pairs(drafts: list[Draft], context: FileContext, bodies: Bodies) -> set[tuple[int, int]]:
    pairs = set(context.meetings_here)
    if context.meeting is not None:
        pairs.add((context.body.pk, context.meeting))
    for draft in drafts:
        if draft.record_type == RecordType.ACTION:
            ref = parse_action_reference(draft.payload.get("reference"), bodies)
            if ref:
                pairs.add((ref.body.pk, ref.meeting))
        elif draft.record_type == RecordType.DECISION and isinstance(draft.payload.get("meeting"), int):
            body = bodies.named(draft.payload.get("body")) or context.body
            pairs.add((body.pk, draft.payload["meeting"]))
        elif draft.record_type == RecordType.PAPER:
            parsed = parse_paper_reference(draft.payload.get("reference"), bodies)
            if parsed:
                pairs.add((parsed[0].pk, parsed[1]))
    return pairs


def _meetings(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Meeting]:
    if not pairs:
        return {}
    body_ids = {body for body, _ in pairs}
    numbers = {number for _, number in pairs}
    found = Meeting.objects.filter(body_id__in=body_ids, number__in=numbers).select_related("body")
    return {(m.body_id, m.number): m for m in found if (m.body_id, m.number) in pairs}


def _actions(drafts: list[Draft], bodies: Bodies) -> dict[str, Action]:
    references = set()
    for draft in drafts:
        if draft.record_type == RecordType.ACTION:
            ref = parse_action_reference(draft.payload.get("reference"), bodies)
            if ref:
                references.add(ref.reference)
    if not references:
        return {}
    return _by(Action.objects.filter(reference__in=references).prefetch_related("updates"), "reference")


def _decisions(drafts: list[Draft], meetings: dict[tuple[int, int], Meeting]) -> list[Decision]:
    if not any(draft.record_type == RecordType.DECISION for draft in drafts) or not meetings:
        return []
    return list(Decision.objects.filter(meeting__in=[m.pk for m in meetings.values()]))


def _accepted(keys: dict[str, set[str]]) -> dict[tuple[str, str], Proposal]:
    every_key = set().union(*keys.values())
    accepted = Proposal.objects.filter(status=Proposal.Status.ACCEPTED, key__in=every_key).order_by("decided_at", "pk")
    return {(p.record_type, p.key): p for p in accepted if p.key in keys.get(p.record_type, ())}


def _earlier(previous: IngestedFile | None) -> dict[tuple[str, str], Proposal]:
    """The latest proposal for each key across the earlier versions of the document."""
    if previous is None:
        return {}
    versions = [previous.pk]
    older = previous.supersedes_id
    while older is not None and older not in versions:
        versions.append(older)
        older = IngestedFile.objects.filter(pk=older).values_list("supersedes_id", flat=True).first()
    proposals = Proposal.objects.filter(file_id__in=versions).select_related("file").order_by("pk")
    return {(p.record_type, p.key): p for p in proposals}


# Comparing


def comparable(value: Any) -> Any:
    """``value`` without any ``source`` (offsets move when text above them moves)."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "source"}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def payload_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value differs, sources left out."""
    diff = {}
    for name in [*old, *(key for key in new if key not in old)]:
        if name == "source":
            continue
        before, after = comparable(old.get(name)), comparable(new.get(name))
        if before != after:
            diff[name] = [before, after]
    return diff


def record_diff(current: dict[str, Any], new: dict[str, Any], *, withheld: bool) -> dict[str, list[Any]]:
    """Differences between an existing record's values and the extracted ones the paper gives."""
    diff = {}
    for name, value in current.items():
        extracted = new.get(name)
        if extracted is not None and comparable(extracted) != comparable(value):
            diff[name] = [WITHHELD if withheld else value, comparable(extracted)]
    return diff


# Matching each kind of record


def plan(extraction: Extraction, *, previous: IngestedFile | None = None, bodies: Bodies | None = None) -> list[Draft]:
    """The proposals for one file: what is new or changed against panelbook and earlier versions."""
    bodies = bodies or Bodies.load()
    if bodies.default is None:
        return []
    context = FileContext.of(extraction, bodies)
    drafts = candidates(extraction, context, bodies)
    known = Known.load(drafts, context, bodies, previous)
    planned = []
    for draft in _unique(drafts):
        matched = MATCHERS[draft.record_type](draft, known, context)
        if matched is not None:
            planned.append(matched)
    return planned


def _unique(drafts: list[Draft]) -> list[Draft]:
    """One draft per key: a record repeated in the file is proposed once, where it first appears."""
    seen = set()
    unique = []
    for draft in drafts:
        if (draft.record_type, draft.key) not in seen:
            seen.add((draft.record_type, draft.key))
            unique.append(draft)
    return unique


def _against_proposals(draft: Draft, known: Known) -> Draft | None:
    """Match by an accepted proposal, else by the earlier version's proposal; CREATE when neither."""
    accepted = known.accepted.get((draft.record_type, draft.key))
    if accepted is not None:
        return _compared(draft, accepted.payload, f"accepted proposal #{accepted.pk}", accepted.get_absolute_url())
    earlier = known.earlier.get((draft.record_type, draft.key))
    if earlier is None:
        return draft
    compared = _compared(
        draft, earlier.payload, f"proposal #{earlier.pk} from {earlier.file.name}", earlier.get_absolute_url()
    )
    if compared is not None and earlier.status == Proposal.Status.PROPOSED:
        compared.replaces = earlier
    return compared


def _compared(draft: Draft, old: dict[str, Any], target: str, url: str) -> Draft | None:
    diff = payload_diff(old, draft.payload)
    if not diff:
        return None
    draft.change, draft.diff, draft.target, draft.target_url = UPDATE, diff, target, url
    return draft


def match_paper(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    paper = known.papers.get(draft.payload.get("reference") or "")
    if paper is None:
        return _against_proposals(draft, known)
    current = {
        "title": paper.title,
        "date": paper.paper_date.isoformat(),
        "author": paper.author or None,
        "purpose": paper.purpose.lower(),
        "classification": paper.classification,
    }
    return _against_record(draft, current, paper, f"paper {paper.reference}", known)


def _against_record(draft: Draft, current: dict, record: Any, target: str, known: Known) -> Draft | None:
    """Match an existing record; its values are compared, and nothing is proposed when none differ."""
    diff = record_diff(current, draft.payload, withheld=record.classification == Classification.RED)
    if not diff:
        return None
    draft.change, draft.diff, draft.target, draft.target_url = UPDATE, diff, target, record.get_absolute_url()
    return _unless_proposed_before(draft, known)


def _unless_proposed_before(draft: Draft, known: Known) -> Draft | None:
    """An earlier version already proposed the same (whatever became of it): nothing new to review."""
    earlier = known.earlier.get((draft.record_type, draft.key))
    if earlier is None:
        return draft
    if not payload_diff(earlier.payload, draft.payload):
        return None
    if earlier.status == Proposal.Status.PROPOSED:
        draft.replaces = earlier
    return draft


def match_meeting(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    body = known.bodies.named(draft.payload.get("body")) or context.body
    number = draft.payload.get("number")
    if draft.payload.get("body") and known.bodies.named(draft.payload["body"]) is None:
        draft.warnings.append(f"The body {draft.payload['body']} is not in panelbook; give a body that is.")
    meeting = known.meeting(body, number) if isinstance(number, int) else None
    if meeting is not None:
        current = {"date": meeting.date.isoformat()}
        return _against_record(draft, current, meeting, meeting_label(body, number), known)
    if not isinstance(number, int):
        draft.warnings.append("The paper does not give the meeting's number; give it before accepting.")
    if not draft.payload.get("date"):
        draft.warnings.append("The paper does not give the meeting's date; give it before accepting.")
    return _against_proposals(draft, known)


def match_action(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    ref = parse_action_reference(draft.payload.get("reference"), known.bodies)
    if ref is None:
        draft.warnings.append(unknown_reference(draft.payload.get("reference")))
        return _against_proposals(draft, known)
    action = known.actions.get(ref.reference)
    if action is None:
        _warn_new_action(draft, ref, known, context)
        return _against_proposals(draft, known)
    return _changed_action(draft, action, known)


def unknown_reference(reference: str | None) -> str:
    if not reference:
        return "The action has no reference; give one (e.g. SECP47/02) before accepting."
    return f"The reference {reference} does not start with a body's action prefix and meeting number."


def _warn_new_action(draft: Draft, ref: ActionRef, known: Known, context: FileContext) -> None:
    here = (ref.body.pk, ref.meeting) in context.meetings_here
    if known.meeting(ref.body, ref.meeting) is None and not here:
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
    withheld = action.classification == Classification.RED
    diff = {}
    status = draft.payload.get("status")
    if status in STATUS_ORDER and STATUS_ORDER.index(status) > STATUS_ORDER.index(action.status):
        diff["status"] = [WITHHELD if withheld else action.status, status]
        draft.warnings.append(f"The action is {status} in the paper but {action.get_status_display()} in panelbook.")
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
    return _unless_proposed_before(draft, known)


def match_decision(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    payload = draft.payload
    body = known.bodies.named(payload.get("body")) or context.body
    if payload.get("verb") not in Verb.values:
        draft.warnings.append(f"The verb {payload.get('verb')} is not one of panelbook's decision verbs.")
    number = payload.get("meeting")
    meeting = known.meeting(body, number)
    if number is None:
        draft.warnings.append(f"The {body.short_name} meeting of this decision is not known; give its number.")
    elif meeting is None and (body.pk, number) not in context.meetings_here:
        draft.warnings.append(f"{meeting_label(body, number)} is not in panelbook yet; accept the meeting first.")
    if meeting is not None and _decision_recorded(meeting, payload, known):
        return None
    return _against_proposals(draft, known)


def _decision_recorded(meeting: Meeting, payload: dict[str, Any], known: Known) -> bool:
    text = comparable(payload.get("text"))
    return any(
        d.meeting_id == meeting.pk and d.verb == payload.get("verb") and comparable(d.text) == text
        for d in known.decisions
    )


def match_held(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    """Modifications, measures and incidents: their apps do not exist yet, so accepted proposals hold them."""
    return _against_proposals(draft, known)


MATCHERS = {
    RecordType.PAPER: match_paper,
    RecordType.MEETING: match_meeting,
    RecordType.ACTION: match_action,
    RecordType.DECISION: match_decision,
    RecordType.MODIFICATION: match_held,
    RecordType.MEASURE: match_held,
    RecordType.INCIDENT: match_held,
}
