"""Extract: a segmented document -> what it says of itself: its front matter and its sections.

The output is the ``Extraction`` described in docs/extract-schema.md, without its records: each
record type's finder (``kinds/``) adds those in the pipeline's next stage.
"""

from __future__ import annotations

import re
from string import ascii_uppercase

from panelbook.core.lib.references import PAPER_REFERENCE
from panelbook.ingest.context import Context
from panelbook.ingest.kinds import actions
from panelbook.ingest.normalise import PAPER_REFERENCE_SPACED, furniture_key, running_furniture
from panelbook.ingest.records import Extraction, ReadDocument, Record
from panelbook.ingest.segment import BULLET, Block, Section

LABELLED_REFERENCE = re.compile(r"^Paper Reference:?\s*(\S+)", re.IGNORECASE)
PURPOSE = re.compile(r"^Action:?\s*For (Decision|Information|Discussion)\b", re.IGNORECASE)
CLASSIFICATION = re.compile(
    r"\bclassification of (white|green|amber|red|clear)\b|\bTLP:\s*(WHITE|GREEN|AMBER|RED|CLEAR)\b", re.IGNORECASE
)
APPENDIX = re.compile(r"^(Appendix\s+\w+\b.*?)\s*\((WHITE|GREEN|AMBER|RED)\)\s*\.?$|^(Appendix\s+\w+\b.*)$")
PREFIX_BODIES = {"SECP": "PANEL", "TABASC": "TABASC", "TAG": "TAG", "OPSG": "OPSG", "SSC": "SSC", "SMKI": "SMKI PMA"}


def extract(context: Context) -> Extraction:
    """What the document says of itself: its front matter (``document``) and its numbered sections."""
    extraction = Extraction(file=context.read.name, document={}, warnings=list(context.read.warnings))
    extraction.sections = [section_json(context, section) for section in context.segmented.sections]
    extraction.document = document_json(context, extraction)
    return extraction


def section_json(context: Context, section: Section) -> Record:
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


def document_json(context: Context, extraction: Extraction) -> Record:
    blocks = context.segmented.blocks
    front = blocks[: min(len(blocks), 12)]
    reference = _reference(context, extraction)
    heading_meeting = context.heading_meeting
    # A paper that names neither its reference nor its meeting (an actions log) is placed by its actions.
    placing = actions.find(context, {}) if reference is None and heading_meeting is None else []
    body = _body(reference, heading_meeting, placing)
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
        "meeting": _meeting_number(reference, heading_meeting, placing),
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


def _body(reference: str | None, heading_meeting: re.Match[str] | None, placing: list[Record]) -> str | None:
    if reference:
        return PREFIX_BODIES.get(reference.split("_")[0])
    if heading_meeting is not None:
        return "PANEL" if "panel" in heading_meeting.group(1).lower() else heading_meeting.group(1).upper()
    prefixes = [action["reference"].split("/")[0].rstrip("0123456789") for action in placing]
    return PREFIX_BODIES.get(max(set(prefixes), key=prefixes.count)) if prefixes else None


def _meeting_number(reference: str | None, heading_meeting: re.Match[str] | None, placing: list[Record]) -> int | None:
    if reference:
        return int(reference.split("_")[1])
    if heading_meeting is not None:
        return int(heading_meeting.group(2))
    raised = [int(a["reference"].split("/")[0].lstrip(ascii_uppercase)) for a in placing if a["raised"]]
    return max(set(raised), key=raised.count) if raised else None


def _title(context: Context, heading_meeting: re.Match[str] | None) -> str | None:
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


def _purpose(front: list[Block]) -> str | None:
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


def _appendices(context: Context) -> list[Record]:
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
