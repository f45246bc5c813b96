"""Decisions: "The Panel:" decision blocks and decisions written in prose."""

from __future__ import annotations

import re

from panelbook.ingest.context import Context
from panelbook.ingest.kinds.kind import Kind, Record
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


KIND = Kind(name="decisions", find=find, summary=("body", "verb", "text"))
