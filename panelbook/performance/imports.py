"""The Performance Measurement Report import: the DCC's spreadsheet of monthly results, previewed,
then stored through the same verbs as the form.

1. ``core.lib.sheets.read_sheet``: the file (CSV or XLSX) -> headings and numbered rows;
2. ``preview``: each row read (measure, scope, month, value), checked (an unknown measure or
   scope, a month not yet begun, a percentage outside 0–100, a value that is not a number, a row
   repeated in the file) and matched with what is stored: a new result, a changed value ("94.570
   → 94.650") or unchanged. Nothing is stored;
3. ``import_results``: the preview made again inside one transaction and carried out through
   ``record_result`` and ``correct_result`` (whose history keeps the earlier value and names the
   file). While any row is in error nothing is stored, unless the person chose to store only the
   rows without errors.

A file imported again finds its rows unchanged and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from panelbook.core.lib.sheets import RowError, Sheet, filled, heading_key
from panelbook.core.models import User
from panelbook.core.services import ServiceError, verb
from panelbook.performance import services
from panelbook.performance.levels import first_of_month
from panelbook.performance.models import Measure, Result, Scope

COLUMNS = {
    "measure": "measure",
    "measure id": "measure",
    "provider": "provider",
    "service provider": "provider",
    "methodology version": "version",
    "version": "version",
    "scope": "scope",
    "region": "scope",
    "month": "month",
    "period": "month",
    "reporting period": "month",
    "value": "value",
    "result": "value",
}
REQUIRED = {"measure": "Measure", "scope": "Scope", "month": "Month", "value": "Value"}
# Columns of panelbook's own results export that describe a row without being imported, so that an
# export, edited, imports again: a measure's name and unit are the catalogue's, a result's level stays.
DESCRIBING = {"name", "measure name", "unit", "classification"}
LARGEST = Decimal(10**6)  # Result.value holds nine digits, three of them after the point
MONTH_FORMATS = ["%Y-%m", "%m/%Y", "%B %Y", "%b %Y", "%Y-%m-%d", "%d/%m/%Y"]


class ColumnsRefused(ValueError):
    """The headings are not those of a results sheet; the message names what is missing or unknown."""


def read_columns(sheet: Sheet) -> dict[str, int]:
    """Each known heading's column, or ColumnsRefused naming the missing and the unknown ones."""
    columns: dict[str, int] = {}
    unknown, repeated = [], []
    for index, heading in enumerate(sheet.headings):
        name = COLUMNS.get(heading_key(heading))
        if heading_key(heading) in DESCRIBING:
            continue
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
        known = ", ".join(f"“{label}”" for label in [*REQUIRED.values(), "Provider", "Methodology version"])
        raise ColumnsRefused(f"{sheet.name}: {'; '.join(problems)}. The columns are {known}.")
    return columns


class Catalogue:
    """The measures and scopes a row may name, each by its code or name as the PMR writes them."""

    def __init__(self) -> None:
        self.measures: dict[str, list[Measure]] = {}
        for measure in Measure.objects.select_related("provider"):
            for name in {str(measure), measure.code}:
                self.measures.setdefault(heading_key(name), []).append(measure)
        self.scopes = {}
        for scope in Scope.objects.all():
            self.scopes[heading_key(scope.code)] = scope
            self.scopes[heading_key(scope.name)] = scope

    def measure(self, name: str, provider: str, version: str) -> Measure:
        """The one measure a row names, or ValueError saying why there is none or more than one."""
        found = self.measures.get(heading_key(name), [])
        if provider:
            wanted = heading_key(provider)
            found = [
                m
                for m in found
                if wanted in {heading_key(m.provider.code), heading_key(m.provider.name)}
                or (m.provider.prefix and wanted == heading_key(m.provider.prefix))
            ]
        if version:
            found = [m for m in found if heading_key(m.methodology_version) == heading_key(version)]
        if not found:
            given = " ".join(part for part in (provider, name, version and f"version {version}") if part)
            raise ValueError(f"“{given}” is not a measure in the catalogue; add it there first, or correct the row.")
        if len(found) > 1:
            choices = "; ".join(f"{m} ({m.provider.name}, version {m.methodology_version})" for m in found)
            raise ValueError(f"“{name}” could be {choices}: say which in a “Provider” or “Methodology version” column.")
        return found[0]

    def scope(self, name: str) -> Scope:
        found = self.scopes.get(heading_key(name))
        if found is None:
            known = ", ".join(sorted({f"“{s.name}”" for s in self.scopes.values()}))
            raise ValueError(f"“{name}” is not a scope; the scopes are {known}.")
        return found


@dataclass
class Row:
    """One row read: what it says a result is."""

    number: int
    measure: Measure
    scope: Scope
    month: dt.date
    value: Decimal

    @property
    def label(self) -> str:
        return f"{self.measure} for {self.scope}, {self.month:%B %Y}"


@dataclass
class RowPlan:
    row: Row
    outcome: str  # "create", "update" or "unchanged"
    stored: Result | None = None

    @property
    def change(self) -> str:
        if self.outcome == "create":
            return f"Record {self.row.value:f}"
        if self.outcome == "update" and self.stored is not None:
            return f"Change {Decimal(self.stored.value):f} to {self.row.value:f}"
        return "Matches the stored result."


@dataclass
class Preview:
    source: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for plan in self.rows if plan.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def rows_in_error(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def changes_anything(self) -> bool:
        return any(plan.outcome != "unchanged" for plan in self.rows)

    def summary(self) -> str:
        created, updated, unchanged = self.created, self.updated, self.count("unchanged")
        if self.errors:
            rows = self.rows_in_error
            return (
                f"{rows} row{'s' if rows != 1 else ''} of {self.source} {'are' if rows != 1 else 'is'} in error; "
                f"nothing is stored until they are put right, or you choose to store only the "
                f"{created + updated} good row{'s' if created + updated != 1 else ''} that change something."
            )
        if not created and not updated:
            return f"Nothing to change: all {unchanged} rows of {self.source} match the stored results."
        return f"{created} to record, {updated} to change and {unchanged} unchanged, from {self.source}."

    def fingerprint(self) -> str:
        """What the preview promised, to tell at commit whether the results moved meanwhile."""
        return (
            "|".join(f"{p.row.number}:{p.outcome}:{p.change}" for p in self.rows)
            + "#"
            + ",".join(str(e.row) for e in self.errors)
        )


def preview(sheet: Sheet, *, by: User | None, today: dt.date | None = None) -> Preview:
    """What importing ``sheet`` would do, row by row, storing nothing. ColumnsRefused for a sheet
    whose headings are not a results sheet's."""
    today = today or timezone.localdate()
    columns = read_columns(sheet)
    catalogue = Catalogue()
    shown = Preview(sheet.name)
    read: list[Row] = []
    for number, cells in sheet.rows:
        row, errors = _read_row(number, cells, columns, catalogue, today)
        shown.errors += errors
        if row is not None:
            read.append(row)
    read = _without_repeats(read, shown)
    plans, errors = _plans(read, by)
    shown.rows, shown.errors = plans, sorted(shown.errors + errors, key=lambda e: e.row)
    return shown


def _cell(cells: list[Any], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _read_row(
    number: int, cells: list[Any], columns: dict[str, int], catalogue: Catalogue, today: dt.date
) -> tuple[Row | None, list[RowError]]:
    def text(name: str) -> str:
        value = _cell(cells, columns, name)
        return str(value).strip() if filled(value) else ""

    errors: list[RowError] = []
    for name, label in REQUIRED.items():
        if not text(name):
            errors.append(RowError(number, label, "is empty."))
    if errors:
        return None, errors
    measure = scope = month = value = None
    try:
        measure = catalogue.measure(text("measure"), text("provider"), text("version"))
    except ValueError as problem:
        errors.append(RowError(number, "Measure", str(problem)))
    try:
        scope = catalogue.scope(text("scope"))
    except ValueError as problem:
        errors.append(RowError(number, "Scope", str(problem)))
    try:
        month = _month(_cell(cells, columns, "month"), today)
    except ValueError as problem:
        errors.append(RowError(number, "Month", str(problem)))
    try:
        value = _value(_cell(cells, columns, "value"), measure)
    except ValueError as problem:
        errors.append(RowError(number, "Value", str(problem)))
    if errors or measure is None or scope is None or month is None or value is None:
        return None, errors
    return Row(number, measure, scope, month, value), []


def _month(cell: Any, today: dt.date) -> dt.date:
    if isinstance(cell, dt.date):
        month = first_of_month(cell)
    else:
        month = _parsed_month(str(cell).strip())
    if month > first_of_month(today):
        raise ValueError(f"{month:%B %Y} has not begun; a result is for a month that has.")
    return month


def _parsed_month(text: str) -> dt.date:
    for pattern in MONTH_FORMATS:
        try:
            return first_of_month(dt.datetime.strptime(text, pattern).date())
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a month; write it as 2026-03, 03/2026 or March 2026.")


def _value(cell: Any, measure: Measure | None) -> Decimal:
    text = str(cell).strip()
    percent = text.endswith("%")
    try:
        value = Decimal(re.sub(r"[\s,%]", "", text))
    except InvalidOperation:
        raise ValueError(f"“{text}” is not a number.") from None
    if not value.is_finite():
        raise ValueError(f"“{text}” is not a number.")
    if measure is not None and (measure.is_percentage or percent) and not 0 <= value <= 100:
        raise ValueError(f"{measure} is a percentage: give a value from 0 to 100, not {text}.")
    if abs(value) >= LARGEST:
        raise ValueError(f"“{text}” is larger than a result can hold (less than {LARGEST:,}).")
    return value.quantize(Decimal("0.001"))


def _without_repeats(rows: list[Row], shown: Preview) -> list[Row]:
    """A result given twice in one file is an error on both rows, and neither is stored."""
    first: dict[tuple[int, int, dt.date], Row] = {}
    repeated: set[tuple[int, int, dt.date]] = set()
    for row in rows:
        key = (row.measure.pk, row.scope.pk, row.month)
        if key in first:
            repeated.add(key)
            shown.errors.append(
                RowError(row.number, "", f"{row.label} is also on row {first[key].number}: keep one of the two.")
            )
        else:
            first[key] = row
    kept = [row for row in rows if (row.measure.pk, row.scope.pk, row.month) not in repeated]
    for key in repeated:
        row = first[key]
        shown.errors.append(RowError(row.number, "", f"{row.label} is given again further down the file."))
    return kept


def _plans(rows: list[Row], by: User | None) -> tuple[list[RowPlan], list[RowError]]:
    months = {row.month for row in rows}
    every = Result.objects.in_force().filter(month__in=months)
    readable = every if by is None else Result.objects.visible_to(by).in_force().filter(month__in=months)
    stored = {(r.measure_id, r.scope_id, r.month): r for r in readable}
    hidden = set(every.exclude(pk__in=[r.pk for r in stored.values()]).values_list("measure_id", "scope_id", "month"))
    plans, errors = [], []
    for row in rows:
        key = (row.measure.pk, row.scope.pk, row.month)
        if key in hidden:
            errors.append(RowError(row.number, "", f"{row.label} is stored, but you may not see it; ask its owner."))
            continue
        held = stored.get(key)
        if held is None:
            plans.append(RowPlan(row, "create"))
        elif Decimal(held.value) != row.value:
            plans.append(RowPlan(row, "update", held))
        else:
            plans.append(RowPlan(row, "unchanged", held))
    return plans, errors


@verb
def import_results(
    sheet: Sheet,
    *,
    by: User | None,
    expected: str | None = None,
    good_rows_only: bool = False,
    classification: str = "WHITE",
    body: Any = None,
) -> Preview:
    """Store what the preview of ``sheet`` shows, in one transaction, through the results' verbs.

    Refused, storing nothing, while any row is in error (unless ``good_rows_only``), or when
    ``expected`` (the fingerprint of the preview the person saw) no longer matches."""
    shown = preview(sheet, by=by)
    if shown.errors and not good_rows_only:
        raise ServiceError([str(error) for error in shown.errors])
    if expected is not None and shown.fingerprint() != expected:
        raise ServiceError("The results changed since the preview; look at the preview again before importing.")
    reason = f"Imported from {sheet.name}"
    for plan in shown.rows:
        row = plan.row
        try:
            if plan.outcome == "create":
                services.record_result(
                    by=by,
                    measure=row.measure,
                    scope=row.scope,
                    month=row.month,
                    value=row.value,
                    classification=classification,
                    body=body,
                    reason=reason,
                )
            elif plan.outcome == "update" and plan.stored is not None:
                services.correct_result(plan.stored, by=by, value=row.value, reason=reason)
        except ServiceError as refused:
            raise ServiceError(f"Row {row.number} ({row.label}): {' '.join(refused.messages)}") from None
    return shown
