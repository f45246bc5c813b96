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


class ProposalEditForm(forms.Form):
    """One field per value of the proposal's record, typed as its record type's schema declares it
    (a date, a whole number, yes or no, text); a list is edited as JSON, behind the table showing it.

    The accept verb checks each value for its record type and names the field it refuses.
    """

    def __init__(
        self, *args: Any, payload: dict[str, Any], schema: type[Payload] = Payload, changes: str = "", **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        declared = schema.model_fields
        for name, value in payload.items():
            if name != "source":
                field = declared.get(name)
                self.fields[name] = field_for(name, value, field.annotation if field else None)
        if changes:
            self.fields[CONFIRM] = confirm_field(changes)

    @property
    def list_names(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, forms.JSONField)]

    def payload(self) -> dict[str, Any]:
        """The edited record, without the confirmation."""
        return {name: value for name, value in self.cleaned_data.items() if name != CONFIRM}


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
