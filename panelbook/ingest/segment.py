"""Segment: normalised text -> blocks, the document's kind, its numbered sections and item headings.

The normalised text holds one block per line. A block is a heading the format marked (``# …``),
a numbered heading (``2.2 TAG Highlights``), a bullet, a table row (tab-separated) or a
paragraph. Sections are the numbered headings (or, in a slide pack, the "Agenda Item N" slides);
items are the unnumbered headings inside a section, each with the text up to the next heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from panelbook.ingest.normalise import BULLET, ENDS_OPEN, ENDS_SENTENCE
from panelbook.ingest.records import NormalText, ReadDocument

NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
# A heading's number written with its own dot ("11. Ofgem update"), which no lost dot can explain
WRITTEN_WITH_DOT = re.compile(r"^(?:#+\s+)?\d{1,2}\.\s")
AGENDA_SLIDE = re.compile(r"^agenda item\s+(\d{1,2})\b", re.IGNORECASE)
PRESENTER = re.compile(r"^(?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}) \((?P<org>[A-Za-z][\w&.\- ]{1,20})\)$")
DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day )?\d{1,2} (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December) \d{4}$"
)
ACTION_ROW = re.compile(r"^[A-Z]{2,10}\d{1,3}/\d{1,3}\t")
DECISION_LEAD = re.compile(r"^The [A-Z][\w ]{1,40}:$")
APOLOGIES = re.compile(r"^apologies\b", re.IGNORECASE)

BODY_NAMES = [
    ("SMKI PMA", re.compile(r"\bSMKI ?PMA\b|Policy Management Authority", re.IGNORECASE)),
    ("TABASC", re.compile(r"\bTABASC\b|Technical Architecture and Business Architecture")),
    ("TAG", re.compile(r"\bTAG\b|Testing Advisory Group")),
    ("OPSG", re.compile(r"\bOPSG\b|Operations Group")),
    ("SSC", re.compile(r"\bSSC\b|Security Sub-?Committee", re.IGNORECASE)),
    ("SMDA", re.compile(r"\bSMDA(?:SC)?\b")),
    ("CHANGE BOARD", re.compile(r"Change Board", re.IGNORECASE)),
    ("PANEL", re.compile(r"\bSEC Panel\b|\bPanel\b")),
]


@dataclass
class Block:
    text: str
    start: int
    end: int
    kind: str  # heading, numbered, bullet, row, paragraph
    level: int = 0
    number: str | None = None
    title: str | None = None


@dataclass
class Item:
    title: str
    start: int
    end: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Section:
    number: str | None
    title: str
    body: str | None
    start: int
    end: int
    heading: Block
    blocks: list[Block] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    presenter: str | None = None
    organisation: str | None = None


@dataclass
class Segmented:
    kind: str
    blocks: list[Block]
    sections: list[Section]
    signoff: int | None  # index of the first sign-off block (author, team, date), if found


def segment(read: ReadDocument, normal: NormalText) -> Segmented:
    blocks = split_blocks(normal.text)
    kind = document_kind(read, blocks)
    signoff = find_signoff(blocks)
    body_blocks = blocks[:signoff] if signoff is not None else blocks
    if kind == "slide pack":
        sections = slide_sections(body_blocks)
    else:
        sections = numbered_sections(body_blocks, default_body="PANEL" if kind == "minutes" else None)
    for section in sections:
        section.items = section_items(section, headings_only=kind == "slide pack")
    return Segmented(kind, blocks, sections, signoff)


def split_blocks(text: str) -> list[Block]:
    blocks = []
    offset = 0
    for line in text.split("\n"):
        if line:
            blocks.append(classify(line, offset))
        offset += len(line) + 1
    return blocks


def classify(line: str, start: int) -> Block:
    end = start + len(line)
    if line.startswith("#"):
        marks = len(line) - len(line.lstrip("#"))
        title = line[marks:].strip()
        numbered = NUMBERED.match(title)
        number = numbered.group(1) if numbered and is_title_like(numbered.group(2)) else None
        if numbered and number:
            title = numbered.group(2).strip()
        return Block(line, start, end, "heading", level=marks, number=number, title=title)
    if line.startswith(BULLET):
        return Block(line, start, end, "bullet")
    if "\t" in line:
        return Block(line, start, end, "row")
    numbered = NUMBERED.match(line)
    if numbered and is_title_like(numbered.group(2)):
        return Block(line, start, end, "numbered", number=numbered.group(1), title=numbered.group(2).strip())
    return Block(line, start, end, "paragraph")


def is_title_like(text: str) -> bool:
    text = text.strip()
    return bool(
        text
        and (text[0].isupper() or text[0].isdigit() or text[0] in "‘“'\"")
        and len(text) <= 110
        and len(text.split()) <= 16
        and not ENDS_SENTENCE.search(text)
        and not ENDS_OPEN.search(text)
    )


def document_kind(read: ReadDocument, blocks: list[Block]) -> str:
    headings = [b.title or "" for b in blocks if b.kind == "heading"]
    if read.format == "pptx" or sum(bool(AGENDA_SLIDE.match(h)) for h in headings) >= 2:
        return "slide pack"
    opening = [b.text for b in blocks[:12]]
    decision_leads = sum(bool(DECISION_LEAD.match(b.text)) for b in blocks)
    if any(APOLOGIES.match(text) for text in opening) or decision_leads >= 2 or _is_titled(blocks, "minutes"):
        return "minutes"
    if _is_titled(blocks, "sub-committee report") or sum("highlights" in (b.title or "").lower() for b in blocks) >= 2:
        return "sub-committee report"
    rows = sum(bool(ACTION_ROW.match(b.text)) for b in blocks)
    if rows >= 3 and rows * 3 >= len(blocks):
        return "actions log"
    return "other"


def _is_titled(blocks: list[Block], phrase: str) -> bool:
    return any(phrase in (b.title or b.text).lower() and len(b.text) < 120 for b in blocks[:8])


def find_signoff(blocks: list[Block]) -> int | None:
    """The sign-off (name, team, date) near the end of a paper: the index of its first block."""
    for index in range(len(blocks) - 1, max(len(blocks) - 8, 0) - 1, -1):
        if DATE_LINE.match(blocks[index].text):
            first = index
            while first > 0 and index - first < 3 and _is_signoff_line(blocks[first - 1]):
                first -= 1
            return first if first < index else None
    return None


def _is_signoff_line(block: Block) -> bool:
    return block.kind == "paragraph" and len(block.text.split()) <= 5 and not ENDS_SENTENCE.search(block.text)


def body_named(text: str) -> str | None:
    """The first governance body a heading names, by position in the text."""
    found = [(match.start(), code) for code, pattern in BODY_NAMES if (match := pattern.search(text))]
    return min(found)[1] if found else None


def numbered_sections(blocks: list[Block], default_body: str | None) -> list[Section]:
    sections: list[Section] = []
    top = 0
    parents: dict[str, Section] = {}
    for block in blocks:
        number = _section_number(block, top, set(parents))
        if number is None:
            if sections:
                sections[-1].blocks.append(block)
            continue
        if "." not in number:
            top = int(number)
        parent = parents.get(number.split(".")[0]) if "." in number else None
        body = body_named(block.title or "") or (parent.body if parent else None) or default_body
        section = Section(number, block.title or "", body, block.start, block.end, block)
        parents.setdefault(number, section)
        sections.append(section)
    _close_spans(sections)
    return sections


def _section_number(block: Block, top: int, taken: set[str] | None = None) -> str | None:
    """The section number a numbered heading carries, repairing OCR's lost dot ("21" under 2).

    A number written with its dot ("11. Ofgem update") is a section of its own even out of order:
    minutes record an item taken early where it was taken."""
    if block.number is None:
        return None
    number = block.number
    if "." in number:
        return number if int(number.split(".")[0]) == top else None
    value, taken = int(number), taken or set()
    if number not in taken and (value == top + 1 or str(value - 1) in taken):
        return number  # the next section, or the next after one taken early
    if WRITTEN_WITH_DOT.match(block.text):
        return number if value > top and number not in taken else None
    if len(number) == 2 and top and number[0] == str(top) and number[1] != "0":
        return f"{number[0]}.{number[1]}"
    return None


def slide_sections(blocks: list[Block]) -> list[Section]:
    sections: list[Section] = []
    current: Section | None = None
    skip_until = -1
    for index, block in enumerate(blocks):
        if index <= skip_until:
            continue
        slide = AGENDA_SLIDE.match(block.title or "") if block.kind == "heading" else None
        if slide:
            title, presenter, used = _slide_title(blocks, index + 1)
            current = Section(slide.group(1), title, "PANEL", block.start, block.end, block)
            if presenter:
                current.presenter, current.organisation = presenter.group("name"), presenter.group("org")
            sections.append(current)
            skip_until = index + used
            continue
        if current is not None and block.kind == "heading" and block.level == 1 and _ends_slides(block):
            current = None
        if current is not None:
            current.blocks.append(block)
    _close_spans(sections)
    return sections


def _ends_slides(block: Block) -> bool:
    return (block.title or "").lower().startswith(("next meeting", "sec panel meeting"))


def _slide_title(blocks: list[Block], first: int):
    """The title after an "Agenda Item N" heading and the presenter line ending it: (title, presenter, blocks used).

    A title may wrap over unmarked lines until the presenter; a marked heading is the whole title.
    Without a presenter, only the first line is taken as the title.
    """
    parts: list[str] = []
    title_marked = False
    for used, block in enumerate(blocks[first : first + 4]):
        presenter = PRESENTER.match(block.text)
        if presenter:
            return " ".join(parts), presenter, used + 1
        if title_marked or (block.kind == "heading" and (block.level == 1 or parts)):
            break
        parts.append(block.title or block.text)
        title_marked = block.kind == "heading"
    return (parts[0] if parts else ""), None, min(len(parts), 1)


def _close_spans(sections: list[Section]) -> None:
    for section in sections:
        section.end = section.blocks[-1].end if section.blocks else section.heading.end


def section_items(section: Section, headings_only: bool = False) -> list[Item]:
    """Unnumbered item headings inside a section, each with the blocks up to the next heading."""
    items: list[Item] = []
    blocks = section.blocks
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "heading" if headings_only else _is_item_heading(block, following):
            items.append(Item(block.title or block.text, block.start, block.end))
        elif items:
            items[-1].blocks.append(block)
            items[-1].end = block.end
    return items


def _is_item_heading(block: Block, following: Block | None) -> bool:
    if block.kind == "heading" and block.number is None:
        return not AGENDA_SLIDE.match(block.title or "")
    if block.kind != "paragraph" or following is None or PRESENTER.match(block.text):
        return False
    return is_title_like(block.text) and len(block.text.split()) <= 14 and following.kind != "bullet"
