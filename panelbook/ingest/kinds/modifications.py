"""Modifications: a modification's page saved from the SEC website, and the references papers mention.

A page (HTML or its text) gives one modification field by field: Proposer, Lead Analyst, Date raised,
Stage, Implementation date, Latest update, What is the issue?, What is the solution?, Who is impacted?,
What SEC documents are affected?, and its Timeline of dated events. Accepting it creates or updates the
modification through the register import's own steps (``modifications.imports``: the same form, the
same lifecycle checks, the same plan of raise, move on and correct), keyed by the modification's
identity, so DP081 and MP081 are one and ingesting the page again changes nothing.

Any other paper only mentions modifications (SECMP0040, MP123A, DP045) with, at most, a title: such a
mention is held as accepted data, or points to the modification when the register has it; the paper
itself is listed on the modification's page by the mentions index.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.governance.models import Organisation, PartyCategory, Person
from panelbook.ingest.accepting import Done, as_file
from panelbook.ingest.context import Context
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import (
    HIDDEN,
    UPDATE,
    WITHHELD,
    Draft,
    FileContext,
    Known,
    each_record,
    held,
    unless_proposed_before,
)
from panelbook.ingest.models import Proposal, RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Items, Payload, Required, Text, one_of
from panelbook.ingest.segment import BULLET
from panelbook.modifications import imports, lifecycle
from panelbook.modifications.lifecycle import Stage
from panelbook.modifications.models import Modification
from panelbook.modifications.references import NotAReference, identity, parse

MODIFICATION = re.compile(r"\b(SECMP\d{4}|MP\d{3}[A-Z]?|DP\d{3})\b(?!\.\d)")
QUOTED_TITLE = re.compile(r"^\s*[‘'“\"]([^’”\"]{3,160}?)[’'”\"](?=[\s,.;:)]|$)")
DASHED_TITLE = re.compile(r"^\s*[—–-]\s*([A-Z][^;]{2,160}?)\s*(?:;|\.|$)")
REASON = "Ingested from the modification's page on the SEC website"


# Finding

# The fields of a modification's page, by their label on the page (case and punctuation forgiven).
PAGE_LABELS = {
    "proposer": "proposer",
    "lead analyst": "lead_analyst",
    "date raised": "raised_on",
    "stage": "stage",
    "path": "path",
    "implementation date": "implementation",
    "target release": "implementation",
    "latest update": "latest_update",
    "what is the issue": "issue",
    "what is the solution": "solution",
    "who is impacted": "impacted",
    "what sec documents are affected": "affected_documents",
    "timeline": "timeline",
    "modification documents": "",  # the list of documents, which ingest reads from the papers themselves
}
# A page is a modification's when it has at least these.
PAGE_NEEDS = {"raised_on", "stage", "issue"}
LISTED = {"impacted", "timeline"}  # one entry a line
DAY = r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2} [A-Za-z]{3,9} \d{4}"
DATED = re.compile(
    rf"^(?:(?P<before>{DAY})\s*[-–—:\t]?\s*(?P<event>.+?)|(?P<first>.+?)\s*[-–—:\t]?\s*(?P<after>{DAY}))$"
)


def find(context: Context, document: Record) -> list[Record]:
    found = _mentions(context)
    page = _page(context, document)
    if page is not None:
        found = [page, *(record for record in found if _identity(record["reference"]) != page["key"])]
        del page["key"]
    return found


def _mentions(context: Context) -> list[Record]:
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


def _label(text: str) -> tuple[str | None, str]:
    """The page field a line starts (``None`` when it starts none) and what follows its label on the line."""
    line = text.lstrip("#").strip()
    name, colon, rest = line.partition(":")
    for candidate, value in ((line, ""), (name, rest) if colon else (line, "")):
        key = imports.key_of(candidate)
        if key in PAGE_LABELS:
            return PAGE_LABELS[key], value.strip()
    return None, ""


def _page(context: Context, document: Record) -> Record | None:
    """The page's modification, field by field, when the document is a modification's page. The lines
    are read as the file has them: normalising joins a text file's short lines into paragraphs."""
    fields: dict[str, list[str]] = {}
    current: str | None = None
    heading = None
    for line in "\n".join(context.read.pages).splitlines():
        line = line.strip().removeprefix(BULLET).strip()
        if not line:
            continue
        name, rest = _label(line)
        if name is not None:
            current = name
            fields.setdefault(name, [])
            if rest:
                fields[name].append(rest)
        elif current:
            fields[current].append(line)
        elif heading is None and MODIFICATION.search(line):
            heading = line.lstrip("#").strip()
    if heading is None or not PAGE_NEEDS <= set(fields):
        return None
    match = MODIFICATION.search(heading)
    assert match is not None
    title = _modification_title(heading, match, alone=True) or heading[match.end() :].strip(" \t-–—:‘’'“”\"") or None
    at = context.text.find(match.group(1))
    record: Record = {
        "key": _identity(match.group(1)),
        "reference": match.group(1),
        "title": title,
        "source": context.source(max(at, 0), max(at, 0) + len(match.group(1))),
        "classification": document.get("classification"),
    }
    for name, lines in fields.items():
        if not name:
            continue
        if name == "timeline":
            record[name] = [event for event in map(_event, lines) if event is not None]
        elif name in LISTED:
            record[name] = lines
        else:
            record[name] = "\n".join(lines) or None
    return record


def _event(line: str) -> dict[str, str] | None:
    """``04/11/2024 <tab> Draft Proposal raised`` (or the date last) as {on, event}; a line with no date is none."""
    found = DATED.match(line.strip())
    if found is None:
        return None
    return {"on": found["before"] or found["after"], "event": (found["event"] or found["first"]).strip(" \t-–—:")}


def _identity(reference: str) -> str:
    try:
        return identity(parse(reference))
    except NotAReference:
        return reference.strip().upper()


# Proposing


class ModificationPayload(Payload):
    reference: Annotated[Text, Required]
    title: Text = None
    # From a modification's page only:
    proposer: Text = None
    lead_analyst: Text = None
    raised_on: Text = None  # as written: the import's form names a date it cannot read
    stage: Text = None
    path: Text = None
    implementation: Text = None
    latest_update: Text = None
    issue: Text = None
    solution: Text = None
    impacted: Items = []
    affected_documents: Text = None
    timeline: Items = []
    classification: Annotated[Text, one_of(Classification.values)] = None


def key(record: Record, context: FileContext) -> str:
    """The modification's identity: DP081 and MP081 are one."""
    return _identity(record.get("reference") or "")


def is_page(payload: dict[str, Any]) -> bool:
    return "stage" in payload


@dataclass
class PagePlan:
    """What accepting a page would do (``plan``), or why it cannot (``errors``), and what it leaves out."""

    plan: imports.RowPlan | None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stored: Modification | None = None
    hidden: bool = False  # the register has it, but ``by`` may not see it


# How the page's timeline names the stages (besides the stages' own names).
EVENT_STAGES = {
    **imports.STAGE_NAMES,
    "draft proposal raised": Stage.DRAFT_PROPOSAL,
    "raised": Stage.DRAFT_PROPOSAL,
    "converted to modification proposal": Stage.MODIFICATION_PROPOSAL,
    "change board": Stage.CHANGE_BOARD,
    "sent to the authority": Stage.WITH_AUTHORITY,
}
# Party categories as the SEC website words them, besides their own names.
CATEGORY_NAMES = {
    **{imports.key_of(label): code for code, label in PartyCategory.choices},
    **{imports.key_of(label.removesuffix(" Parties")): code for code, label in PartyCategory.choices},
    **{imports.key_of(code): code for code in PartyCategory.values},
    "large suppliers": PartyCategory.LARGE_SUPPLIER,
    "small suppliers": PartyCategory.SMALL_SUPPLIER,
    "electricity network operators": PartyCategory.ELECTRICITY_NETWORK,
    "electricity networks": PartyCategory.ELECTRICITY_NETWORK,
    "gas network operators": PartyCategory.GAS_NETWORK,
    "gas networks": PartyCategory.GAS_NETWORK,
    "other sec parties": PartyCategory.OTHER,
    "consumers": PartyCategory.CONSUMER,
}
HEADINGS = {
    "reference": "Reference",
    "title": "Title",
    "path": "Path",
    "stage": "Stage",
    "raised_on": "Date raised",
    "issue": "What is the issue?",
}


def plan_page(payload: dict[str, Any], *, by: User | None, today: dt.date | None = None) -> PagePlan:
    """The page read as the register import reads a row, then planned against the register as ``by`` may read it."""
    stored, hidden = _stored(payload.get("reference") or "", by)
    if hidden:
        return PagePlan(None, [HIDDEN.format(payload.get("reference"))], hidden=True)
    stage_dates: dict[Stage, Any] = {}
    raised = payload.get("raised_on")
    for event in payload.get("timeline") or []:
        stage = EVENT_STAGES.get(imports.key_of(event.get("event") if isinstance(event, dict) else ""))
        if stage == Stage.DRAFT_PROPOSAL:
            raised = raised or event.get("on")
        elif stage is not None:
            stage_dates.setdefault(stage, event.get("on"))
    values = {
        "reference": payload.get("reference"),
        "title": payload.get("title"),
        "path": payload.get("path") or (stored.path if stored else None),
        "stage": payload.get("stage"),
        "raised_on": raised,
        "issue": payload.get("issue"),
    }
    headings = {**HEADINGS, **{f"stage:{s.value}": f"Timeline: {lifecycle.STAGE_LABELS[s]}" for s in stage_dates}}
    row, errors = imports.read_record(values, stage_dates, headings=headings, today=today or timezone.localdate())
    result = PagePlan(None, [_said(error) for error in errors], stored=stored)
    details, result.notes, problems = _details(payload)
    result.errors += problems
    if row is None or result.errors:
        return result
    row.details = details
    result.plan, errors = imports.plan_record(row, by=by)
    result.errors += [_said(error) for error in errors]
    return result


def _said(error: imports.RowError) -> str:
    return f"{error.column}: {error.problem}" if error.column else error.problem


def _stored(reference: str, by: User | None) -> tuple[Modification | None, bool]:
    """The modification under ``reference`` or its DP/MP twin that ``by`` may see, and whether one is hidden."""
    try:
        return imports.find_in_register(parse(reference), by=by)
    except NotAReference:
        return None, False


def _details(payload: dict[str, Any]) -> tuple[dict[str, Any], list[str], list[str]]:
    """The page's fields beyond the import's row, as the register names them; notes on what is left
    out, and the values that are wrong."""
    details: dict[str, Any] = {}
    notes, problems = [], []
    for name in ("solution", "affected_documents"):
        if payload.get(name):
            details[name] = payload[name]
    written = [str(item) for item in payload.get("impacted") or []]
    if written:
        codes = [CATEGORY_NAMES.get(imports.key_of(item)) for item in written]
        unknown = [item for item, code in zip(written, codes, strict=True) if code is None]
        if unknown:
            known = ", ".join(label for _, label in PartyCategory.choices)
            named = ", ".join(f"“{u}”" for u in unknown)
            problems.append(f"Who is impacted?: {named} is not a party category: write one of {known}.")
        details["impacted_categories"] = [str(code) for code in codes if code is not None]
    proposer = (payload.get("proposer") or "").strip()
    if proposer:
        organisation = Organisation.objects.filter(name__iexact=proposer).first()
        if organisation is None:
            notes.append(f"Proposer: “{proposer}” is not an organisation in panelbook; the proposer is left as it was.")
        else:
            details["proposer_organisation"] = organisation
    analyst = (payload.get("lead_analyst") or "").strip()
    if analyst:
        people = list(Person.objects.filter(name__iexact=analyst)[:2])
        if len(people) != 1:
            what = "two people in panelbook" if people else "not a person in panelbook"
            notes.append(f"Lead Analyst: “{analyst}” is {what}; the lead analyst is left as it was.")
        else:
            details["lead_analyst"] = people[0]
    return details, notes, problems


def match_modification(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    if not is_page(draft.payload):
        return held(draft, known, context)
    planned = plan_page(draft.payload, by=known.by)
    if planned.hidden:
        return draft.hidden(f"The modification {draft.key}")
    draft.warnings += planned.errors + planned.notes
    stored = planned.stored
    if stored is None:
        return unless_proposed_before(draft, known)
    if planned.plan is not None and planned.plan.outcome == "unchanged":
        return None
    withheld = known.withholds(stored)
    changes = planned.plan.changes if planned.plan else []
    draft.change, draft.target, draft.target_url = UPDATE, stored.reference, stored.get_absolute_url()
    draft.diff = {"changes": [WITHHELD if withheld else None, changes]} if changes else {}
    draft.shows(stored)
    return unless_proposed_before(draft, known)


# Accepting


def accept_modification(proposal: Proposal, by: User | None) -> Done:
    payload = proposal.payload
    if not is_page(payload):
        return _accept_mention(payload, by)
    planned = plan_page(payload, by=by)
    if planned.errors or planned.plan is None:
        raise ServiceError(planned.errors or f"{payload['reference']} cannot be read from the page.")
    acting = imports.Acting(
        by, proposal.file.body, reason=REASON, level=as_file(proposal.file, payload.get("classification"))
    )
    modification = imports.carry_out(planned.plan, acting)
    done = "; ".join([*planned.plan.changes, *planned.notes])
    return Done(
        f"{modification.reference}: {done or 'already up to date'}", modification.get_absolute_url(), modification
    )


def _accept_mention(payload: dict[str, Any], by: User | None) -> Done:
    reference = payload["reference"]
    stored, hidden = _stored(reference, by)
    if hidden:
        return Done(f"Held as accepted data: {HIDDEN.format(reference)}")
    if stored is None:
        return Done(
            f"Held as accepted data: {reference} is not in the register; ingest its page from the SEC website to add it"
        )
    return Done(
        f"{stored.reference} is in the register; the paper is listed on its page", stored.get_absolute_url(), stored
    )


KIND = Kind(
    name="modifications",
    find=find,
    summary=("reference", "title", "stage"),
    proposing=Proposing(
        RecordType.MODIFICATION,
        ModificationPayload,
        propose=each_record("modifications", RecordType.MODIFICATION, key),
        match=match_modification,
        accept=accept_modification,
    ),
)
