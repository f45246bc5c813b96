"""The incidents import: the DCC's log of incidents as a spreadsheet (CSV or XLSX), previewed, then
stored through the incidents' own verbs.

1. ``core.lib.sheets.read_sheet``: the file -> headings and numbered rows;
2. ``preview``: each row read (reference, title, opened, category, services; optionally regions,
   restored, closed, Major, impact, root cause), checked (a reference that is not INC and digits, a
   category outside 1–5, a service line or region panelbook does not hold, a time not yet come, a
   restoration or a closing before the incident opened, a reference given twice in the file) and
   matched with the incidents held: a new incident, the closing of one held open, or unchanged.
   Nothing is stored;
3. ``import_incidents``: the preview made again in one transaction and carried out through
   ``open_incident``, ``record_restoration`` and ``close_incident``, with the file named in their
   history. While any row is in error nothing is stored, unless the person chose the good rows only.

An incident held at another category than the file's is an error on its row: a change of category
needs its time, so it is recategorised on the incident's page. A file imported again stores nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from panelbook.core.lib.sheets import RowError, Sheet, filled, heading_key
from panelbook.core.models import User
from panelbook.core.services import ServiceError, verb
from panelbook.performance import incident_services as services
from panelbook.performance.incidents import CATEGORIES
from panelbook.performance.models import Incident, Region, ServiceLine
from panelbook.performance.stability_checks import line_named

COLUMNS = {
    "reference": "reference",
    "incident": "reference",
    "incident reference": "reference",
    "title": "title",
    "summary": "title",
    "opened": "opened",
    "raised": "opened",
    "category": "category",
    "severity": "category",
    "services": "services",
    "service lines": "services",
    "affected services": "services",
    "regions": "regions",
    "restored": "restored",
    "service restored": "restored",
    "closed": "closed",
    "major": "major",
    "major incident": "major",
    "impact": "impact",
    "root cause": "root_cause",
}
REQUIRED = {
    "reference": "Reference",
    "title": "Title",
    "opened": "Opened",
    "category": "Category",
    "services": "Services",
}
OPTIONAL = ["Regions", "Restored", "Closed", "Major", "Impact", "Root cause"]
REFERENCE = re.compile(r"INC\d{6,15}")
MOMENT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"]
YES, NO = {"yes", "y", "true", "1", "major"}, {"no", "n", "false", "0", ""}


class ColumnsRefused(ValueError):
    """The headings are not those of an incidents sheet; the message names what is missing or unknown."""


def read_columns(sheet: Sheet) -> dict[str, int]:
    columns: dict[str, int] = {}
    unknown, repeated = [], []
    for index, heading in enumerate(sheet.headings):
        name = COLUMNS.get(heading_key(heading))
        if name is None:
            unknown.append(heading or f"(column {index + 1} has no heading)")
        elif name in columns:
            repeated.append(heading)
        else:
            columns[name] = index
    problems = []
    missing = [label for name, label in REQUIRED.items() if name not in columns]
    if missing:
        problems.append(f"it has no column {', '.join(f'“{m}”' for m in missing)}")
    if unknown:
        problems.append(f"the column {', '.join(f'“{u}”' for u in unknown)} is not one the import knows")
    if repeated:
        problems.append(f"{', '.join(f'“{r}”' for r in repeated)} repeats another column")
    if problems:
        known = ", ".join(f"“{label}”" for label in [*REQUIRED.values(), *OPTIONAL])
        raise ColumnsRefused(f"{sheet.name}: {'; '.join(problems)}. The columns are {known}.")
    return columns


@dataclass
class Row:
    """One row read: the incident it describes."""

    number: int
    reference: str
    title: str
    opened: dt.datetime
    category: int
    services: list[ServiceLine]
    regions: list[Region] = field(default_factory=list)
    restored: dt.datetime | None = None
    closed: dt.datetime | None = None
    is_major: bool = False
    impact: str = ""
    root_cause: str = ""

    @property
    def label(self) -> str:
        return f"{self.reference} ({self.title})"


@dataclass
class RowPlan:
    row: Row
    outcome: str  # "create", "close" or "unchanged"
    held: Incident | None = None

    @property
    def change(self) -> str:
        row = self.row
        if self.outcome == "create":
            closing = f", closed {_when(row.closed)}" if row.closed else ", still open"
            return f"Log at Category {row.category}, opened {_when(row.opened)}{closing}"
        if self.outcome == "close" and row.closed is not None:
            return f"Close it at {_when(row.closed)}"
        return "Matches the incident held."


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y %H:%M}"


@dataclass
class Preview:
    source: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for plan in self.rows if plan.outcome == outcome)

    @property
    def rows_in_error(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def changes_anything(self) -> bool:
        return any(plan.outcome != "unchanged" for plan in self.rows)

    def summary(self) -> str:
        created, closed, unchanged = self.count("create"), self.count("close"), self.count("unchanged")
        if self.errors:
            rows, good = self.rows_in_error, created + closed
            return (
                f"{rows} row{'s' if rows != 1 else ''} of {self.source} {'are' if rows != 1 else 'is'} in error; "
                f"nothing is stored until they are put right, or you choose to store only the {good} good "
                f"row{'s' if good != 1 else ''} that change something."
            )
        if not created and not closed:
            return f"Nothing to change: all {unchanged} rows of {self.source} match the incidents held."
        return f"{created} to log, {closed} to close and {unchanged} unchanged, from {self.source}."

    def fingerprint(self) -> str:
        return (
            "|".join(f"{p.row.number}:{p.outcome}:{p.change}" for p in self.rows)
            + "#"
            + ",".join(str(e.row) for e in self.errors)
        )


class Known:
    """The service lines and regions a row may name, by code or name."""

    def __init__(self) -> None:
        self.lines = list(ServiceLine.objects.all())
        self.regions = {heading_key(n): r for r in Region.objects.all() for n in (r.code, r.name)}

    def services(self, text: str) -> list[ServiceLine]:
        found = []
        for name in _names(text):
            line = line_named(name, self.lines)
            if line is None:
                known = ", ".join(f"“{line}”" for line in self.lines)
                raise ValueError(f"“{name}” is not a service line; the service lines are {known}.")
            found.append(line)
        if not found:
            raise ValueError("is empty.")
        return found

    def region_list(self, text: str) -> list[Region]:
        found = []
        for name in _names(text):
            region = self.regions.get(heading_key(name))
            if region is None:
                known = ", ".join(sorted({f"“{r}”" for r in self.regions.values()}))
                raise ValueError(f"“{name}” is not a region; the regions are {known}.")
            found.append(region)
        return found


def _names(text: str) -> list[str]:
    return [name.strip() for name in re.split(r"[;,]", text) if name.strip()]


def preview(sheet: Sheet, *, by: User | None, now: dt.datetime | None = None) -> Preview:
    """What importing ``sheet`` would do, row by row, storing nothing."""
    now = now or timezone.now()
    columns = read_columns(sheet)
    known = Known()
    shown = Preview(sheet.name)
    read: list[Row] = []
    for number, cells in sheet.rows:
        row, errors = _read_row(number, cells, columns, known, now)
        shown.errors += errors
        if row is not None:
            read.append(row)
    read = _without_repeats(read, shown)
    plans, errors = _plans(read, by)
    shown.rows, shown.errors = plans, sorted(shown.errors + errors, key=lambda e: e.row)
    return shown


def _read_row(
    number: int, cells: list[Any], columns: dict[str, int], known: Known, now: dt.datetime
) -> tuple[Row | None, list[RowError]]:
    def cell(name: str) -> Any:
        index = columns.get(name)
        value = cells[index] if index is not None and index < len(cells) else None
        return value if filled(value) else None

    def text(name: str) -> str:
        value = cell(name)
        return str(value).strip() if value is not None else ""

    errors = [RowError(number, label, "is empty.") for name, label in REQUIRED.items() if not text(name)]
    if errors:
        return None, errors
    values: dict[str, Any] = {}
    checks = {
        "reference": ("Reference", lambda: _reference(text("reference"))),
        "opened": ("Opened", lambda: _moment(cell("opened"), now)),
        "category": ("Category", lambda: _category(text("category"))),
        "services": ("Services", lambda: known.services(text("services"))),
        "regions": ("Regions", lambda: known.region_list(text("regions"))),
        "restored": ("Restored", lambda: _moment(cell("restored"), now) if cell("restored") is not None else None),
        "closed": ("Closed", lambda: _moment(cell("closed"), now) if cell("closed") is not None else None),
        "is_major": ("Major", lambda: _yes_or_no(text("major"))),
    }
    for name, (label, read) in checks.items():
        try:
            values[name] = read()
        except ValueError as problem:
            errors.append(RowError(number, label, str(problem)))
    opened = values.get("opened")
    for name, label in (("restored", "Restored"), ("closed", "Closed")):
        later = values.get(name)
        if opened is not None and later is not None and later < opened:
            what = "restored" if name == "restored" else "closed"
            errors.append(
                RowError(number, label, f"it cannot be {what} ({_when(later)}) before it opened ({_when(opened)}).")
            )
    if errors:
        return None, errors
    return Row(number, title=text("title"), impact=text("impact"), root_cause=text("root_cause"), **values), []


def _reference(text: str) -> str:
    reference = text.replace(" ", "").upper()
    if not REFERENCE.fullmatch(reference):
        raise ValueError(f"“{text}” is not an incident reference; write it as INC followed by its digits.")
    return reference


def _category(text: str) -> int:
    number = re.sub(r"(?i)^(category|severity)\s*", "", text)
    if not number.isdigit() or int(number) not in CATEGORIES:
        raise ValueError(f"“{text}” is not a category; a category is 1 to 5.")
    return int(number)


def _moment(cell: Any, now: dt.datetime) -> dt.datetime:
    if isinstance(cell, dt.datetime):
        moment = cell
    else:
        moment = _parsed_moment(str(cell).strip())
    moment = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    if moment > now:
        raise ValueError(f"{_when(moment)} has not come yet.")
    return moment


def _parsed_moment(text: str) -> dt.datetime:
    for pattern in MOMENT_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date and time; write it as 2026-03-05 09:10 or 05/03/2026 09:10.")


def _yes_or_no(text: str) -> bool:
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    raise ValueError(f"“{text}” is neither yes nor no.")


def _without_repeats(rows: list[Row], shown: Preview) -> list[Row]:
    """An incident given twice in one file is an error on both rows, and neither is stored."""
    first: dict[str, Row] = {}
    repeated: set[str] = set()
    for row in rows:
        if row.reference in first:
            repeated.add(row.reference)
            shown.errors.append(
                RowError(row.number, "", f"{row.reference} is also on row {first[row.reference].number}: keep one.")
            )
        else:
            first[row.reference] = row
    for reference in repeated:
        shown.errors.append(RowError(first[reference].number, "", f"{reference} is given again further down the file."))
    return [row for row in rows if row.reference not in repeated]


def _plans(rows: list[Row], by: User | None) -> tuple[list[RowPlan], list[RowError]]:
    references = [row.reference for row in rows]
    every = Incident.objects.filter(reference__in=references)
    readable = every if by is None else Incident.objects.visible_to(by).filter(reference__in=references)
    held = {incident.reference: incident for incident in readable}
    hidden = set(every.exclude(pk__in=[i.pk for i in held.values()]).values_list("reference", flat=True))
    plans, errors = [], []
    for row in rows:
        found = held.get(row.reference)
        if row.reference in hidden:
            errors.append(
                RowError(row.number, "", f"{row.reference} is logged, but you may not see it; ask its owner.")
            )
        elif found is None:
            plans.append(RowPlan(row, "create"))
        elif found.category != row.category:
            errors.append(
                RowError(
                    row.number,
                    "Category",
                    f"{row.reference} is held at Category {found.category}, the file says {row.category}: "
                    "recategorise it on its page, with the time the category changed.",
                )
            )
        elif found.closed is None and row.closed is not None:
            plans.append(RowPlan(row, "close", found))
        else:
            plans.append(RowPlan(row, "unchanged", found))
    return plans, errors


@verb
def import_incidents(
    sheet: Sheet,
    *,
    by: User | None,
    expected: str | None = None,
    good_rows_only: bool = False,
    classification: str = "WHITE",
    body: Any = None,
) -> Preview:
    """Store what the preview of ``sheet`` shows, in one transaction, through the incidents' verbs.

    Refused, storing nothing, while any row is in error (unless ``good_rows_only``), or when
    ``expected`` (the fingerprint of the preview the person saw) no longer matches."""
    shown = preview(sheet, by=by)
    if shown.errors and not good_rows_only:
        raise ServiceError([str(error) for error in shown.errors])
    if expected is not None and shown.fingerprint() != expected:
        raise ServiceError("The incidents changed since the preview; look at the preview again before importing.")
    reason = f"Imported from {sheet.name}"
    for plan in shown.rows:
        try:
            _carry_out(plan, by, reason, classification, body)
        except ServiceError as refused:
            raise ServiceError(f"Row {plan.row.number} ({plan.row.label}): {' '.join(refused.messages)}") from None
    return shown


def _carry_out(plan: RowPlan, by: User | None, reason: str, classification: str, body: Any) -> None:
    row = plan.row
    if plan.outcome == "create":
        incident = services.open_incident(
            by=by,
            reference=row.reference,
            title=row.title,
            opened=row.opened,
            category=row.category,
            services=row.services,
            regions=row.regions,
            is_major=row.is_major,
            impact=row.impact,
            root_cause=row.root_cause,
            classification=classification,
            body=body,
            reason=reason,
        )
        if row.restored is not None:
            for line in row.services:
                services.record_restoration(incident, by=by, service_line=line, restored_at=row.restored)
        if row.closed is not None:
            services.close_incident(incident, by=by, closed=row.closed)
    elif plan.outcome == "close" and plan.held is not None and row.closed is not None:
        services.close_incident(plan.held, by=by, closed=row.closed)
