"""Papers: the document itself. Its front matter is read by the extract stage (``extract.py``), so it
has no finder; its sections and recommendations are proposed with it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.governance import services as governance
from panelbook.governance.models import AgendaItem, Paper, Purpose
from panelbook.ingest.accepting import Done, as_file, find_visible
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import (
    Bodies,
    Draft,
    FileContext,
    Known,
    against_proposals,
    against_record,
    clip_key,
    meeting_label,
    parse_paper_reference,
)
from panelbook.ingest.models import Proposal, RecordType
from panelbook.ingest.records import DOCUMENT_KINDS, Extraction
from panelbook.ingest.schema import Day, Items, Payload, Text, WholeNumber, one_of

PURPOSES = {"decision": Purpose.DECISION, "information": Purpose.INFORMATION, "discussion": Purpose.DISCUSSION}


class PaperPayload(Payload):
    reference: Text = None
    title: Text = None
    kind: Annotated[Text, one_of(DOCUMENT_KINDS)] = None
    date: Day = None
    classification: Annotated[Text, one_of(Classification.values)] = None
    purpose: Annotated[Text, one_of(PURPOSES)] = None
    author: Text = None
    body: Text = None
    meeting: WholeNumber = None
    pages: WholeNumber = None
    appendices: Items = []
    sections: Items = []
    recommendations: Items = []


# Proposing


def propose(extraction: Extraction, context: FileContext, bodies: Bodies) -> list[Draft]:
    """The document as a paper; its sections are summarised and its recommendations folded in."""
    payload = dict(extraction.document)
    payload["sections"] = [
        {"number": s.get("number"), "title": s.get("title"), "body": s.get("body")} for s in extraction.sections
    ]
    payload["recommendations"] = [
        {"verb": r.get("verb"), "text": r.get("text")} for r in extraction.records.get("recommendations", [])
    ]
    draft = Draft(RecordType.PAPER, clip_key(payload.get("reference") or context.name), payload)
    draft.warnings.extend(extraction.warnings)
    if extraction.document.get("body") and not context.body_named:
        draft.warnings.append(
            f"The body {extraction.document['body']} is not in panelbook; the file is filed under {context.body}."
        )
    return [draft]


# Matching


def match_paper(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    reference = draft.payload.get("reference") or ""
    paper = known.papers.get(reference)
    if paper is None and (RecordType.PAPER, reference) in known.hidden:
        return draft.hidden(f"A paper with the reference {reference}")
    if paper is None:
        return against_proposals(draft, known)
    current = {
        "title": paper.title,
        "date": paper.paper_date.isoformat(),
        "author": paper.author or None,
        "purpose": paper.purpose.lower(),
        "classification": paper.classification,
    }
    return against_record(draft, current, paper, f"paper {paper.reference}", known)


# Accepting


def accept_paper(proposal: Proposal, by: User | None) -> Done:
    payload = proposal.payload
    reference = payload.get("reference")
    paper = (
        find_visible(Paper, by, f"A paper with the reference {reference}", reference=reference) if reference else None
    )
    if paper is not None:
        return Done(
            f"Linked to paper {paper.reference}, already in panelbook; its fields are unchanged",
            paper.get_absolute_url(),
            paper,
        )
    item, why_not = _item_for_paper(reference, by)
    if item is None or not payload.get("title") or not payload.get("date"):
        why_not = why_not or "the paper's title or date is missing"
        return Done(f"Held as accepted data; no paper created: {why_not}")
    paper = governance.create_paper(
        by=by,
        agenda_item=item,
        reference=reference,
        title=payload["title"][:300],
        paper_date=dt.date.fromisoformat(payload["date"]),
        published_at=governance.published_on(dt.date.fromisoformat(payload["date"])),
        purpose=PURPOSES.get(payload.get("purpose") or "", Purpose.INFORMATION),
        author=(payload.get("author") or "")[:200],
        **as_file(proposal.file, payload.get("classification")),
    )
    return Done(
        f"Created paper {paper.reference} for item {item.number} of {item.meeting}", paper.get_absolute_url(), paper
    )


def _item_for_paper(reference: str | None, by: User | None) -> tuple[AgendaItem | None, str]:
    """The agenda item a paper reference names, or why there is none."""
    parsed = parse_paper_reference(reference, Bodies.load())
    if parsed is None:
        return None, "the reference does not name a body's meeting and agenda item"
    body, number, item_number = parsed
    meeting = meeting_label(body, number)
    lookup = {"meeting__body": body, "meeting__number": number, "number": item_number}
    item = find_visible(AgendaItem, by, f"Item {item_number} of {meeting}", "meeting__body", **lookup)
    if item is None:
        return None, f"item {item_number} of {meeting} is not in panelbook"
    return item, ""


KIND = Kind(
    name="papers",
    proposing=Proposing(RecordType.PAPER, PaperPayload, propose=propose, match=match_paper, accept=accept_paper),
)
