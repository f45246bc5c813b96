"""Incidents: Major Incident reports (INC… with when they opened, changed category and closed)."""

from __future__ import annotations

import re
from typing import Annotated

from panelbook.ingest.accepting import held as held_until
from panelbook.ingest.context import Context
from panelbook.ingest.dates import DATE, at_time, parse_date
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import FileContext, each_record, held
from panelbook.ingest.models import RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Items, Moment, Payload, Required, Text
from panelbook.ingest.segment import Block

INCIDENT = re.compile(r"\b(INC\d{9,15})\b\s*:?\s*(.*)")
OPENED = re.compile(r"Incident opened:?\s*(" + DATE.pattern + r") at (\d{1,2}:\d{2})(?:\s*(?:Severity|Category) (\d))?")
CLOSED = re.compile(r"Incident closed:?\s*(" + DATE.pattern + r") at (\d{1,2}:\d{2})(?:\s+for (.+?))?\.?$")
RAISED = re.compile(
    r"^("
    + DATE.pattern
    + r") at (\d{1,2}:\d{2}) (?:raised|lowered|changed|moved) to (?:an? )?(?:Severity|Category) (\d)"
)
LATER_CLOSURE = re.compile(r"^(" + DATE.pattern + r") at (\d{1,2}:\d{2}) for (.+?)\.?$")


# Finding


def find(context: Context, document: Record) -> list[Record]:
    blocks = context.segmented.blocks
    found = []
    for index, block in enumerate(blocks):
        head = INCIDENT.search(block.text)
        if not head:
            continue
        found.append(_incident(context, blocks, index, head))
    return found


def _incident(context: Context, blocks: list[Block], index: int, head: re.Match[str]) -> Record:
    title = head.group(2).strip().rstrip(".").strip() or None
    record: Record = {"reference": head.group(1), "title": title, "opened": None, "closed": None}
    closures: list[Record] = []
    categories: list[Record] = []
    end = blocks[index].end
    in_closures = False
    for block in blocks[index + 1 :]:
        if INCIDENT.search(block.text) or (block.kind == "heading" and block.level == 1):
            break
        opened, closed = OPENED.search(block.text), CLOSED.search(block.text)
        raised, later = RAISED.match(block.text), LATER_CLOSURE.match(block.text)
        if not (opened or closed or raised or (later and in_closures)):
            continue
        end = block.end
        if opened:
            record["opened"] = at_time(parse_date(opened.group(1)), opened.group(5))
            if opened.group(6):
                categories.append({"at": record["opened"], "category": int(opened.group(6))})
        if raised:
            categories.append(
                {"at": at_time(parse_date(raised.group(1)), raised.group(5)), "category": int(raised.group(6))}
            )
        if closed:
            in_closures = True
            closures.append({"at": at_time(parse_date(closed.group(1)), closed.group(5)), "what": closed.group(6)})
        elif later and in_closures:
            closures.append({"at": at_time(parse_date(later.group(1)), later.group(5)), "what": later.group(6)})
    record["closed"] = max((c["at"] for c in closures), default=None)
    record["closures"] = closures if any(c["what"] for c in closures) else []
    record["categories"] = categories
    record["source"] = context.source(blocks[index].start + head.start(), end)
    return record


# Proposing: held as accepted proposals until the performance app exists


class IncidentPayload(Payload):
    reference: Annotated[Text, Required]
    title: Text = None
    opened: Moment = None
    closed: Moment = None
    closures: Items = []
    categories: Items = []


def key(record: Record, context: FileContext) -> str:
    return (record.get("reference") or "").strip().upper()


KIND = Kind(
    name="incidents",
    find=find,
    summary=("reference", "opened", "closed", "title"),
    proposing=Proposing(
        RecordType.INCIDENT,
        IncidentPayload,
        propose=each_record("incidents", RecordType.INCIDENT, key),
        match=held,
        accept=held_until("performance"),
    ),
)
