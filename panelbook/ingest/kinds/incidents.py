"""Incidents: Major Incident reports (INC… with when they opened, changed category and closed).

Accepting one logs it through the incidents' own verbs (``open_incident`` at its first category,
``recategorise`` for each later change, ``close_incident`` at its last closure), each with the
paper named as the reason. A paper rarely names the service lines in panelbook's words, so the
reviewer gives them (``services``: "SMETS2, CSP N") before accepting. An incident panelbook
already holds is proposed again only when the paper knows a later category or a closing time.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.utils import timezone

from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.ingest.accepting import Done, as_file, find_visible
from panelbook.ingest.context import Context
from panelbook.ingest.dates import DATE, at_time, parse_date
from panelbook.ingest.kinds.kind import Kind, Proposing
from panelbook.ingest.matching import UPDATE, Draft, FileContext, Known, against_proposals, each_record, readable
from panelbook.ingest.models import Proposal, RecordType
from panelbook.ingest.records import Record
from panelbook.ingest.schema import Flag, Items, Moment, Payload, Required, Text
from panelbook.ingest.segment import Block
from panelbook.performance import incident_services
from panelbook.performance.models import Incident, ServiceLine
from panelbook.performance.stability_checks import line_named

INCIDENT = re.compile(r"\b(INC\d{9,15})\b\s*:?\s*(.*)")
OPENED = re.compile(r"Incident opened:?\s*(" + DATE.pattern + r") at (\d{1,2}:\d{2})(?:\s*(?:Severity|Category) (\d))?")
CLOSED = re.compile(r"Incident closed:?\s*(" + DATE.pattern + r") at (\d{1,2}:\d{2})(?:\s+for (.+?))?\.?$")
RAISED = re.compile(
    r"^("
    + DATE.pattern
    + r") at (\d{1,2}:\d{2}) (?:raised|lowered|changed|moved) to (?:an? )?(?:Severity|Category) (\d)"
)
LATER_CLOSURE = re.compile(r"^(" + DATE.pattern + r") at (\d{1,2}:\d{2}) for (.+?)\.?$")


# Finding


def find(context: Context, document: Record) -> list[Record]:
    blocks = context.segmented.blocks
    found = []
    for index, block in enumerate(blocks):
        head = INCIDENT.search(block.text)
        if not head:
            continue
        found.append(_incident(context, blocks, index, head))
    return found


def _incident(context: Context, blocks: list[Block], index: int, head: re.Match[str]) -> Record:
    title = head.group(2).strip().rstrip(".").strip() or None
    record: Record = {"reference": head.group(1), "title": title, "opened": None, "closed": None}
    closures: list[Record] = []
    categories: list[Record] = []
    end = blocks[index].end
    in_closures = False
    for block in blocks[index + 1 :]:
        if INCIDENT.search(block.text) or (block.kind == "heading" and block.level == 1):
            break
        opened, closed = OPENED.search(block.text), CLOSED.search(block.text)
        raised, later = RAISED.match(block.text), LATER_CLOSURE.match(block.text)
        if not (opened or closed or raised or (later and in_closures)):
            continue
        end = block.end
        if opened:
            record["opened"] = at_time(parse_date(opened.group(1)), opened.group(5))
            if opened.group(6):
                categories.append({"at": record["opened"], "category": int(opened.group(6))})
        if raised:
            categories.append(
                {"at": at_time(parse_date(raised.group(1)), raised.group(5)), "category": int(raised.group(6))}
            )
        if closed:
            in_closures = True
            closures.append({"at": at_time(parse_date(closed.group(1)), closed.group(5)), "what": closed.group(6)})
        elif later and in_closures:
            closures.append({"at": at_time(parse_date(later.group(1)), later.group(5)), "what": later.group(6)})
    record["closed"] = max((c["at"] for c in closures), default=None)
    record["closures"] = closures if any(c["what"] for c in closures) else []
    record["categories"] = categories
    record["services"] = None  # the reviewer names them in panelbook's words
    record["major"] = "Major Incident" in context.text
    record["source"] = context.source(blocks[index].start + head.start(), end)
    return record


# Proposing: a new incident is logged through the incidents' verbs; one already held is proposed
# again with what the paper adds (a later category, its closing)


class IncidentPayload(Payload):
    reference: Annotated[Text, Required]
    title: Text = None
    opened: Moment = None
    closed: Moment = None
    closures: Items = []
    categories: Items = []
    services: Text = None
    major: Flag = True


def key(record: Record, context: FileContext) -> str:
    return (record.get("reference") or "").strip().upper()


def match_incident(draft: Draft, known: Known, context: FileContext) -> Draft | None:
    reference = draft.key
    if not Incident.objects.filter(reference=reference).exists():
        if not draft.payload.get("services"):
            draft.warnings.append("Name the service lines it affected (SMETS2, CSP N …) before accepting.")
        return against_proposals(draft, known)
    held = readable(Incident, known.by).filter(reference=reference).first()
    if held is None:
        return draft.hidden(f"The incident {reference}")
    adds = _what_the_paper_adds(held, draft.payload)
    if not adds:
        return None
    draft.shows(held)
    draft.change, draft.target, draft.target_url = UPDATE, str(held), held.get_absolute_url()
    draft.diff = adds
    return against_proposals(draft, known)


def _what_the_paper_adds(held: Incident, payload: dict[str, Any]) -> dict[str, list[Any]]:
    adds: dict[str, list[Any]] = {}
    last = held.changes.order_by("at", "pk").last()
    later = [c for c in _changes(payload) if last is None or c[0] > last.at]
    if later and later[-1][1] != held.category:
        adds["category"] = [held.category, later[-1][1]]
    closed = _moment(payload.get("closed"))
    if held.closed is None and closed is not None:
        adds["closed"] = [None, closed.isoformat(timespec="minutes")]
    return adds


def _changes(payload: dict[str, Any]) -> list[tuple[dt.datetime, int]]:
    """The paper's category history as (moment, category), in time order."""
    found = []
    for change in payload.get("categories") or []:
        at, category = _moment(change.get("at")), change.get("category")
        if at is not None and category is not None:
            found.append((at, int(category)))
    return sorted(found)


def _moment(value: Any) -> dt.datetime | None:
    if not value:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _service_lines(named: str | None) -> list[ServiceLine]:
    lines = list(ServiceLine.objects.all())
    names = [n.strip() for n in (named or "").replace(";", ",").split(",") if n.strip()]
    if not names:
        raise ServiceError({"services": "Name the service lines the incident affected (SMETS2, CSP N …)."})
    found = []
    for name in names:
        line = line_named(name, lines)
        if line is None:
            known = ", ".join(str(line) for line in lines)
            raise ServiceError({"services": f"“{name}” is not a service line panelbook holds ({known})."})
        found.append(line)
    return found


def accept_incident(proposal: Proposal, by: User | None) -> Done:
    """Log the incident, or bring the one held up to what the paper says, through the incidents' verbs."""
    payload, reason = proposal.payload, f"Stated in {proposal.file.name}"
    reference = (payload.get("reference") or "").strip().upper()
    changes, closed = _changes(payload), _moment(payload.get("closed"))
    held = find_visible(Incident, by, f"The incident {reference}", reference=reference)
    if held is None:
        held = _logged(proposal, by, reference, changes)
        changes = changes[1:]
        done = f"Logged {held.reference}"
    else:
        last = held.changes.order_by("at", "pk").last()
        changes = [c for c in changes if last is None or c[0] > last.at]
        done = f"Brought {held.reference} up to the paper"
    for at, category in changes:
        if category != held.category:
            held = incident_services.recategorise(held, by=by, category=category, at=at, reason=reason)
    if closed is not None and held.closed is None:
        held = incident_services.close_incident(held, by=by, closed=closed)
    return Done(done, held.get_absolute_url(), held)


def _logged(proposal: Proposal, by: User | None, reference: str, changes: list[tuple[dt.datetime, int]]) -> Incident:
    payload = proposal.payload
    opened = _moment(payload.get("opened"))
    if opened is None:
        raise ServiceError({"opened": f"Give the time {reference} opened."})
    if not changes:
        raise ServiceError({"categories": f"Give the category {reference} opened at."})
    return incident_services.open_incident(
        by=by,
        reference=reference,
        title=payload.get("title") or reference,
        opened=opened,
        category=changes[0][1],
        services=_service_lines(payload.get("services")),
        is_major=bool(payload.get("major")),
        body=proposal.file.body,
        reason=f"Stated in {proposal.file.name}",
        **as_file(proposal.file),
    )


KIND = Kind(
    name="incidents",
    find=find,
    summary=("reference", "opened", "closed", "title"),
    proposing=Proposing(
        RecordType.INCIDENT,
        IncidentPayload,
        propose=each_record("incidents", RecordType.INCIDENT, key),
        match=match_incident,
        accept=accept_incident,  # adds to what is held (a later category, the closing), never overwrites it
    ),
)
