"""Extract: a segmented document -> the records it holds, each with the span it came from.

The output is the ``Extraction`` described in docs/extract-schema.md. Front matter and
sections are read here; the record finders live in ``finders.py``.
"""

from __future__ import annotations

import re

from panelbook.core.lib.references import PAPER_REFERENCE
from panelbook.ingest import finders
from panelbook.ingest.dates import parse_date
from panelbook.ingest.normalise import PAPER_REFERENCE_SPACED, furniture_key, running_furniture
from panelbook.ingest.records import Extraction, NormalText, ReadDocument
from panelbook.ingest.segment import BULLET, DATE_LINE, Section, Segmented, segment

LABELLED_REFERENCE = re.compile(r"^Paper Reference:?\s*(\S+)", re.IGNORECASE)
PURPOSE = re.compile(r"^Action:?\s*For (Decision|Information|Discussion)\b", re.IGNORECASE)
CLASSIFICATION = re.compile(
    r"\bclassification of (white|green|amber|red|clear)\b|\bTLP:\s*(WHITE|GREEN|AMBER|RED|CLEAR)\b", re.IGNORECASE
)
APPENDIX = re.compile(r"^(Appendix\s+\w+\b.*?)\s*\((WHITE|GREEN|AMBER|RED)\)\s*\.?$|^(Appendix\s+\w+\b.*)$")
MEETING_HEADING = re.compile(r"^(SEC Panel|[A-Z][A-Za-z ]{1,40}?) Meeting\s+(\d{1,3})$", re.IGNORECASE)
PREFIX_BODIES = {"SECP": "PANEL", "TABASC": "TABASC", "TAG": "TAG", "OPSG": "OPSG", "SSC": "SSC", "SMKI": "SMKI PMA"}


class Context:
    """What every finder needs: the text, the blocks, and how to make a source span."""

    def __init__(self, read: ReadDocument, normal: NormalText, segmented: Segmented):
        self.read = read
        self.normal = normal
        self.segmented = segmented
        self.text = normal.text
        self.heading_meeting = _meeting_heading(segmented.blocks)
        self.author, self.date = _signoff(self)
        if self.date is None and self.heading_meeting is not None:
            self.date = _first_date(segmented.blocks[:6])

    def source(self, start: int, end: int) -> dict:
        return {"file": self.read.name, "page": self.normal.page_of(start), "start": start, "end": end}

    def section_at(self, offset: int) -> Section | None:
        found = None
        for section in self.segmented.sections:
            if section.start <= offset:
                found = section
        return found


def extract(read: ReadDocument, normal: NormalText) -> Extraction:
    segmented = segment(read, normal)
    context = Context(read, normal, segmented)
    extraction = Extraction(file=read.name, document={}, warnings=list(read.warnings))
    extraction.sections = [section_json(context, section) for section in segmented.sections]
    extraction.actions = finders.actions(context)
    extraction.decisions = finders.decisions(context)
    extraction.modifications = finders.modifications(context)
    extraction.measures = finders.measures(context)
    extraction.incidents = finders.incidents(context)
    extraction.recommendations = finders.recommendations(context)
    extraction.document = document_json(context, extraction)
    extraction.meetings = finders.meetings(context, extraction.document)
    return extraction


def section_json(context: Context, section: Section) -> dict:
    return {
        "number": section.number,
        "title": section.title,
        "body": section.body,
        "items": [
            {
                "title": item.title,
                "text": "\n".join(block.text for block in item.blocks),
                "source": context.source(item.start, item.end),
            }
            for item in section.items
        ],
        "source": context.source(section.start, section.end),
    }


def document_json(context: Context, extraction: Extraction) -> dict:
    blocks = context.segmented.blocks
    front = blocks[: min(len(blocks), 12)]
    reference = _reference(context, extraction)
    heading_meeting = context.heading_meeting
    body = _body(reference, heading_meeting, extraction)
    start = front[0].start if front else 0
    end = front[-1].end if front else 0
    return {
        "reference": reference,
        "title": _title(context, heading_meeting),
        "kind": context.segmented.kind,
        "date": context.date,
        "classification": _classification(context.read),
        "purpose": _purpose(front),
        "author": context.author,
        "body": body,
        "meeting": _meeting_number(reference, heading_meeting, extraction),
        "pages": len(context.read.pages),
        "appendices": _appendices(context),
        "source": context.source(start, end),
    }


def _reference(context: Context, extraction: Extraction) -> str | None:
    """The reference page 1 gives ("Paper Reference: …"), else the one in the running header or footer."""
    footer = _footer_reference(context.read)
    for block in context.segmented.blocks[:12]:
        labelled = LABELLED_REFERENCE.match(block.text)
        if labelled and PAPER_REFERENCE.match(labelled.group(1)):
            reference = labelled.group(1)
            if footer and footer != reference:
                extraction.warnings.append(
                    f"The running header or footer says {footer} but page 1 says {reference}; "
                    "check the paper's reference."
                )
            return reference
    return footer


def _footer_reference(read: ReadDocument) -> str | None:
    """A paper reference printed in the running header or footer (removed by normalise)."""
    furniture = running_furniture(read.pages)
    for line in read.pages[0].split("\n") if furniture else ():
        if furniture_key(line) in furniture:
            found = PAPER_REFERENCE_SPACED.search(line)
            if found:
                return "_".join(found.groups())
    return None


def _meeting_heading(blocks):
    for block in blocks[:6]:
        found = MEETING_HEADING.match(block.title or block.text)
        if found:
            return found
    return None


def _body(reference: str | None, heading_meeting, extraction: Extraction) -> str | None:
    if reference:
        return PREFIX_BODIES.get(reference.split("_")[0])
    if heading_meeting is not None:
        return "PANEL" if "panel" in heading_meeting.group(1).lower() else heading_meeting.group(1).upper()
    prefixes = [action["reference"].split("/")[0].rstrip("0123456789") for action in extraction.actions]
    return PREFIX_BODIES.get(max(set(prefixes), key=prefixes.count)) if prefixes else None


def _meeting_number(reference: str | None, heading_meeting, extraction: Extraction) -> int | None:
    if reference:
        return int(reference.split("_")[1])
    if heading_meeting is not None:
        return int(heading_meeting.group(2))
    raised = [int(re.search(r"(\d+)/", a["reference"]).group(1)) for a in extraction.actions if a["raised"]]
    return max(set(raised), key=raised.count) if raised else None


def _title(context: Context, heading_meeting) -> str | None:
    for block in context.segmented.blocks[:8]:
        text = block.title or block.text
        if text.lower().startswith("apologies"):
            return None
        if LABELLED_REFERENCE.match(text) or PURPOSE.match(text) or block.kind in ("bullet", "row", "numbered"):
            continue
        if heading_meeting is not None or (block.kind in ("heading", "paragraph") and _is_title(text)):
            return text
    return None


def _is_title(text: str) -> bool:
    return len(text.split()) <= 12 and not text.endswith((".", ":", ";")) and not APPENDIX.match(text)


def _purpose(front) -> str | None:
    for block in front:
        found = PURPOSE.match(block.text)
        if found:
            return found.group(1).lower()
    return None


def _classification(read: ReadDocument) -> str | None:
    for page in read.pages[:2]:
        found = CLASSIFICATION.search(page)
        if found:
            level = (found.group(1) or found.group(2)).upper()
            return "WHITE" if level == "CLEAR" else level
    return None


def _signoff(context: Context):
    segmented = context.segmented
    if segmented.signoff is None:
        return None, None
    lines = segmented.blocks[segmented.signoff :]
    date_block = next(block for block in lines if DATE_LINE.match(block.text))
    author = lines[0].text if lines[0] is not date_block else None
    return author, parse_date(date_block.text)


def _first_date(blocks) -> str | None:
    for block in blocks:
        if DATE_LINE.match(block.text):
            return parse_date(block.text)
    return None


def _appendices(context: Context) -> list[dict]:
    found = []
    listing = False
    for block in context.segmented.blocks:
        text = block.text.removeprefix(BULLET)
        if block.text.lower().startswith(("attachments", "appendices")):
            listing = True
            continue
        match = APPENDIX.match(text) if listing or block.kind == "bullet" else None
        if match:
            title = (match.group(1) or match.group(3)).strip()
            found.append(
                {"title": title, "classification": match.group(2), "source": context.source(block.start, block.end)}
            )
        elif listing and block.kind != "bullet":
            listing = False
    return found
