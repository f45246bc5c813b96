"""Forms of the review queue. The verbs in services.py check and apply what is posted."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, get_args, get_origin

from django import forms

from panelbook.ingest.models import Proposal, RecordType
from panelbook.ingest.schema import Payload

LONG_TEXT = 80  # characters above which a value is edited in a text area
CONFIRM = "confirm"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[*Proposal.Status.choices, ("all", "All")], required=False)
    type = forms.ChoiceField(choices=[("", "All types"), *RecordType.choices], required=False)
    file = forms.IntegerField(required=False, min_value=1)


def confirm_field(changes: str) -> forms.BooleanField:
    return forms.BooleanField(required=False, label=f"I have checked this change. {changes}")


class AcceptForm(forms.Form):
    """Carries a refusal of the accept verb back to the page, and asks to confirm a change to an
    existing record's date or status (``changes``: the sentence naming it)."""

    def __init__(self, *args: Any, changes: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        if changes:
            self.fields[CONFIRM] = confirm_field(changes)


class RejectForm(forms.Form):
    reason = forms.CharField(required=False, max_length=500, label="Why (optional)")


EXTRA_LINES = 2  # empty lines under a list's table, to add records to it


class ProposalEditForm(forms.Form):
    """One field per value of the proposal's record, typed as its record type's schema declares it
    (a date, a whole number, yes or no, text). A list of flat records (an agenda, apologies) is a
    table with a line of fields per record, a box to remove it and empty lines to add more; any
    other list is edited as JSON, behind the table showing it.

    The accept verb checks each value for its record type and names the field it refuses.
    """

    def __init__(
        self, *args: Any, payload: dict[str, Any], schema: type[Payload] = Payload, changes: str = "", **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        declared = schema.model_fields
        self.tables: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
        for name, value in payload.items():
            if name == "source":
                continue
            if is_table(value):
                self._add_table(name, value)
            else:
                field = declared.get(name)
                self.fields[name] = field_for(name, value, field.annotation if field else None)
        if changes:
            self.fields[CONFIRM] = confirm_field(changes)

    def _add_table(self, name: str, rows: list[dict[str, Any]]) -> None:
        keys = [key for key in dict.fromkeys(key for row in rows for key in row) if key != "source"]
        self.tables[name] = (keys, rows)
        for index, row in enumerate([*rows, *({} for _ in range(EXTRA_LINES))]):
            line = f"line {index + 1}" if index < len(rows) else f"new line {index - len(rows) + 1}"
            for key in keys:
                sample = next((each.get(key) for each in rows if each.get(key) is not None), None)
                cell = cell_field(row.get(key), sample)
                cell.label = f"{label_of(key)}, {line}"
                self.fields[cell_name(name, index, key)] = cell
            if index < len(rows):
                self.fields[cell_name(name, index, "remove")] = forms.BooleanField(
                    required=False, label=f"Remove {line}"
                )

    @property
    def list_names(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, forms.JSONField)]

    def table_lines(self, name: str) -> list[tuple[int, list[forms.BoundField], forms.BoundField | None]]:
        """Each line of a list's table: its number, its fields, and its box to remove it (none on a new line)."""
        keys, rows = self.tables[name]
        return [
            (
                index + 1,
                [self[cell_name(name, index, key)] for key in keys],
                self[cell_name(name, index, "remove")] if index < len(rows) else None,
            )
            for index in range(len(rows) + EXTRA_LINES)
        ]

    def payload(self) -> dict[str, Any]:
        """The edited record, without the confirmation; each table back to its list of records."""
        cells = {cell_name(name, index, key) for name in self.tables for index, key in self._cells(name)}
        data = {name: value for name, value in self.cleaned_data.items() if name != CONFIRM and name not in cells}
        return {**data, **{name: self._table_payload(name) for name in self.tables}}

    def _cells(self, name: str) -> list[tuple[int, str]]:
        keys, rows = self.tables[name]
        lines = range(len(rows) + EXTRA_LINES)
        return [(i, key) for i in lines for key in keys] + [(i, "remove") for i in range(len(rows))]

    def _table_payload(self, name: str) -> list[dict[str, Any]]:
        keys, rows = self.tables[name]
        data = self.cleaned_data
        edited = []
        for index in range(len(rows) + EXTRA_LINES):
            record = {key: data.get(cell_name(name, index, key)) for key in keys}
            if index < len(rows):
                if not data.get(cell_name(name, index, "remove")):
                    edited.append({**record, **({"source": rows[index]["source"]} if "source" in rows[index] else {})})
            elif any(value not in (None, "", False) for value in record.values()):
                edited.append({**record, **({"source": None} if any("source" in row for row in rows) else {})})
        return edited


def is_table(value: Any) -> bool:
    """A list of records whose values are all plain (no lists or records inside), edited as a table."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(row, dict) and not any(isinstance(v, (list, dict)) for k, v in row.items() if k != "source")
            for row in value
        )
    )


def cell_name(table: str, index: int, key: str) -> str:
    return f"{table}-{index}-{key}"


def cell_field(value: Any, sample: Any) -> forms.Field:
    """One cell of a list's table, typed as the column's values read."""
    if isinstance(sample, bool):
        return forms.BooleanField(required=False, initial=value)
    if isinstance(sample, int):
        return forms.IntegerField(required=False, initial=value)
    return forms.CharField(required=False, initial="" if value is None else str(value), empty_value=None)


def label_of(name: str) -> str:
    return name.replace("_", " ").capitalize()


def field_for(name: str, value: Any, declared: Any = None) -> forms.Field:
    """The form field for one value: as the schema declares it, else as the value reads."""
    types = _types(declared)
    label = label_of(name)
    if isinstance(value, (list, dict)):
        return forms.JSONField(
            required=False, label=label, initial=value, widget=forms.Textarea(attrs={"rows": 6}), help_text="As JSON."
        )
    if bool in types or isinstance(value, bool):
        return forms.BooleanField(required=False, label=label, initial=value)
    if dt.datetime in types:
        return forms.DateTimeField(required=False, label=label, initial=value, widget=DATETIME)
    if dt.date in types:
        return forms.DateField(required=False, label=label, initial=value, widget=DATE)
    if int in types and float not in types:
        return forms.IntegerField(required=False, label=label, initial=value)
    text = "" if value is None else str(value)
    widget = forms.Textarea(attrs={"rows": 3}) if len(text) > LONG_TEXT or "\n" in text else forms.TextInput
    return forms.CharField(required=False, label=label, initial=text, empty_value=None, widget=widget)


def _types(declared: Any) -> set[Any]:
    """The plain types a schema annotation allows: ``dt.date | None`` -> {dt.date, NoneType}."""
    found = set()
    for each in get_args(declared) or (declared,):
        found.add(get_args(each)[0] if get_origin(each) is Annotated else each)
    return found


class SeveralFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class SeveralFilesField(forms.FileField):
    """A file field that takes several files at once: its value is the list of them."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", SeveralFilesInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        several = list(data) if isinstance(data, list | tuple) else [data]
        clean_one = super().clean
        return [clean_one(each, initial) for each in several or [None]]


class UploadForm(forms.Form):
    """Legacy papers sent from the browser into the review queue, as ``panelbook ingest`` would read them."""

    papers = SeveralFilesField(
        label="Papers to read",
        help_text="Choose one or several files: PDF, Word, PowerPoint, HTML, Markdown or text.",
    )
