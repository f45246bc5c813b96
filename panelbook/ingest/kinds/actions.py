"""Actions: the actions tables and ``ACTION SECP47/02:`` lines of a paper."""

from __future__ import annotations

import re

from panelbook.ingest.context import Context
from panelbook.ingest.kinds.kind import Kind, Record
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


KIND = Kind(name="actions", find=find, summary=("reference", "status", "owner", "text"))
