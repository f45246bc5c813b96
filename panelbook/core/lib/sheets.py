"""Spreadsheets brought in by a person: a CSV (UTF-8) or XLSX file read into its headings and its
numbered rows, the way the spreadsheet itself numbers them (the heading row is row 1).

Pure (no Django): each import (the modifications register, the DCC's Performance Measurement
Report) reads its file here and checks the rows against its own rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any


class SheetRefused(ValueError):
    """The file as a whole cannot be read (its type, its encoding, its header); the message says why."""


@dataclass
class Sheet:
    name: str
    headings: list[str]
    rows: list[tuple[int, list[Any]]]  # (spreadsheet row number, cells)


@dataclass(frozen=True)
class RowError:
    """One problem of one row, named as the person will find it in their spreadsheet."""

    row: int
    column: str
    problem: str

    def __str__(self) -> str:
        where = f"Row {self.row}, column “{self.column}”" if self.column else f"Row {self.row}"
        return f"{where}: {self.problem}"


def heading_key(text: Any) -> str:
    """A heading or a name as compared: case, spaces and punctuation forgiven."""
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").casefold()).strip()


def filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def read_sheet(name: str, content: bytes, *, what: str = "the file") -> Sheet:
    """The columns and rows of a CSV (UTF-8) or XLSX file; blank rows are skipped."""
    extension = PurePath(name).suffix.lower()
    if extension == ".csv":
        table = _csv_rows(name, content)
    elif extension == ".xlsx":
        table = _xlsx_rows(name, content)
    else:
        raise SheetRefused(f"{name}: {what} is read from a .csv or .xlsx file.")
    numbered = [(number, cells) for number, cells in enumerate(table, start=1) if any(filled(c) for c in cells)]
    if not numbered:
        raise SheetRefused(f"{name}: the file is empty; put the column headings on its first row.")
    (_, headings), *rows = numbered
    return Sheet(name, [str(h or "").strip() for h in headings], rows)


def _csv_rows(name: str, content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetRefused(f"{name}: the file is not UTF-8 text; save it as “CSV UTF-8”.") from None
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(name: str, content: bytes) -> list[list[Any]]:
    import openpyxl  # only an XLSX import needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as problem:
        raise SheetRefused(f"{name}: the file cannot be read as an Excel workbook ({problem}).") from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    return value
