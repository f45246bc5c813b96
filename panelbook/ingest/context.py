"""What every finder reads: one segmented document, and how to make a source span in it (no Django here)."""

from __future__ import annotations

import re
from typing import Any

from panelbook.ingest.dates import parse_date
from panelbook.ingest.records import NormalText, ReadDocument
from panelbook.ingest.segment import DATE_LINE, Block, Section, Segmented

# "SEC Panel Meeting 81", or panelbook's own minutes' "Meeting: SEC Panel meeting 81"
MEETING_HEADING = re.compile(r"^(?:Meeting:\s*)?(SEC Panel|[A-Z][A-Za-z ]{1,40}?) Meeting\s+(\d{1,3})$", re.IGNORECASE)
# panelbook's own minutes' "Date: Friday 10 May 2024, 10:00–13:00"
LABELLED_DATE = re.compile(r"^Date:\s*(?:[A-Z][a-z]+day )?\d{1,2} [A-Z][a-z]+ \d{4}\b")


class Context:
    """The text, the blocks, the sign-off and meeting heading, and how to make a source span."""

    def __init__(self, read: ReadDocument, normal: NormalText, segmented: Segmented):
        self.read = read
        self.normal = normal
        self.segmented = segmented
        self.text = normal.text
        self.heading_meeting = _meeting_heading(segmented.blocks)
        self.author, self.date = _signoff(segmented)
        if self.date is None and self.heading_meeting is not None:
            self.date = _first_date(segmented.blocks[:6])

    def source(self, start: int, end: int) -> dict[str, Any]:
        return {"file": self.read.name, "page": self.normal.page_of(start), "start": start, "end": end}

    def section_at(self, offset: int) -> Section | None:
        found = None
        for section in self.segmented.sections:
            if section.start <= offset:
                found = section
        return found


def _meeting_heading(blocks: list[Block]) -> re.Match[str] | None:
    for block in blocks[:6]:
        found = MEETING_HEADING.match(block.title or block.text)
        if found:
            return found
    return None


def _signoff(segmented: Segmented) -> tuple[str | None, str | None]:
    if segmented.signoff is None:
        return None, None
    lines = segmented.blocks[segmented.signoff :]
    date_block = next(block for block in lines if DATE_LINE.match(block.text))
    author = lines[0].text if lines[0] is not date_block else None
    return author, parse_date(date_block.text)


def _first_date(blocks: list[Block]) -> str | None:
    for block in blocks:
        if DATE_LINE.match(block.text) or LABELLED_DATE.match(block.text):
            return parse_date(block.text)
    return None
