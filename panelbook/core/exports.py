"""CSV and XLSX exports of a list, for every app.

An export is a ``Sheet``: a name (the file's and the worksheet's) and its columns as
(title, value) pairs, the value an attribute path (``"meeting.date"``) or a function of the
record. ``export`` reads the list's filters with its Form, applies them with the QuerySet's
``matching`` to the rows the caller may see, and answers the file; a filter that is not valid
answers 400 naming it, an unknown format 404.

Text that a spreadsheet would read as a formula is neutralised: in CSV a cell starting with
= + - @ (or a tab or carriage return) gets a leading quote; in XLSX such a cell is stored as
quoted text, never as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from panelbook.core.lists import filter_problems

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 8, 60
PLAIN = (str, int, float, dt.date)  # what a cell holds as it is; anything else is written as its str()

Value = str | Callable[[Any], Any]


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[tuple[str, Value]]

    @property
    def titles(self) -> list[str]:
        return [title for title, _ in self.columns]

    def row(self, record: Any) -> list[Any]:
        return [_cell(value(record) if callable(value) else attrgetter(value)(record)) for _, value in self.columns]


def export(
    request: HttpRequest,
    fmt: str,
    sheet: Sheet,
    *,
    form: type[forms.Form],
    rows: Callable[[Any], Any],
) -> HttpResponse:
    """The rows ``request.user`` may see (``rows(user)``), filtered by ``form`` from the query string."""
    if fmt not in CONTENT_TYPES:
        raise Http404(f"There is no {fmt} export; use csv or xlsx.")
    filters = form(request.GET)
    if not filters.is_valid():
        return HttpResponseBadRequest(" ".join(filter_problems(filters)), content_type="text/plain; charset=utf-8")
    records = rows(request.user).matching(**filters.cleaned_data)
    return sheet_response(fmt, sheet, records)


def sheet_response(fmt: str, sheet: Sheet, records: Iterable[Any]) -> HttpResponse:
    rows = (sheet.row(record) for record in records)
    content = _csv(sheet.titles, rows) if fmt == "csv" else _xlsx(sheet.name, sheet.titles, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{sheet.name}-{timezone.localdate():%Y-%m-%d}.{fmt}"'
    return response


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, PLAIN):
        return value
    return str(value)


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
