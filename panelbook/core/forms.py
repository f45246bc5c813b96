"""Form pieces shared by every app."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.http import QueryDict

from panelbook.core.concurrency import UNKNOWN, StaleRevision, as_text, label_of
from panelbook.core.lib import sheets
from panelbook.core.lib.uploads import UploadRejected, check_upload
from panelbook.core.models import VOID_REASON_LENGTH, new_form_token
from panelbook.core.services import ServiceError

# A list long enough to search: core/pickers.js makes the select filter its options as you type.
PICKER = {"data-picker": ""}
REVISION_FIELD = "revision"
TOKEN_FIELD = "form_token"
GUARD_FIELDS = frozenset({REVISION_FIELD, TOKEN_FIELD})


def records_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A form's choice of records, typed as one (``form.fields`` is typed as holding plain fields)."""
    return cast(forms.ModelChoiceField, form.fields[name])


class VerbValidates:
    """For ModelForms whose data is written by a service verb: the verb runs the model's
    validation (and reports it on the fields), so the form only checks the input."""

    def _post_clean(self):
        pass


class TokenNameForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What the token is for, e.g. “minutes script on the secretariat laptop”.",
        error_messages={
            "required": "Give the token a name that says what it is for.",
            "max_length": "The name of a token can be at most 100 characters long.",
        },
    )


@dataclass(frozen=True)
class ConflictRow:
    """One line of a refused edit: the field, what it was when the form was opened, what it is
    now and what this person entered."""

    label: str
    was: str
    now: str
    yours: str


if TYPE_CHECKING:
    # A mixin for forms: the checker reads it as the form it is mixed into.
    _Form = forms.BaseForm
else:
    _Form = object


class Guarded(_Form):
    """Keeps a person's sending from losing someone else's edit or making a record twice.

    A form for a record that exists carries the record's revision (``revision=`` for a plain
    form; a ModelForm's instance gives it), and the verb refuses the edit if the record was saved
    since. A form for a new record carries a one-time token instead (see ``core.access.submit``).
    Both are hidden fields; a sending without them is accepted as before.
    """

    def __init__(self, *args: Any, revision: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if revision is None and instance is not None and instance.pk is not None:
            revision = instance.revision
        self.conflict: list[ConflictRow] = []
        if revision is not None:
            self.fields[REVISION_FIELD] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=0, initial=revision
            )
        else:
            self.fields[TOKEN_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, max_length=64, initial=new_form_token
            )

    @property
    def started_from(self) -> int | None:
        """The revision the person opened the form at, or None when the form did not say."""
        return self.cleaned_data.get(REVISION_FIELD)

    @property
    def token(self) -> str | None:
        return self.cleaned_data.get(TOKEN_FIELD) or None

    def refuse_stale(self, stale: StaleRevision, user: Any) -> None:
        """Show what changed since the form was opened, keep the person's input and move the form
        to the current revision, so that sending it once more applies their input deliberately."""
        self.conflict = [self._conflict_row(change, user) for change in stale.changes()]
        data = cast(QueryDict, self.data).copy()  # a bound form's data: the request's QueryDict
        data[self.add_prefix(REVISION_FIELD)] = str(stale.revision)
        self.data = data
        again = "Compare the changes below with yours; save again to apply what you entered over them."
        self.add_error(None, f"{stale.message} {again}")

    def _conflict_row(self, change: Any, user: Any) -> ConflictRow:
        field = self.fields.get(change.field.name)
        yours = self.cleaned_data.get(change.field.name, UNKNOWN) if field is not None else UNKNOWN
        return ConflictRow(
            label=(str(field.label) if field is not None and field.label else label_of(change.field)),
            was=as_text(change.field, change.was, user),
            now=as_text(change.field, change.now, user),
            yours=as_text(change.field, getattr(yours, "pk", yours), user),
        )


def reason_field(label: str) -> forms.CharField:
    """Why a record is corrected, voided or restored; kept in its history."""
    return forms.CharField(
        max_length=VOID_REASON_LENGTH,
        label=label,
        help_text="Kept in the record's history, where everyone who may see the record can read it.",
        error_messages={
            "required": "Say why; the reason is kept in the record's history.",
            "max_length": f"Say why in at most {VOID_REASON_LENGTH} characters.",
        },
    )


class VoidForm(forms.Form):
    """Why a record is voided or restored: the one field of every void and restore confirmation."""

    reason = reason_field("Why")


SHEET_MAX_BYTES = 1024 * 1024


class SheetUploadForm(forms.Form):
    """A spreadsheet to preview (``core.lib.sheets``); its bytes are kept for the confirmation."""

    file = forms.FileField(label="Spreadsheet", help_text="CSV (UTF-8) or Excel (.xlsx): headings on the first row.")
    what = "the file"  # what the sheet is, in a refusal: "the register is read from a .csv or .xlsx file"
    content = b""  # the file's bytes, once it is valid

    def clean_file(self) -> sheets.Sheet:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name, upload, upload.size, SHEET_MAX_BYTES)
            upload.seek(0)
            self.content = upload.read()
            return sheets.read_sheet(upload.name, self.content, what=self.what)
        except (UploadRejected, sheets.SheetRefused) as refused:
            raise forms.ValidationError(str(refused)) from None


class SheetConfirmForm(forms.Form):
    """The previewed spreadsheet sent back with the confirmation, and the fingerprint of what the
    preview promised, so that nothing else is stored than what the person saw."""

    name = forms.CharField(max_length=200, widget=forms.HiddenInput)
    content = forms.CharField(widget=forms.HiddenInput, max_length=2 * SHEET_MAX_BYTES)
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    what = "the file"

    @classmethod
    def of(cls, sheet_bytes: bytes, name: str, fingerprint: str, **initial: Any) -> Any:
        content = base64.b64encode(sheet_bytes).decode("ascii")
        return cls(initial={"name": name, "content": content, "fingerprint": fingerprint, **initial})

    def content_bytes(self) -> bytes:
        return base64.b64decode(self.cleaned_data["content"])

    def sheet(self) -> sheets.Sheet:
        try:
            content = base64.b64decode(self.cleaned_data["content"], validate=True)
            return sheets.read_sheet(self.cleaned_data["name"], content, what=self.what)
        except (binascii.Error, sheets.SheetRefused) as refused:
            raise ServiceError(f"The file sent back is not the one previewed ({refused}); choose it again.") from None
