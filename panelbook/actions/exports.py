"""CSV and XLSX exports of the actions log and the decision register.

Both take the filters of GET /api/actions and GET /api/decisions from the query string, checked
by a Form, and apply them with the API's own filter functions to the records
``visible_to(request.user)``. The log and register pages link here with their own query string,
so their names are read too (status=outstanding or all, overdue=1, from and to).

Text that a spreadsheet would read as a formula is neutralised: in CSV a cell starting with
= + - @ (or a tab or carriage return) gets a leading quote; in XLSX such a cell is stored as
quoted text, never as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from panelbook.actions.forms import ActionFilterForm, DecisionFilterForm
from panelbook.actions.models import Action, ActionUpdate, Decision

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ACTION_COLUMNS = [
    "Reference",
    "Body",
    "Meeting",
    "Raised on",
    "Action",
    "Owner",
    "Due",
    "Status",
    "Latest update",
    "Closed at meeting",
    "Closed on",
    "Classification",
]
DECISION_COLUMNS = ["Body", "Meeting", "Date", "Verb", "Text", "Majority", "Dissent", "Classification"]
MIN_WIDTH, MAX_WIDTH = 8, 60


def actions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The actions log as the caller may see it, filtered like GET /api/actions."""
    _check_format(fmt)
    form = ActionFilterForm(request.GET)
    if not form.is_valid():
        return _bad_filters(form)
    newest_first = ActionUpdate.objects.order_by("-on", "-recorded_at")
    actions = (
        Action.objects.read_by(request.user)
        .select_related("body", "meeting__body")
        .prefetch_related(Prefetch("updates", queryset=newest_first, to_attr="newest_updates"))
    )
    rows = (_action_row(a) for a in actions.matching(**form.cleaned_data))
    return _export(fmt, "actions", ACTION_COLUMNS, rows)


def decisions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The decision register as the caller may see it, filtered like GET /api/decisions."""
    _check_format(fmt)
    form = DecisionFilterForm(request.GET)
    if not form.is_valid():
        return _bad_filters(form)
    decisions = Decision.objects.visible_to(request.user).select_related("body", "meeting__body")
    rows = (_decision_row(d) for d in decisions.matching(**form.cleaned_data))
    return _export(fmt, "decisions", DECISION_COLUMNS, rows)


def _check_format(fmt: str) -> None:
    if fmt not in CONTENT_TYPES:
        raise Http404(f"There is no {fmt} export; use csv or xlsx.")


def _bad_filters(form: forms.Form) -> HttpResponse:
    problems = [f"The “{name}” filter is not valid: {' '.join(errors)}" for name, errors in form.errors.items()]
    return HttpResponseBadRequest(" ".join(problems), content_type="text/plain; charset=utf-8")


def _action_row(action: Action) -> list[Any]:
    latest = action.newest_updates[0].text if action.newest_updates else ""
    return [
        action.reference,
        str(action.body),
        str(action.meeting),
        action.meeting.date,
        action.text,
        action.owner,
        action.deadline,
        action.get_status_display(),
        latest,
        str(action.visible_closed_at_meeting or ""),
        action.closed_on,
        action.classification,
    ]


def _decision_row(decision: Decision) -> list[Any]:
    return [
        str(decision.body),
        str(decision.meeting) if decision.meeting else "ex-committee",
        decision.decided_on,
        decision.get_verb_display(),
        decision.text,
        "Yes" if decision.by_majority else "No",
        decision.dissent,
        decision.classification,
    ]


def _export(fmt: str, name: str, columns: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    content = _csv(columns, rows) if fmt == "csv" else _xlsx(name, columns, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"'
    return response


def _is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}" if _is_formula_like(value) else str(value)


def _csv(columns: list[str], rows: Iterable[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads curly quotes and accents correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(name: str, columns: list[str], rows: Iterable[list[Any]]) -> bytes:
    """One sheet: bold, frozen header with a filter, columns as wide as their content (within limits)."""
    book = Workbook()
    sheet = book.active
    sheet.title = name.capitalize()
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for row in rows:
        values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        sheet.append(values)
        for cell in _formula_like_cells(sheet[sheet.max_row]):
            cell.data_type = "s"
            cell.quotePrefix = True
        widths = [max(w, len(_csv_cell(v))) for w, v in zip(widths, values, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _formula_like_cells(cells: Iterable[Any]) -> Iterator[Any]:
    return (cell for cell in cells if _is_formula_like(cell.value))
