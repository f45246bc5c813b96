"""Measures: performance figures (CPM4 at 99.1%) and the month they report."""

from __future__ import annotations

import re
from typing import Annotated

from panelbook.ingest.accepting import held as held_until
from panelbook.ingest.context import Context
from panelbook.ingest.dates import MONTHS, month_before
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import FileContext, each_record, held
from panelbook.ingest.models import RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Month, Number, Payload, Required, Text
from panelbook.ingest.segment import Block

MEASURE_CODE = re.compile(r"\b(CPM\s?\d{1,2}|PM\s?\d{1,2}(?:\.\d{1,2})?)\b")
FIGURE = re.compile(r"\bat (\d{1,3}(?:\.\d{1,3})?)%(?:\s*\(previously (\d{1,3}(?:\.\d{1,3})?)%\))?")
PROVIDER = re.compile(r"\b(?:for|in) ((?:CSP |S1SP |DSP )?[A-Z][\w&]*(?: [A-Z][\w&]*)?) $")
LEVEL_STATUS = re.compile(r"\b((?:below|above|within|at) (?:Target|Minimum) Service Level)\b")
PMR_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")(?: \d{4})? PMR\b")


# Finding


def find(context: Context, document: Record) -> list[Record]:
    found = []
    for block in context.segmented.blocks:
        if block.kind not in ("paragraph", "bullet") or "%" not in block.text:
            continue
        codes = list(MEASURE_CODE.finditer(block.text))
        for figure in FIGURE.finditer(block.text):
            code = next((c for c in reversed(codes) if c.end() <= figure.start()), None)
            if code is None:
                continue
            found.append(_measure(context, block, code, figure))
    return found


def _measure(context: Context, block: Block, code: re.Match[str], figure: re.Match[str]) -> Record:
    between = block.text[code.end() : figure.start()]
    provider = PROVIDER.search(block.text[: figure.start()])
    status = LEVEL_STATUS.findall(between)
    return {
        "code": code.group(1).replace(" ", ""),
        "value": float(figure.group(1)),
        "previous": float(figure.group(2)) if figure.group(2) else None,
        "unit": "%",
        "period": _period(context, block),
        "provider": provider.group(1) if provider and provider.start() >= code.end() else None,
        "status": status[-1] if status else None,
        "source": context.source(block.start + code.start(), block.start + figure.end()),
    }


def _period(context: Context, block: Block) -> str | None:
    section = context.section_at(block.start)
    start = section.start if section else 0
    months = PMR_MONTH.findall(context.text[start : block.end])
    return month_before(months[-1], context.date) if months else None


# Proposing: held as accepted proposals until the performance app exists


class MeasurePayload(Payload):
    code: Annotated[Text, Required]
    value: Number = None
    previous: Number = None
    unit: Text = None
    period: Month = None
    provider: Text = None
    status: Text = None


def key(record: Record, context: FileContext) -> str:
    """The measure, the month and the service provider."""
    return f"{record.get('code')}|{record.get('period') or ''}|{record.get('provider') or ''}"


KIND = Kind(
    name="measures",
    find=find,
    summary=("code", "period", "provider", "value", "unit", "status"),
    proposing=Proposing(
        RecordType.MEASURE,
        MeasurePayload,
        propose=each_record("measures", RecordType.MEASURE, key),
        match=held,
        accept=held_until("performance"),
    ),
)
