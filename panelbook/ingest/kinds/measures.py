"""Measures: performance figures (CPM4 at 99.1%) and the month they report."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.ingest.accepting import Done, as_file, find_visible
from panelbook.ingest.context import Context
from panelbook.ingest.dates import MONTHS, month_before
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import (
    UPDATE,
    WITHHELD,
    Draft,
    FileContext,
    Known,
    against_proposals,
    each_record,
    readable,
)
from panelbook.ingest.models import Proposal, RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Month, Number, Payload, Required, Text
from panelbook.ingest.segment import Block
from panelbook.performance import checks
from panelbook.performance import services as performance
from panelbook.performance.checks import Stated
from panelbook.performance.models import Measure, Result

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


# Proposing: each figure checked against the stored results; accepting stores it through the same
# verbs as the results form


class MeasurePayload(Payload):
    code: Annotated[Text, Required]
    value: Number = None
    previous: Number = None
    unit: Text = None
    period: Month = None
    provider: Text = None
    scope: Text = None
    status: Text = None


def key(record: Record, context: FileContext) -> str:
    """The measure, the month and the service provider."""
    return f"{record.get('code')}|{record.get('period') or ''}|{record.get('provider') or ''}"


def _stated(payload: dict[str, Any], measure: Measure, source: str, url: str) -> Stated | None:
    """The figure a payload states, or None when it gives no month or value to check."""
    if not payload.get("period") or payload.get("value") is None:
        return None
    previous = payload.get("previous")
    return Stated(
        source=source,
        url=url,
        measure=measure,
        month=dt.date.fromisoformat(f"{payload['period']}-01"),
        value=_decimal(payload["value"]),
        previous=_decimal(previous) if previous is not None else None,
        scope=payload.get("scope"),
    )


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.001"))


WITHHELD_DIFFERENCE = "The paper's figures differ from a RED result panelbook holds (not shown)."


def match_measure(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    """Nothing to propose when the stored result agrees; an update showing both values when it does not."""
    payload = draft.payload
    try:
        measure = checks.measure_named(payload.get("code") or "", payload.get("provider"))
    except checks.NotInCatalogue as missing:
        draft.warnings.append(str(missing))
        return against_proposals(draft, known)
    stated = _stated(payload, measure, context.name, "")
    if stated is None:
        draft.warnings.append(f"The paper gives no month or value for {measure}; give them to check the figure.")
        return against_proposals(draft, known)
    results = readable(Result, known.by)
    compared = checks.compare(results, stated)
    if compared.scope is None:
        draft.warnings.append(checks.scope_question(measure, stated.scope, results))
        return against_proposals(draft, known)
    if compared.stored is None and _stored_at_all(stated, compared.scope):
        return draft.hidden(f"The result of {measure} for {compared.scope}, {stated.month:%B %Y},")
    if compared.stored is None:
        draft.warnings += compared.differences()
        return against_proposals(draft, known)
    if not compared.differs:
        return None
    stored = compared.stored
    draft.shows(stored)
    withheld = known.withholds(stored)
    draft.warnings += [WITHHELD_DIFFERENCE] if withheld else compared.differences()
    if Decimal(stored.value) != stated.value:
        draft.change, draft.target, draft.target_url = UPDATE, str(stored), measure.get_absolute_url()
        draft.diff = {"value": [WITHHELD if withheld else float(stored.value), float(stated.value)]}
        draft.warnings.append("Accepting corrects the stored result to the paper's figure; reject to keep it.")
        return draft
    return against_proposals(draft, known)


def _stored_at_all(stated: Stated, scope: Any) -> bool:
    return Result.objects.in_force().filter(measure=stated.measure, scope=scope, month=stated.month).exists()


def accept_measure(proposal: Proposal, by: User | None) -> Done:
    """Store the figure as the month's result through ``record_result``, or correct the stored one
    through ``correct_result`` (the reviewer confirmed it); the history names the file."""
    payload = proposal.payload
    try:
        measure = checks.measure_named(payload.get("code") or "", payload.get("provider"))
    except checks.NotInCatalogue as missing:
        raise ServiceError({"code": str(missing)}) from None
    stated = _stated(payload, measure, proposal.file.name, proposal.get_absolute_url())
    if stated is None:
        raise ServiceError({"period": f"Give the month and the value of {measure}."})
    results = readable(Result, by)
    scope = checks.scope_for(measure, stated.scope, results)
    if scope is None:
        raise ServiceError({"scope": checks.scope_question(measure, stated.scope, results)})
    found = find_visible(
        Result,
        by,
        f"The result of {measure} for {scope}, {stated.month:%B %Y},",
        measure=measure,
        scope=scope,
        month=stated.month,
        is_void=False,
    )
    reason = f"Stated in {proposal.file.name}"
    if found is None:
        made = performance.record_result(
            by=by,
            measure=measure,
            scope=scope,
            month=stated.month,
            value=stated.value,
            body=proposal.file.body,
            reason=reason,
            **as_file(proposal.file),
        )
        return Done(f"Recorded {made}", measure.get_absolute_url(), made)
    if Decimal(found.value) == stated.value:
        return Done(f"{found} is already recorded", measure.get_absolute_url(), found)
    corrected = performance.correct_result(found, by=by, value=stated.value, reason=reason)
    return Done(f"Corrected {corrected}", measure.get_absolute_url(), corrected)


def stated_in_papers(user: Any, measure: Measure) -> list[Stated]:
    """The figures for ``measure`` that ingested files ``user`` may see state, proposed or accepted."""
    proposals = (
        readable(Proposal, user)
        .filter(record_type=RecordType.MEASURE, key__startswith=f"{measure.code}|")
        .exclude(status=Proposal.Status.REJECTED)
        .select_related("file")
    )
    named: dict[tuple[str, str], Measure | None] = {}
    figures = []
    for proposal in proposals:
        payload = proposal.payload
        wanted = (payload.get("code") or "", payload.get("provider") or "")
        if wanted not in named:
            try:
                named[wanted] = checks.measure_named(*wanted)
            except checks.NotInCatalogue:
                named[wanted] = None
        if named[wanted] != measure:
            continue
        stated = _stated(payload, measure, proposal.file.name, proposal.get_absolute_url())
        if stated is not None:
            figures.append(stated)
    return figures


KIND = Kind(
    name="measures",
    find=find,
    summary=("code", "period", "provider", "value", "unit", "status"),
    proposing=Proposing(
        RecordType.MEASURE,
        MeasurePayload,
        propose=each_record("measures", RecordType.MEASURE, key),
        match=match_measure,
        accept=accept_measure,
        confirms=("value",),
    ),
)
