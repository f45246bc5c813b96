"""Meetings: the meeting a paper is for, with its agenda, apologies and the next meeting's date."""

from __future__ import annotations

import re

from panelbook.ingest.context import Context
from panelbook.ingest.dates import MONTHS, parse_date
from panelbook.ingest.kinds.kind import Kind, Record
from panelbook.ingest.segment import DATE_LINE, Block, Section

AGENDA_LINE = re.compile(r"^(\d{1,2})\.?\s+(.+?)(?:\s+\((brought forward|deferred|withdrawn|[^()]{1,30})\))?$")
APOLOGY_CATEGORIES = (
    "Large Suppliers",
    "Large Supplier",
    "Small Suppliers",
    "Small Supplier",
    "Electricity Network Parties",
    "Electricity Networks",
    "Gas Network Parties",
    "Gas Networks",
    "Other SEC Parties",
    "Other SEC Party",
    "Citizen’s Advice",
    "Citizens Advice",
    "Citizen's Advice",
    "Consumer Member",
    "Consumer Members",
    "Independent Chair",
    "DCC",
)


# Finding


def find(context: Context, document: Record) -> list[Record]:
    """The meeting the document's front matter names, if it names one."""
    if document["meeting"] is None:
        return []
    kind = context.segmented.kind
    record = {
        "body": document["body"],
        "number": document["meeting"],
        "date": _meeting_date(document),
        "agenda": _agenda(context) if kind in ("slide pack", "minutes") else [],
        "attendance": [],
        "apologies": _apologies(context),
        "next_meeting": _next_meeting(context),
        "source": document["source"],
    }
    return [record]


def _meeting_date(document: Record) -> str | None:
    reference = document["reference"]
    if reference and document["date"]:
        day_month = reference.split("_")[2]
        year = int(document["date"][:4])
        return parse_date(f"{int(day_month[:2])} {MONTHS[int(day_month[2:]) - 1]} {year}")
    if document["kind"] in ("slide pack", "minutes"):
        return document["date"]
    return None


def _agenda(context: Context) -> list[Record]:
    sections = {section.number: section for section in context.segmented.sections}
    if context.segmented.kind == "minutes":
        return [_agenda_line(context, s.number, s.title, None, s.heading, s) for s in sections.values()]
    lines = []
    listing = False
    for block in context.segmented.blocks:
        title = (block.title or "").lower()
        if block.kind == "heading":
            listing = "agenda" in title and not title.startswith("agenda item")
            continue
        agenda = AGENDA_LINE.match(block.text) if listing else None
        if agenda:
            number = agenda.group(1)
            lines.append(_agenda_line(context, number, agenda.group(2), agenda.group(3), block, sections.get(number)))
    return lines


def _agenda_line(
    context: Context, number: str | None, title: str, note: str | None, block: Block, section: Section | None
) -> Record:
    return {
        "number": int(number),
        "title": title.strip(),
        "presenter": section.presenter if section else None,
        "organisation": section.organisation if section else None,
        "note": note,
        "source": context.source(block.start, block.end),
    }


def _apologies(context: Context) -> list[Record]:
    blocks = context.segmented.blocks
    start = next((i for i, b in enumerate(blocks[:15]) if b.text.lower().startswith("apologies")), None)
    if start is None:
        return []
    found = []
    for block in blocks[start + 1 :]:
        if block.kind in ("numbered", "heading") or len(block.text.split()) > 8:
            break
        if block.text.lower().startswith("category"):
            continue
        category, name = _split_apology(block.text)
        found.append({"name": name, "category": category, "source": context.source(block.start, block.end)})
    return found


def _split_apology(text: str) -> tuple[str | None, str]:
    if "\t" in text:
        category, name = text.split("\t", 1)
        return category.strip() or None, name.strip()
    for category in APOLOGY_CATEGORIES:
        if text.startswith(category + " "):
            return category, text[len(category) :].strip()
    words = text.split()
    return (" ".join(words[:-2]) or None), " ".join(words[-2:])


def _next_meeting(context: Context) -> str | None:
    blocks = context.segmented.blocks
    for index, block in enumerate(blocks):
        if "next meeting" in (block.title or block.text).lower() and len(block.text) < 120:
            on_line = parse_date(block.text)
            if on_line:
                return on_line
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and DATE_LINE.match(following.text):
                return parse_date(following.text)
    return None


KIND = Kind(name="meetings", find=find, summary=("body", "number", "date"))
