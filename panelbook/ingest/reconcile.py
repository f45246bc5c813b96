"""Reconcile: match what a file says against panelbook and plan the proposals (database reads only).

Each record of an ``Extraction`` is matched by reference: a paper by ``Paper.reference``, a
meeting by body and number, an action by ``Action.reference``, a decision by meeting, verb and
text; modifications, measures and incidents (whose apps do not exist yet) by the key of an
earlier accepted proposal. A record that matches with nothing different proposes nothing; one
that differs proposes an UPDATE showing the differences; one without a match proposes a CREATE.
An earlier version of the same document counts as a match too, so a changed file proposes only
what changed. ``source`` offsets are never compared: they move when the text above them moves.

Reconcile runs for a person (``by``): it reads classified records and proposals only through
``visible_to(by)``. Whether a record it may not see holds a reference is asked as yes or no, and
the proposal then says only that (``HIDDEN``). What a draft shows of a record it matched is stored
with that record's label in ``Draft.records``, which every page re-checks for its reader
(``withheld``): a proposal is read later by other people than the one it was planned for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet

from panelbook.actions.models import Action, Decision, Verb
from panelbook.core.classification import Classification, Classified
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
HIDDEN = "{} exists, but you may not see it; ask its owner."
WITHHELD_MATCH = "This proposal was matched against a record you may not see; ask its owner."


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
    records: list[str] = field(default_factory=list)  # labels of the records diff, target and warnings show

    def shows(self, record: Model) -> None:
        """Note that this draft shows something of ``record``: readers who may not see it are not shown it."""
        if label(record) not in self.records:
            self.records.append(label(record))

    def hidden(self, what: str) -> Draft:
        """The record this draft is about exists but ``by`` may not see it: say so, and nothing more."""
        self.change, self.diff, self.target, self.target_url = UPDATE, {}, "", ""
        self.warnings.append(HIDDEN.format(what))
        return self

    @property
    def source(self) -> dict[str, Any]:
        return self.payload.get("source") or {}


# The gate, for the person reconcile runs for


def readable(model: type[Model], by: Any) -> QuerySet:
    """The rows of ``model`` reconcile and the accept verbs may read acting for ``by``.

    A person reads through the gate. The system (``by=None``: the demo loader, ``panelbook ingest``
    without ``--user``) acts for no one and reads everything; what it stores is re-checked for
    each reader by ``withheld``.
    """
    return model.objects.all() if by is None else model.objects.visible_to(by)  # type: ignore[attr-defined]


def label(record: Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def withheld(proposals: list[Proposal], user: Any) -> set[int]:
    """The ids of the proposals that show something of a record ``user`` may not see (one query a model)."""
    wanted: dict[str, set[int]] = {}
    for proposal in proposals:
        for each in proposal.records:
            model, _, pk = each.partition(":")
            wanted.setdefault(model, set()).add(int(pk))
    hidden = set()
    for model, pks in wanted.items():
        visible = set(apps.get_model(model).objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))
        hidden.update(f"{model}:{pk}" for pk in pks - visible)
    return {proposal.pk for proposal in proposals if hidden.intersection(proposal.records)}


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
        for meeting in extraction.records.get("meetings", []):
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
    meetings = [
        _draft(RecordType.MEETING, dict(m), extraction, context, bodies) for m in extraction.records.get("meetings", [])
    ]
    rest = [
        _draft(record_type, dict(record), extraction, context, bodies)
        for list_name, record_type in LISTS
        if record_type != RecordType.MEETING
        for record in extraction.records.get(list_name, [])
    ]
    return [*meetings, paper_draft(extraction, context), *rest]


def paper_draft(extraction: Extraction, context: FileContext) -> Draft:
    """The document as a paper; its sections are summarised and its recommendations folded in."""
    payload = dict(extraction.document)
    payload["sections"] = [
        {"number": s.get("number"), "title": s.get("title"), "body": s.get("body")} for s in extraction.sections
    ]
    payload["recommendations"] = [
        {"verb": r.get("verb"), "text": r.get("text")} for r in extraction.records.get("recommendations", [])
    ]
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
        record.setdefault("meeting", context.meeting_number_for(body, extraction.records.get("meetings", []), bodies))
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
    """The existing records and proposals ``by`` may see that the drafts can match, each kind read in
    one query; and the keys held only by records ``by`` may not see (yes or no, nothing else)."""

    bodies: Bodies
    meetings: dict[tuple[int, int], Meeting]
    papers: dict[str, Paper]
    actions: dict[str, Action]
    decisions: list[Decision]
    accepted: dict[tuple[str, str], Proposal]
    earlier: dict[tuple[str, str], Proposal]
    hidden: set[tuple[str, Any]] = field(default_factory=set)
    by: Any = None

    def withholds(self, record: Classified) -> bool:
        """Whether a matched record's values stay out of the stored diff: the system, planning for
        no one, stores no RED values; a person's plan shows what they may see (re-checked on display)."""
        return self.by is None and record.classification == Classification.RED

    @classmethod
    def load(
        cls, drafts: list[Draft], context: FileContext, bodies: Bodies, previous: IngestedFile | None, by: Any = None
    ) -> Known:
        keys = {draft.record_type: set() for draft in drafts}
        for draft in drafts:
            keys[draft.record_type].add(draft.key)
        pairs = _meeting_pairs(drafts, context, bodies)
        meetings = _meetings(pairs, by)
        references = _action_references(drafts, bodies)
        papers = keys.get(RecordType.PAPER, set())
        known = cls(
            bodies=bodies,
            meetings=meetings,
            papers=_by(readable(Paper, by).filter(reference__in=papers), "reference"),
            actions=_actions(references, by),
            decisions=_decisions(drafts, meetings),
            accepted=_accepted(keys, by),
            earlier=_earlier(previous, by),
            by=by,
        )
        if by is not None:
            known.hidden = _hidden(known, pairs, papers, references, keys, by)
        return known

    def meeting(self, body: Body, number: int | None) -> Meeting | None:
        return self.meetings.get((body.pk, number)) if number is not None else None

    def hides_meeting(self, body: Body, number: int | None) -> bool:
        return (RecordType.MEETING, (body.pk, number)) in self.hidden


def _hidden(
    known: Known, pairs: set, papers: set[str], references: set[str], keys: dict, by: Any
) -> set[tuple[str, Any]]:
    """The keys that only records hidden from the reader hold: yes or no, never what the record says."""
    hidden: set[tuple[str, Any]] = set()
    if pairs - set(known.meetings):
        hidden.update((RecordType.MEETING, pair) for pair in _meeting_rows(pairs - set(known.meetings)))
    if papers - set(known.papers):
        rows = Paper.objects.filter(reference__in=papers - set(known.papers)).values_list("reference", flat=True)
        hidden.update((RecordType.PAPER, reference) for reference in rows)
    if references - set(known.actions):
        rows = Action.objects.filter(reference__in=references - set(known.actions)).values_list("reference", flat=True)
        hidden.update((RecordType.ACTION, reference) for reference in rows)
    every_key = set().union(*keys.values()) if keys else set()
    accepted = Proposal.objects.filter(status=Proposal.Status.ACCEPTED, key__in=every_key)
    for record_type, key in accepted.values_list("record_type", "key"):
        if (record_type, key) not in known.accepted and key in keys.get(record_type, ()):
            hidden.add(("proposal", (record_type, key)))
    if known.decisions:
        visible = set(
            readable(Decision, by).filter(pk__in=[d.pk for d in known.decisions]).values_list("pk", flat=True)
        )
        hidden.update((RecordType.DECISION, d.pk) for d in known.decisions if d.pk not in visible)
    return hidden


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


def _meeting_filter(pairs: set[tuple[int, int]]) -> dict[str, set[int]]:
    return {"body_id__in": {body for body, _ in pairs}, "number__in": {number for _, number in pairs}}


def _meetings(pairs: set[tuple[int, int]], by: Any) -> dict[tuple[int, int], Meeting]:
    if not pairs:
        return {}
    found = readable(Meeting, by).filter(**_meeting_filter(pairs)).select_related("body")
    return {(m.body_id, m.number): m for m in found if (m.body_id, m.number) in pairs}


def _meeting_rows(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    return set(Meeting.objects.filter(**_meeting_filter(pairs)).values_list("body_id", "number")) & pairs


def _action_references(drafts: list[Draft], bodies: Bodies) -> set[str]:
    references = set()
    for draft in drafts:
        if draft.record_type == RecordType.ACTION:
            ref = parse_action_reference(draft.payload.get("reference"), bodies)
            if ref:
                references.add(ref.reference)
    return references


def _actions(references: set[str], by: Any) -> dict[str, Action]:
    if not references:
        return {}
    return _by(readable(Action, by).filter(reference__in=references).prefetch_related("updates"), "reference")


def _decisions(drafts: list[Draft], meetings: dict[tuple[int, int], Meeting]) -> list[Decision]:
    """Every decision at the meetings, hidden ones too: whether an equal one exists is a yes or no."""
    if not any(draft.record_type == RecordType.DECISION for draft in drafts) or not meetings:
        return []
    return list(Decision.objects.filter(meeting__in=[m.pk for m in meetings.values()]))


def _accepted(keys: dict[str, set[str]], by: Any) -> dict[tuple[str, str], Proposal]:
    every_key = set().union(*keys.values())
    accepted = (
        readable(Proposal, by).filter(status=Proposal.Status.ACCEPTED, key__in=every_key).order_by("decided_at", "pk")
    )
    return {(p.record_type, p.key): p for p in accepted if p.key in keys.get(p.record_type, ())}


def _earlier(previous: IngestedFile | None, by: Any) -> dict[tuple[str, str], Proposal]:
    """The latest proposal ``by`` may see for each key across the earlier versions of the document."""
    if previous is None:
        return {}
    files = readable(IngestedFile, by)
    versions = [previous.pk]
    older = previous.supersedes_id
    while older is not None and older not in versions:
        versions.append(older)
        older = files.filter(pk=older).values_list("supersedes_id", flat=True).first()
    proposals = readable(Proposal, by).filter(file_id__in=versions).select_related("file").order_by("pk")
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


def plan(
    extraction: Extraction, *, previous: IngestedFile | None = None, bodies: Bodies | None = None, by: Any = None
) -> list[Draft]:
    """The proposals for one file, planned for ``by``: what is new or changed against the records and
    earlier versions ``by`` may see."""
    bodies = bodies or Bodies.load()
    if bodies.default is None:
        return []
    context = FileContext.of(extraction, bodies)
    drafts = candidates(extraction, context, bodies)
    known = Known.load(drafts, context, bodies, previous, by)
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
        return _compared(draft, accepted, f"accepted proposal #{accepted.pk}")
    if ("proposal", (draft.record_type, draft.key)) in known.hidden:
        return draft.hidden(f"An accepted {draft.record_type} with the key {draft.key}")
    earlier = known.earlier.get((draft.record_type, draft.key))
    if earlier is None:
        return draft
    compared = _compared(draft, earlier, f"proposal #{earlier.pk} from {earlier.file.name}")
    if compared is not None and earlier.status == Proposal.Status.PROPOSED:
        compared.replaces = earlier
    return compared


def _compared(draft: Draft, old: Proposal, target: str) -> Draft | None:
    diff = payload_diff(old.payload, draft.payload)
    if not diff:
        return None
    draft.change, draft.diff, draft.target, draft.target_url = UPDATE, diff, target, old.get_absolute_url()
    draft.shows(old)
    return draft


def match_paper(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    reference = draft.payload.get("reference") or ""
    paper = known.papers.get(reference)
    if paper is None and (RecordType.PAPER, reference) in known.hidden:
        return draft.hidden(f"A paper with the reference {reference}")
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
    diff = record_diff(current, draft.payload, withheld=known.withholds(record))
    if not diff:
        return None
    draft.change, draft.diff, draft.target, draft.target_url = UPDATE, diff, target, record.get_absolute_url()
    draft.shows(record)
    return _unless_proposed_before(draft, known)


def _unless_proposed_before(draft: Draft, known: Known) -> Draft | None:
    """An earlier version already proposed the same (whatever became of it): nothing new to review."""
    earlier = known.earlier.get((draft.record_type, draft.key))
    if earlier is None:
        return draft
    if not payload_diff(earlier.payload, draft.payload):
        return None
    draft.shows(earlier)
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
    if isinstance(number, int) and known.hides_meeting(body, number):
        return draft.hidden(meeting_label(body, number))
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
    if action is None and (RecordType.ACTION, ref.reference) in known.hidden:
        return draft.hidden(f"An action with the reference {ref.reference}")
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
    draft.shows(action)
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
    elif known.hides_meeting(body, number):
        return draft.hidden(meeting_label(body, number))
    elif meeting is None and (body.pk, number) not in context.meetings_here:
        draft.warnings.append(f"{meeting_label(body, number)} is not in panelbook yet; accept the meeting first.")
    recorded = _decision_recorded(meeting, payload, known) if meeting is not None else None
    if recorded is not None and (RecordType.DECISION, recorded.pk) in known.hidden:
        return draft.hidden(f"An equal decision at {meeting_label(body, number)}")
    if recorded is not None:
        return None
    return _against_proposals(draft, known)


def _decision_recorded(meeting: Meeting, payload: dict[str, Any], known: Known) -> Decision | None:
    text = comparable(payload.get("text"))
    same = (d for d in known.decisions if d.meeting_id == meeting.pk and d.verb == payload.get("verb"))
    return next((d for d in same if comparable(d.text) == text), None)


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
