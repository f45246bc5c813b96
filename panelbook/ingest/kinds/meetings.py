"""Meetings: the meeting a paper is for, with its agenda, apologies and the next meeting's date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.governance import services as governance
from panelbook.governance.models import Body, Meeting
from panelbook.ingest.accepting import Done, as_file, body_for, find_visible
from panelbook.ingest.context import Context
from panelbook.ingest.dates import day_of_reference, parse_date
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import (
    Draft,
    FileContext,
    Known,
    against_proposals,
    against_record,
    body_key,
    each_record,
    meeting_label,
)
from panelbook.ingest.models import Proposal, RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Day, Items, Payload, Text, WholeNumber
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
    if document["reference"] and document["date"]:
        return day_of_reference(document["reference"], document["date"])
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
        "number": int(number) if number is not None else None,
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


# Matching


class MeetingPayload(Payload):
    body: Text = None
    number: WholeNumber = None
    date: Day = None
    agenda: Items = []
    attendance: Items = []
    apologies: Items = []
    next_meeting: Day = None


def key(record: Record, context: FileContext) -> str:
    """The body and number, or the date when the paper gives no number."""
    number = record.get("number")
    which = number if number is not None else f"date {record.get('date')}"
    return f"{body_key(record.get('body'), context)}|{which}"


def match_meeting(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    _warn_of_a_worked_out_date(draft, context)
    body = known.bodies.named(draft.payload.get("body")) or context.body
    number = draft.payload.get("number")
    if draft.payload.get("body") and known.bodies.named(draft.payload["body"]) is None:
        draft.warnings.append(f"The body {draft.payload['body']} is not in panelbook; give a body that is.")
    meeting = known.meeting(body, number) if isinstance(number, int) else None
    if meeting is not None:
        current = {"date": meeting.date.isoformat()}
        return against_record(draft, current, meeting, meeting_label(body, number), known)
    if isinstance(number, int) and known.hides_meeting(body, number):
        return draft.hidden(meeting_label(body, number))
    if not isinstance(number, int):
        draft.warnings.append("The paper does not give the meeting's number; give it before accepting.")
    if not draft.payload.get("date"):
        draft.warnings.append("The paper does not give the meeting's date; give it before accepting.")
    return against_proposals(draft, known)


def _warn_of_a_worked_out_date(draft: Draft, context: FileContext) -> None:
    """A date read from a reference's day and month carries a year panelbook chose: never apply it unseen."""
    date = draft.payload.get("date")
    if date and date == context.reference_day:
        day = dt.date.fromisoformat(date)
        draft.warnings.append(
            f"The meeting's date, {day:%-d %B %Y}, is worked out from the day and month in the paper's reference "
            "and the year nearest the paper's date; the paper does not print it. Check the year before accepting."
        )


# Accepting


# A meeting whose paper gives only its date is taken to be the usual morning meeting.
MEETING_STARTS = dt.time(10, 0)
MEETING_ENDS = dt.time(13, 0)


def accept_meeting(proposal: Proposal, by: User | None) -> Done:
    payload = proposal.payload
    body = body_for(payload.get("body"), proposal.file)
    number = payload.get("number")
    if number is None:
        raise ServiceError({"number": "Give the meeting's number; the paper does not say."})
    meeting = find_visible(Meeting, by, meeting_label(body, number), "body", body=body, number=number)
    if meeting is None:
        return _create_meeting(proposal, body, number, by)
    return _redate_meeting(meeting, payload.get("date"), by)


def _create_meeting(proposal: Proposal, body: Body, number: int, by: User | None) -> Done:
    payload = proposal.payload
    if not payload.get("date"):
        raise ServiceError({"date": "Give the meeting's date (YYYY-MM-DD); the paper does not say."})
    day = dt.date.fromisoformat(payload["date"])
    starts_at, ends_at = _meeting_times(day)
    meeting = governance.create_meeting(
        by=by, body=body, number=number, starts_at=starts_at, ends_at=ends_at, **as_file(proposal.file)
    )
    items = _add_agenda(meeting, payload.get("agenda") or [], by)
    if day < timezone.localdate():
        meeting = governance.mark_meeting_held(meeting, by=by)
    label = meeting_label(body, number)
    return Done(f"Created {label} on {day:%-d %B %Y} with {items} agenda items", meeting.get_absolute_url(), meeting)


def _meeting_times(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        timezone.make_aware(dt.datetime.combine(day, MEETING_STARTS)),
        timezone.make_aware(dt.datetime.combine(day, MEETING_ENDS)),
    )


def _add_agenda(meeting: Meeting, agenda: list[Any], by: User | None) -> int:
    """Add the agenda's items as printed; an item without a title, or numbered twice, is left out."""
    numbers = set()
    for position, line in enumerate(agenda, start=1):
        number = line.get("number") if isinstance(line, dict) else None
        title = (line.get("title") or "").strip() if isinstance(line, dict) else ""
        if not title or not isinstance(number, int) or number in numbers:
            continue
        numbers.add(number)
        note = (line.get("note") or "").lower()
        governance.add_agenda_item(
            meeting, by=by, number=number, title=title[:300], position=position, brought_forward="forward" in note
        )
    return len(numbers)


def _redate_meeting(meeting: Meeting, date: str | None, by: User | None) -> Done:
    label = meeting_label(meeting.body, meeting.number)
    if not date or dt.date.fromisoformat(date) == meeting.date:
        return Done(f"{label} is already in panelbook; nothing to change", meeting.get_absolute_url(), meeting)
    day = dt.date.fromisoformat(date)
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    moved = governance.update_meeting(
        meeting,
        by=by,
        starts_at=timezone.make_aware(dt.datetime.combine(day, start.time())),
        ends_at=timezone.make_aware(dt.datetime.combine(day + (end.date() - start.date()), end.time())),
    )
    was = meeting.date
    return Done(f"Moved {label} from {was:%-d %B %Y} to {day:%-d %B %Y}", moved.get_absolute_url(), moved)


KIND = Kind(
    name="meetings",
    find=find,
    summary=("body", "number", "date"),
    proposing=Proposing(
        RecordType.MEETING,
        MeetingPayload,
        propose=each_record("meetings", RecordType.MEETING, key),
        match=match_meeting,
        accept=accept_meeting,
        confirms=("date",),
    ),
)
