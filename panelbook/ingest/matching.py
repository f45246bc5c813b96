"""What the record types' matchers share: drafts, bodies and references, what panelbook holds, comparing.

``reconcile.plan`` builds the drafts of a file through each kind's ``propose``, loads ``Known`` (what
panelbook already holds that they can match, read for ``by`` through the gate) and runs each kind's
``match``. A record ``by`` may not see is asked about as yes or no only (``HIDDEN``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from panelbook.actions.models import Action, Decision
from panelbook.core.classification import Classification, Classified
from panelbook.core.lib.references import PAPER_REFERENCE, action_reference
from panelbook.core.models import User
from panelbook.core.records import reference
from panelbook.governance.models import Body, Meeting, Paper
from panelbook.ingest.dates import day_of_reference
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.records import Extraction, Record

CREATE = Proposal.Change.CREATE


UPDATE = Proposal.Change.UPDATE


ACTION_REFERENCE = re.compile(r"^\s*(?P<prefix>[A-Za-z][A-Za-z ]*?)\s*(?P<meeting>\d+)\s*/\s*(?P<sequence>\d+)\s*$")


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
        if reference(record) not in self.records:
            self.records.append(reference(record))

    def hidden(self, what: str) -> Draft:
        """The record this draft is about exists but ``by`` may not see it: say so, and nothing more."""
        self.change, self.diff, self.target, self.target_url = UPDATE, {}, "", ""
        self.warnings.append(HIDDEN.format(what))
        return self

    @property
    def source(self) -> dict[str, Any]:
        return self.payload.get("source") or {}


# The gate, for the person reconcile runs for


def readable(model: type[Model], by: User | None) -> QuerySet:
    """The rows of ``model`` reconcile and the accept verbs may read acting for ``by``.

    A person reads through the gate. The system (``by=None``: the demo loader, ``panelbook ingest``
    without ``--user``) acts for no one and reads everything; what it stores is re-checked for
    each reader by ``withheld``.
    """
    return model.objects.all() if by is None else model.objects.visible_to(by)  # type: ignore[attr-defined]


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
    body = bodies.with_action_prefix(match["prefix"]) if match else None
    return ActionRef(body, int(match["meeting"]), int(match["sequence"])) if match and body else None


def parse_paper_reference(reference: str | None, bodies: Bodies) -> tuple[Body, int, int] | None:
    """``SECP_67_1204_19`` -> (the body with paper prefix SECP, meeting 67, item 19), or None."""
    match = PAPER_REFERENCE.match(reference or "")
    body = bodies.with_paper_prefix(match["prefix"]) if match else None
    return (body, int(match["meeting"]), int(match["item"])) if match and body else None


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
    # The meeting date the reference's day and month name, in a year panelbook chose (papers only:
    # minutes and slide packs print their meeting's date).
    reference_day: str | None = None

    @classmethod
    def of(cls, extraction: Extraction, bodies: Bodies) -> FileContext:
        document = extraction.document
        named = bodies.named(document.get("body"))
        body = named or bodies.default
        if body is None:
            raise ValueError("A file is filed under a body; there are no bodies in panelbook yet.")
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
            reference_day=None
            if document.get("kind") in ("slide pack", "minutes")
            else day_of_reference(document.get("reference"), document.get("date")),
        )

    def meeting_number_for(self, body: Body, meetings: list[dict[str, Any]], bodies: Bodies) -> int | None:
        """The number of the meeting of ``body`` this file is about, when the file says."""
        if body == self.body and self.meeting is not None:
            return self.meeting
        numbers = {m.get("number") for m in meetings if (bodies.named(m.get("body")) or self.body) == body}
        numbers.discard(None)
        return numbers.pop() if len(numbers) == 1 else None


def body_key(code: str | None, context: FileContext) -> str:
    return (code or context.body.short_name).upper()


def clip_key(key: str) -> str:
    return key[:KEY_LENGTH]


def held(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    """A record whose app does not exist yet: accepted proposals hold it, so match those."""
    return against_proposals(draft, known)


def each_record(name: str, record_type: str, key: Callable[[Record, FileContext], str]) -> Proposer:
    """A kind's ``propose``: one draft per record of the extraction's list ``name``, keyed by ``key``."""

    def propose(extraction: Extraction, context: FileContext, bodies: Bodies) -> list[Draft]:
        records = [dict(record) for record in extraction.records.get(name, [])]
        return [Draft(record_type, clip_key(key(record, context)), record) for record in records]

    return propose


Proposer = Callable[[Extraction, "FileContext", "Bodies"], list["Draft"]]


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
    by: User | None = None

    def withholds(self, record: Classified) -> bool:
        """Whether a matched record's values stay out of the stored diff: the system, planning for
        no one, stores no RED values; a person's plan shows what they may see (re-checked on display)."""
        return self.by is None and record.classification == Classification.RED

    @classmethod
    def load(
        cls,
        drafts: list[Draft],
        context: FileContext,
        bodies: Bodies,
        previous: IngestedFile | None,
        by: User | None = None,
    ) -> Known:
        keys: dict[str, set[str]] = {draft.record_type: set() for draft in drafts}
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
    known: Known, pairs: set, papers: set[str], references: set[str], keys: dict, by: User | None
) -> set[tuple[str, Any]]:
    """The keys that only records hidden from the reader hold: yes or no, never what the record says."""
    hidden: set[tuple[str, Any]] = set()
    if pairs - set(known.meetings):
        hidden.update((RecordType.MEETING, pair) for pair in _meeting_rows(pairs - set(known.meetings)))
    if papers - set(known.papers):
        rows = Paper.objects.filter(reference__in=papers - set(known.papers)).values_list("reference", flat=True)
        hidden.update((RecordType.PAPER, reference) for reference in rows)
    if references - set(known.actions):
        taken = Action.objects.filter(reference__in=references - set(known.actions)).values_list("reference", flat=True)
        hidden.update((RecordType.ACTION, reference) for reference in taken)
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


def _meetings(pairs: set[tuple[int, int]], by: User | None) -> dict[tuple[int, int], Meeting]:
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


def _actions(references: set[str], by: User | None) -> dict[str, Action]:
    if not references:
        return {}
    return _by(readable(Action, by).filter(reference__in=references).prefetch_related("updates"), "reference")


def _decisions(drafts: list[Draft], meetings: dict[tuple[int, int], Meeting]) -> list[Decision]:
    """Every decision in force at the meetings, hidden ones too: whether an equal one exists is a yes
    or no. A voided one is not on record."""
    if not any(draft.record_type == RecordType.DECISION for draft in drafts) or not meetings:
        return []
    return list(Decision.objects.in_force().filter(meeting__in=[m.pk for m in meetings.values()]))


def _accepted(keys: dict[str, set[str]], by: User | None) -> dict[tuple[str, str], Proposal]:
    every_key = set().union(*keys.values())
    accepted = (
        readable(Proposal, by).filter(status=Proposal.Status.ACCEPTED, key__in=every_key).order_by("decided_at", "pk")
    )
    return {(p.record_type, p.key): p for p in accepted if p.key in keys.get(p.record_type, ())}


def _earlier(previous: IngestedFile | None, by: User | None) -> dict[tuple[str, str], Proposal]:
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


def against_proposals(draft: Draft, known: Known) -> Draft | None:
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


def against_record(draft: Draft, current: dict, record: Any, target: str, known: Known) -> Draft | None:
    """Match an existing record; its values are compared, and nothing is proposed when none differ."""
    diff = record_diff(current, draft.payload, withheld=known.withholds(record))
    if not diff:
        return None
    draft.change, draft.diff, draft.target, draft.target_url = UPDATE, diff, target, record.get_absolute_url()
    draft.shows(record)
    return unless_proposed_before(draft, known)


def unless_proposed_before(draft: Draft, known: Known) -> Draft | None:
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
