"""Decisions: "The Panel:" decision blocks and decisions written in prose."""

from __future__ import annotations

import re
from typing import Annotated, Any

from panelbook.actions import services as verbs
from panelbook.actions.models import Decision, Verb
from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.governance.models import AgendaItem, Meeting
from panelbook.ingest.accepting import Done, as_file, body_for, find_visible, missing_meeting
from panelbook.ingest.context import Context
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import (
    HIDDEN,
    Bodies,
    Draft,
    FileContext,
    Known,
    against_proposals,
    body_key,
    clip_key,
    comparable,
    meeting_label,
    readable,
)
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.records import Extraction, Record
from panelbook.ingest.schema import Flag, Payload, Required, Text, WholeNumber, one_of
from panelbook.ingest.segment import Block, body_named

BODY_PROSE = (
    r"(?P<majority>majority of the )?(?P<body>SEC Panel|Panel|TABASC|TAG|OPSG|Operations Group|SSC|SMKI PMA|"
    r"SMDASC|SMDA Sub[- ]Committee|Change Board)"
)
VERBS = {
    "NOTED": "NOTED",
    "AGREED": "AGREED",
    "APPROVED": "APPROVED",
    "CONDITIONALLY APPROVED": "CONDITIONALLY_APPROVED",
    "DEFERRED": "DEFERRED",
    "DISCUSSED": "DISCUSSED",
    "ENDORSED": "ENDORSED",
    "REJECTED": "REJECTED",
    "RECOMMENDED": "RECOMMENDED",
    "SUPPORTED": "SUPPORTED",
    "ACCEPTED": "ACCEPTED",
    "SET THE COMPLIANCE STATUS": "SET_STATUS",
    "SET THE ASSURANCE STATUS": "SET_STATUS",
}
UPPER_VERB = (
    "CONDITIONALLY APPROVED|NOTED|AGREED|APPROVED|DEFERRED|DISCUSSED|ENDORSED|REJECTED|RECOMMENDED|SUPPORTED|ACCEPTED"
)
# In reports, sub-committee decisions are written in lower case ("The TAG approved …"); "noted" is left out
# because reports use it for information, not decisions.
LOWER_VERB = (
    "conditionally approved|approved|agreed|endorsed|deferred|accepted|supported|rejected|recommended|"
    "set the compliance status|set the assurance status"
)
ADVERBS = r"(?: (?:also|then|therefore|unanimously|subsequently|initially|had))*"
PROSE_UPPER = re.compile(rf"\b[Tt]he {BODY_PROSE}{ADVERBS} (?P<verb>{UPPER_VERB})\b(?P<rest>.*)")
PROSE_LOWER = re.compile(rf"\b[Tt]he {BODY_PROSE}{ADVERBS} (?P<verb>{LOWER_VERB})\b(?P<rest>.*)", re.IGNORECASE)
DECISION_LEAD = re.compile(rf"^The {BODY_PROSE}:$")
BULLET_VERB = re.compile(r"^• (?P<verb>[A-Z]{4,}(?: [A-Z]{4,})*)\b\s*(?P<rest>.*)")
SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)’”\]])\.(?=\s|$)")


# Finding


def find(context: Context, document: Record) -> list[Record]:
    found: list[Record] = []
    blocks = context.segmented.blocks
    lead_body = None
    formal_only = context.segmented.kind == "minutes"
    for index, block in enumerate(blocks):
        lead = DECISION_LEAD.match(block.text)
        if lead:
            lead_body = _body_code(lead.group("body"))
            continue
        if block.kind == "bullet" and lead_body:
            decision = _decision_from_bullet(context, block, lead_body)
            if decision:
                found.append(decision)
                continue
        lead_body = None
        if block.kind in ("paragraph", "bullet"):
            found.extend(_decisions_in_prose(context, blocks, index, formal_only))
    return _without_repeats(context, found)


def _without_repeats(context: Context, found: list[Record]) -> list[Record]:
    """A report's summary repeats decisions its sections give in full; keep them where the section gives them."""
    last = {(d["body"], d["verb"], d["text"]): index for index, d in enumerate(found)}
    return [
        d
        for index, d in enumerate(found)
        if last[(d["body"], d["verb"], d["text"])] == index or not _in_summary(context, d)
    ]


def _in_summary(context: Context, decision: Record) -> bool:
    section = context.section_at(decision["source"]["start"])
    return section is not None and bool(re.search(r"purpose|highlights|summary", section.title, re.IGNORECASE))


def _body_code(name: str) -> str:
    return body_named(name) or name.upper()


def _decision(context: Context, body: str, verb: str, text: str, majority: bool, start: int, end: int) -> Record:
    section = context.section_at(start)
    return {
        "body": body,
        "verb": VERBS[" ".join(verb.upper().split())],
        "text": tidy(text),
        "item": section.number if section else None,
        "majority": majority,
        "source": context.source(start, end),
    }


def tidy(text: str) -> str:
    return re.sub(r"(?:;\s*(?:and)?|\.|,)\s*$", "", text.strip()).strip()


def _decision_from_bullet(context: Context, block: Block, body: str) -> Record | None:
    found = BULLET_VERB.match(block.text)
    if not found or " ".join(found.group("verb").split()) not in VERBS:
        return None
    return _decision(context, body, found.group("verb"), found.group("rest"), False, block.start, block.end)


def _decisions_in_prose(context: Context, blocks: list[Block], index: int, formal_only: bool) -> list[Record]:
    block = blocks[index]
    patterns = [PROSE_UPPER] if formal_only else [PROSE_UPPER, PROSE_LOWER]
    found = []
    taken: set[int] = set()
    for pattern in patterns:
        for match in pattern.finditer(block.text):
            if match.start() in taken:
                continue
            taken.add(match.start())
            text, end = _sentence_rest(match.group("rest"), block, match.start("rest"))
            if text.endswith(":"):
                text, end = _with_bullets(text, blocks, index, end)
            start = block.start + match.start()
            body = _body_code(match.group("body"))
            found.append(_decision(context, body, match.group("verb"), text, bool(match.group("majority")), start, end))
    return found


def _sentence_rest(rest: str, block: Block, rest_start: int) -> tuple[str, int]:
    stop = SENTENCE_END.search(rest)
    text = rest[: stop.start()] if stop else rest
    return text.strip(), block.start + rest_start + len(text)


def _with_bullets(text: str, blocks: list[Block], index: int, end: int) -> tuple[str, int]:
    parts = [text]
    for following in blocks[index + 1 :]:
        if following.kind != "bullet":
            break
        parts.append(following.text)
        end = following.end
    return "\n".join(parts), end


# Proposing


class DecisionPayload(Payload):
    body: Text = None
    meeting: WholeNumber = None
    verb: Annotated[Text, one_of(Verb.values), Required]
    text: Annotated[Text, Required]
    item: Text = None
    majority: Flag = False


def propose(extraction: Extraction, context: FileContext, bodies: Bodies) -> list[Draft]:
    """One draft per decision, at the meeting the file is about when the decision does not say."""
    meetings = extraction.records.get("meetings", [])
    drafts = []
    for found in extraction.records.get("decisions", []):
        record = dict(found)
        body = bodies.named(record.get("body")) or context.body
        record.setdefault("meeting", context.meeting_number_for(body, meetings, bodies))
        drafts.append(Draft(RecordType.DECISION, clip_key(key(record, context)), record))
    return drafts


def key(record: Record, context: FileContext) -> str:
    """The body, meeting, verb and wording."""
    meeting = record.get("meeting") if record.get("meeting") is not None else "?"
    text = " ".join((record.get("text") or "").split())
    return f"{body_key(record.get('body'), context)}|{meeting}|{record.get('verb')}|{text}"


# Matching


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
    return against_proposals(draft, known)


def _decision_recorded(meeting: Meeting, payload: dict[str, Any], known: Known) -> Decision | None:
    text = comparable(payload.get("text"))
    same = (d for d in known.decisions if d.meeting_id == meeting.pk and d.verb == payload.get("verb"))
    return next((d for d in same if comparable(d.text) == text), None)


# Accepting


def accept_decision(proposal: Proposal, by: User | None) -> Done:
    payload = proposal.payload
    body = body_for(payload.get("body"), proposal.file)
    number = payload.get("meeting")
    if number is None:
        raise ServiceError({"meeting": f"Give the number of the {body} meeting that took the decision."})
    meeting = find_visible(Meeting, by, meeting_label(body, number), "body", body=body, number=number)
    if meeting is None:
        raise missing_meeting(body, number)
    text = comparable(payload["text"])
    same = _equal_decision(meeting, payload["verb"], text, by)
    if same is not None:
        return Done(f"The decision is already recorded at {meeting}", meeting.get_absolute_url(), same)
    recorded = verbs.record_decision(
        by=by,
        verb=payload["verb"],
        text=payload["text"],
        meeting=meeting,
        agenda_item=_agenda_item(meeting, payload.get("item"), proposal.file, by),
        by_majority=bool(payload.get("majority")),
        **as_file(proposal.file),
    )
    return Done(
        f"Recorded the decision at {meeting}: {Verb(payload['verb']).label} {text[:80]}",
        meeting.get_absolute_url(),
        recorded,
    )


def _equal_decision(meeting: Meeting, verb: str, text: str, by: User | None) -> Decision | None:
    """The decision in force that ``by`` may see with this verb and text at the meeting; refused when
    only a hidden one has. A voided decision is not on record, so the paper's may be recorded again."""
    same = [d for d in Decision.objects.in_force().filter(meeting=meeting, verb=verb) if comparable(d.text) == text]
    visible = readable(Decision, by).filter(pk__in=[d.pk for d in same]).first() if same else None
    if same and visible is None:
        raise ServiceError(HIDDEN.format(f"An equal decision at {meeting}"))
    return visible


def _agenda_item(meeting: Meeting, item: str | None, stored: IngestedFile, by: User | None) -> AgendaItem | None:
    """In minutes a decision's item is the agenda item; in a report it is a section, not an item."""
    if stored.kind != "minutes" or not item or not item.isdigit():
        return None
    return find_visible(AgendaItem, by, f"Item {item} of {meeting}", meeting=meeting, number=int(item))


KIND = Kind(
    name="decisions",
    find=find,
    summary=("body", "verb", "text"),
    proposing=Proposing(
        RecordType.DECISION, DecisionPayload, propose=propose, match=match_decision, accept=accept_decision
    ),
)
