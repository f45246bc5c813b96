"""Forms for the secretariat's pages. Forms validate input; the verbs in services.py write."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.core.forms import PICKER, Guarded, VerbValidates, records_field
from panelbook.core.lists import body_filter, date_filter, id_filter
from panelbook.core.models import User
from panelbook.governance.models import (
    PERIODS,
    AgendaItem,
    Appendix,
    Attendance,
    Body,
    Meeting,
    MeetingChange,
    Paper,
    Person,
    Purpose,
)
from panelbook.governance.services import WITHDRAWAL_REASON_LENGTH

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecipientsField(forms.ModelMultipleChoiceField):
    """The people who may see a RED record, named as the record names people: by the name of the
    person who signs in (and their organisation), else the user's full name, else the user name."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=User.objects.filter(is_active=True).select_related("person__organisation").order_by("username"),
            required=False,
            help_text="Only for RED: the named people who may see it. You are added automatically.",
            widget=forms.SelectMultiple(attrs={"size": 6, **PICKER}),
            **kwargs,
        )

    def label_from_instance(self, obj: User) -> str:
        person = getattr(obj, "person", None)
        return str(person) if person is not None else obj.get_full_name() or obj.username


class MeetingForm(Guarded, VerbValidates, forms.ModelForm):
    """Model rules (end after start, one number per body) are checked by the verb."""

    number = forms.IntegerField(
        min_value=1, required=False, help_text="Leave empty to take the next number for the body."
    )
    starts_at = forms.DateTimeField(widget=DATETIME_WIDGET, label="Starts")
    ends_at = forms.DateTimeField(widget=DATETIME_WIDGET, label="Ends")
    recipients = RecipientsField()

    class Meta:
        model = Meeting
        fields = [
            "body",
            "number",
            "kind",
            "starts_at",
            "ends_at",
            "location",
            "is_virtual",
            "classification",
            "recipients",
        ]
        labels = {"is_virtual": "Held online (or hybrid)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["body"].disabled = True
            self.fields["number"].required = True


class MeetingStatusForm(forms.Form):
    """Confirms one change of a meeting's status; cancelling asks why."""

    reason = forms.CharField(
        max_length=300,
        label="Reason for cancelling",
        help_text="Shown with the meeting to everyone who can see it.",
        error_messages={"required": "Say why the meeting is cancelled."},
    )

    def __init__(self, *args: Any, change: MeetingChange, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if change != MeetingChange.CANCEL:
            del self.fields["reason"]


class WithdrawForm(forms.Form):
    """The reason a paper or agenda item is withdrawn; it is kept in the record's history."""

    reason = forms.CharField(
        max_length=WITHDRAWAL_REASON_LENGTH,
        help_text="Kept in the record's history, where everyone who may see the record can read it.",
        error_messages={
            "required": "Say why it is withdrawn.",
            "max_length": f"Say why in at most {WITHDRAWAL_REASON_LENGTH} characters.",
        },
    )


class AgendaItemForm(Guarded, VerbValidates, forms.ModelForm):
    """One item with all its fields (a RED item's recipients too); the order in which items are
    taken is set on the agenda page, which builds the whole agenda in one form."""

    number = forms.IntegerField(min_value=1, required=False, help_text="Leave empty for the next number.")
    recipients = RecipientsField()

    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "purpose",
            "presenter",
            "presenter_organisation",
            "brought_forward",
            "classification",
            "recipients",
        ]
        help_texts = {"classification": "Anything above WHITE makes this a confidential item."}
        widgets = {"presenter": forms.Select(attrs=PICKER), "presenter_organisation": forms.Select(attrs=PICKER)}


class AgendaForm(Guarded, forms.Form):
    """The page of an agenda built in one form: whether the items are numbered in the new order."""

    renumber = forms.BooleanField(
        required=False,
        label="Number the items in this order (1, 2, 3 …)",
        help_text="Leave it unticked once papers carry the items' numbers: the numbers then stay as published "
        "and the order only changes the order in which the items are taken; new items take the next numbers.",
    )


class AgendaRowForm(forms.Form):
    """One line of the agenda: an existing item (``item`` and the revision it was read at) or a new one."""

    item = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    title = forms.CharField(max_length=300, required=False)
    purpose = forms.ChoiceField(choices=Purpose.choices, initial=Purpose.INFORMATION)
    presenter = forms.ModelChoiceField(
        queryset=Person.objects.select_related("organisation"), required=False, widget=forms.Select(attrs=PICKER)
    )
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.WHITE)

    def __init__(self, *args: Any, presenters: list | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if presenters is not None:
            # The people, read once for every line of the agenda rather than once per line.
            records_field(self, "presenter").choices = presenters

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("item") and not cleaned.get("title"):
            self.add_error("title", "An item needs a title; to take it off the agenda, withdraw it instead.")
        return cleaned

    @property
    def is_blank(self) -> bool:
        """A new line left empty: no item and no title (the order the page gives it does not count)."""
        return not self.cleaned_data.get("item") and not self.cleaned_data.get("title")


class BaseAgendaRows(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Order taken"
        form.fields["ORDER"].widget.attrs.update({"min": 1, "class": "order"})

    def clean(self):
        super().clean()
        items = [form.cleaned_data.get("item") for form in self.forms if form.cleaned_data.get("item")]
        if len(items) != len(set(items)):
            raise forms.ValidationError("An item is listed twice; open the page again.")


AgendaRows = forms.formset_factory(AgendaRowForm, formset=BaseAgendaRows, extra=3, can_order=True, max_num=200)


def agenda_rows(data: Any, items: list[AgendaItem]) -> forms.BaseFormSet:
    """The agenda's lines: one per item in the order taken, then three empty ones for new items."""
    initial = [
        {
            "item": item.pk,
            "number": item.number,
            "revision": item.revision,
            "title": item.title,
            "purpose": item.purpose,
            "presenter": item.presenter_id,
            "classification": item.classification,
            "ORDER": position,
        }
        for position, item in enumerate(items, start=1)
    ]
    presenter = cast(forms.ModelChoiceField, AgendaRowForm.base_fields["presenter"])
    presenters = list(presenter.iterator(presenter))
    return AgendaRows(data, initial=initial, prefix="rows", form_kwargs={"presenters": presenters})


class AttendanceForm(VerbValidates, forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["person", "status", "represents", "alternate_for"]
        labels = {"alternate_for": "Attending as alternate for"}
        widgets = {"person": forms.Select(attrs=PICKER), "alternate_for": forms.Select(attrs=PICKER)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("organisation")
        self.fields["alternate_for"].queryset = Person.objects.select_related("organisation")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("alternate_for") and cleaned.get("alternate_for") == cleaned.get("person"):
            self.add_error("alternate_for", "A person cannot be their own alternate.")
        return cleaned


def recent_agenda_items(user: Any) -> QuerySet[AgendaItem]:
    """The agenda items a new paper may be for: those of the last 120 days on, that ``user`` may see."""
    since = timezone.now() - dt.timedelta(days=120)
    return AgendaItem.objects.visible_to(user).select_related("meeting__body").filter(meeting__starts_at__gte=since)


class PaperForm(Guarded, VerbValidates, forms.ModelForm):
    """A new paper: for an agenda item (reference generated) or with a reference given."""

    reference = forms.CharField(
        max_length=60,
        required=False,
        help_text="Leave empty to generate it from the meeting and agenda item (SECP_67_1204_19).",
    )
    paper_date = forms.DateField(widget=DATE_WIDGET, label="Date of the paper")
    file = forms.FileField(required=False, help_text="PDF, Word, Excel, PowerPoint, OpenDocument or text.")
    recipients = RecipientsField()

    class Meta:
        model = Paper
        fields = [
            "agenda_item",
            "body",
            "reference",
            "title",
            "purpose",
            "author",
            "paper_date",
            "summary",
            "classification",
            "recipients",
        ]
        help_texts = {"body": "Needed only for a paper that is not for an agenda item."}

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        records_field(self, "agenda_item").queryset = recent_agenda_items(user)
        self.fields["agenda_item"].widget.attrs.update(PICKER)
        # A label for this form's own copy of the field (the stubs allow only overriding the method).
        records_field(self, "agenda_item").label_from_instance = lambda item: f"{item.meeting} – {item}"  # type: ignore[method-assign,assignment]
        self.fields["body"].required = False
        self.fields["title"].required = False
        self.fields["title"].help_text = "Left empty, a paper for an agenda item takes the item's title."

    def clean(self):
        cleaned = super().clean()
        item = cleaned.get("agenda_item")
        if not cleaned.get("title"):
            if item is not None:
                cleaned["title"] = item.title
            elif "title" not in self.errors:
                self.add_error("title", "Give the paper a title.")
        if not cleaned.get("agenda_item") and not cleaned.get("body"):
            self.add_error("body", "Choose the agenda item the paper is for, or the body that owns it.")
        if not cleaned.get("agenda_item") and not cleaned.get("reference"):
            self.add_error("reference", "A paper that is not for an agenda item needs a reference.")
        return cleaned


class PaperEditForm(Guarded, VerbValidates, forms.ModelForm):
    paper_date = forms.DateField(widget=DATE_WIDGET, label="Date of the paper")
    recipients = RecipientsField()

    class Meta:
        model = Paper
        fields = ["reference", "title", "purpose", "author", "paper_date", "summary", "classification", "recipients"]


class UploadForm(Guarded, forms.Form):
    file = forms.FileField(help_text="The new version replaces the current one; earlier versions are kept.")
    appendix = forms.ModelChoiceField(queryset=Appendix.objects.none(), required=False, empty_label="The paper itself")
    note = forms.CharField(max_length=300, required=False, help_text='Why, e.g. "late paper: figures updated".')

    def __init__(self, *args: Any, paper: Paper, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        records_field(self, "appendix").queryset = Appendix.objects.visible_to(user).filter(paper=paper)


class AppendixForm(Guarded, VerbValidates, forms.ModelForm):
    file = forms.FileField(required=False)
    recipients = RecipientsField()

    class Meta:
        model = Appendix
        fields = ["label", "title", "classification", "recipients"]


# Filters of the meetings and papers lists: the page, GET /api/meetings|papers and the exports
# read the same names.


class MeetingFilterForm(forms.Form):
    body = body_filter()
    status = forms.ChoiceField(choices=Meeting.Status.choices, required=False)
    date_from = date_filter("From")
    date_to = date_filter("To")
    when = forms.ChoiceField(choices=PERIODS, required=False, label="Meetings")


class PaperFilterForm(forms.Form):
    body = body_filter()
    meeting = id_filter("Meeting")
    classification = forms.ChoiceField(choices=Classification.choices, required=False)
    q = forms.CharField(required=False, max_length=300, strip=True, label="Reference or title")
