"""Modifications: the references of modification proposals (SECMP0040, MP123A, DP045) and their titles."""

from __future__ import annotations

import re
from typing import Annotated

from panelbook.ingest.accepting import held as held_until
from panelbook.ingest.context import Context
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import FileContext, each_record, held
from panelbook.ingest.models import RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Payload, Required, Text
from panelbook.ingest.segment import BULLET

MODIFICATION = re.compile(r"\b(SECMP\d{4}|MP\d{3}[A-Z]?|DP\d{3})\b(?!\.\d)")
QUOTED_TITLE = re.compile(r"^\s*[‘'“\"]([^’”\"]{3,160}?)[’'”\"](?=[\s,.;:)]|$)")
DASHED_TITLE = re.compile(r"^\s*[—–-]\s*([A-Z][^;]{2,160}?)\s*(?:;|\.|$)")


# Finding


def find(context: Context, document: Record) -> list[Record]:
    found: dict[str, Record] = {}
    for block in context.segmented.blocks:
        body = block.text.removeprefix(BULLET)
        offset = block.start + (len(block.text) - len(body))
        references = list(MODIFICATION.finditer(body))
        for match in references:
            reference = match.group(1)
            title = _modification_title(body, match, alone=len(references) == 1)
            record = found.get(reference)
            if record is None:
                start = offset + match.start()
                found[reference] = {
                    "reference": reference,
                    "title": title,
                    "source": context.source(start, offset + match.end()),
                }
            elif title and not record["title"]:
                record["title"] = title
    return list(found.values())


def _modification_title(text: str, match: re.Match[str], alone: bool) -> str | None:
    after = text[match.end() :]
    quoted = QUOTED_TITLE.match(after)
    if quoted:
        return quoted.group(1).strip()
    dashed = DASHED_TITLE.match(after)
    if dashed and alone and match.start() == 0:
        return dashed.group(1).strip()
    return None


# Proposing: held as accepted proposals until the modifications app exists


class ModificationPayload(Payload):
    reference: Annotated[Text, Required]
    title: Text = None


def key(record: Record, context: FileContext) -> str:
    return (record.get("reference") or "").strip().upper()


KIND = Kind(
    name="modifications",
    find=find,
    summary=("reference", "title"),
    proposing=Proposing(
        RecordType.MODIFICATION,
        ModificationPayload,
        propose=each_record("modifications", RecordType.MODIFICATION, key),
        match=held,
        accept=held_until("modifications"),
    ),
)
