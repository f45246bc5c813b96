"""Forms for the actions log, decisions and minutes. The verbs in services.py do the writing."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from panelbook.actions.models import Action, Decision, Minutes, Verb
from panelbook.core.classification import Classification
from panelbook.core.forms import PICKER, Guarded, VerbValidates, reason_field, records_field
from panelbook.core.lists import YesNoField, body_filter, date_filter, id_filter
from panelbook.governance.forms import DATE_WIDGET, RecipientsField
from panelbook.governance.models import AgendaItem, Body, Meeting, Organisation, Paper, Person


class OwnerInput(forms.TextInput):
    """A text box suggesting, as you type, the people, organisations and bodies that can own an action."""

    template_name = "actions/widgets/owner_input.html"

    def __init__(self, suggestions: list[str] | None = None):
        super().__init__(attrs={"list": "owner-suggestions", "autocomplete": "off"})
        self.suggestions = suggestions or []

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["suggestions"] = self.suggestions
        return context


def owners() -> dict[str, tuple[str, Any]]:
    """Who can own an action, by the name the owner field shows: each person (with their
    organisation), organisation and active body, as the field of the action it fills."""
    found: dict[str, tuple[str, Any]] = {}
    for body in Body.objects.filter(is_active=True):
        found.setdefault(body.short_name, ("owner_body", body))
    for organisation in Organisation.objects.all():
        found.setdefault(organisation.name, ("owner_organisation", organisation))
    for person in Person.objects.select_related("organisation"):
        found.setdefault(str(person), ("owner_person", person))
    return found


OWNER_LINKS = ("owner_person", "owner_organisation", "owner_body")


class ActionForm(Guarded, VerbValidates, forms.ModelForm):
    """An action, its owner named once: a person, an organisation or a body picked as you type
    (reminders go to a person), or the owner as the minutes name it."""

    due_date = forms.DateField(widget=DATE_WIDGET, required=False)
    recipients = RecipientsField()

    class Meta:
        model = Action
        fields = ["agenda_item", "text", "owner", "due_date", "target_meeting", "classification", "recipients"]
        labels = {"text": "Action", "owner": "Owner"}
        help_texts = {
            "owner": "Start typing a person, an SEC Party or a body to pick one, or write the owner as the minutes "
            "name it (SECAS, all Panel members)."
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.owners = owners()
        self.fields["owner"].widget = OwnerInput(list(self.owners))
        self.initial["owner"] = self._owner_shown()
        records_field(self, "agenda_item").queryset = agenda_items_of(meeting, user)
        later = Meeting.objects.visible_to(user).filter(body=meeting.body, starts_at__gt=meeting.starts_at)
        records_field(self, "target_meeting").queryset = later.select_related("body").order_by("starts_at")
        self.fields["target_meeting"].help_text = "Or the meeting it should be reported back to."
        # A meeting's own agenda is short and a plain list is quickest by keyboard; later meetings are many.
        self.fields["target_meeting"].widget.attrs.update(PICKER)

    def _owner_shown(self) -> str:
        """The owner as the field shows it: the suggestion naming the linked record, else the text."""
        linked = [getattr(self.instance, name) for name in OWNER_LINKS if getattr(self.instance, name, None)]
        labels = [label for label, (_, each) in self.owners.items() if linked and each == linked[0]]
        return labels[0] if labels else self.initial.get("owner", "")

    def clean(self):
        """Fill the owner's link from the name picked; a name not suggested is the owner as written."""
        cleaned = super().clean()
        field, linked = self.owners.get((cleaned.get("owner") or "").strip(), (None, None))
        for name in OWNER_LINKS:
            cleaned[name] = linked if name == field else None
        if isinstance(linked, Person):
            cleaned["owner"] = linked.name
        return cleaned


class ActionCorrectionForm(ActionForm):
    """An action's fields as recorded, to correct, with the reason for the correction."""

    reason = reason_field("Why it is corrected")


class ActionUpdateForm(Guarded, forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Update")
    on = forms.DateField(widget=DATE_WIDGET, label="Dated")
    papers = forms.ModelMultipleChoiceField(
        queryset=Paper.objects.none(),
        required=False,
        help_text="Papers the update refers to.",
        widget=forms.SelectMultiple(attrs=PICKER),
    )

    def __init__(self, *args: Any, action: Action, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        records_field(self, "papers").queryset = Paper.objects.visible_to(user).filter(body=action.body)
        # A label for this form's own copy of the field (the stubs allow only overriding the method).
        records_field(self, "papers").label_from_instance = lambda paper: f"{paper.reference} {paper.title}"  # type: ignore[method-assign,assignment]


class ActionStatusForm(forms.Form):
    """Propose an open action to close, or reopen one; closing has its own confirmation page."""

    CHOICES = {
        Action.Status.OPEN: [("propose", "Propose to close")],
        Action.Status.PROPOSE_TO_CLOSE: [("reopen", "Reopen")],
        Action.Status.CLOSED: [("reopen", "Reopen")],
    }
    change = forms.ChoiceField(choices=[])
    reason = forms.CharField(required=False, max_length=500, label="Why it is reopened, or the closing update")

    def __init__(self, *args: Any, action: Action, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["change"]).choices = self.CHOICES[Action.Status(action.status)]


class ActionCloseForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Meeting that confirmed the closure",
        error_messages={"required": "Choose the meeting at which the body confirmed the closure."},
    )

    def __init__(self, *args: Any, action: Action, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        begun = Meeting.objects.visible_to(user).filter(starts_at__lte=timezone.now())
        later = begun.filter(body=action.body, starts_at__gte=action.meeting.starts_at)
        meetings = later.exclude(status=Meeting.Status.CANCELLED).select_related("body").order_by("-starts_at")
        records_field(self, "at_meeting").queryset = meetings


class DecisionForm(Guarded, VerbValidates, forms.ModelForm):
    recipients = RecipientsField()

    class Meta:
        model = Decision
        fields = ["agenda_item", "verb", "text", "by_majority", "dissent", "classification", "recipients"]
        labels = {"text": "Decision (after the verb)"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, meeting: Meeting | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if meeting is None:
            del self.fields["agenda_item"]
        else:
            records_field(self, "agenda_item").queryset = agenda_items_of(meeting, user)
            self.fields["agenda_item"].required = True
        cast(forms.ChoiceField, self.fields["verb"]).choices = Verb.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("dissent") and not cleaned.get("by_majority"):
            self.add_error("dissent", "Dissent is recorded only for a decision taken by majority.")
        return cleaned


class DecisionCorrectionForm(DecisionForm):
    """A decision as recorded, to correct (its item, verb, text, place in the item's block …), with
    the reason for the correction."""

    reason = reason_field("Why it is corrected")

    class Meta(DecisionForm.Meta):
        fields = ["agenda_item", "position", "verb", "text", "by_majority", "dissent", "classification", "recipients"]
        labels = {**DecisionForm.Meta.labels, "position": "Number within the item's decisions"}


class ExCommitteeDecisionForm(DecisionForm):
    body = forms.ModelChoiceField(queryset=Body.objects.filter(is_active=True), widget=forms.Select(attrs=PICKER))
    decided_on = forms.DateField(widget=DATE_WIDGET, label="Decided on")

    field_order = ["body", "decided_on", "verb", "text", "by_majority", "dissent", "classification", "recipients"]


class MinutesForm(Guarded, forms.Form):
    confidential = forms.BooleanField(
        required=False, label="Confidential minutes", help_text="For the confidential items, kept separately."
    )
    classification = forms.ChoiceField(choices=Classification.choices, initial="WHITE")
    recipients = RecipientsField()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confidential") and cleaned.get("classification") == "WHITE":
            self.add_error("classification", "Confidential minutes cannot be WHITE.")
        return cleaned


class MinuteEntryForm(Guarded, forms.Form):
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), required=False)


def items_minuted_in(minutes: Minutes, user: Any) -> QuerySet[AgendaItem]:
    """The items these minutes record, that ``user`` may see: confidential items only in
    confidential minutes."""
    items = AgendaItem.objects.visible_to(user).filter(meeting=minutes.meeting)
    if not minutes.confidential:
        items = items.filter(classification="WHITE")
    return items.order_by("position", "number")


class MinutesPageForm(forms.Form):
    """Every item's minute on one page: a text and the revision it was read at, per item the
    writer may see."""

    def __init__(self, *args: Any, minutes: Minutes, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.items = list(items_minuted_in(minutes, user))
        entries = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
        for item in self.items:
            entry = entries.get(item.pk)
            self.fields[f"minute_{item.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
                label=f"Minute of item {item.number}",
                initial=entry.narrative if entry else "",
            )
            self.fields[f"revision_{item.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=0, initial=entry.revision if entry else 0
            )

    def entries(self) -> list[tuple[AgendaItem, str, int | None]]:
        """(item, text, revision the writer started from) for each item, in the agenda's order."""
        data = self.cleaned_data
        return [(item, data[f"minute_{item.pk}"], data[f"revision_{item.pk}"]) for item in self.items]

    def rows(self) -> list[tuple[AgendaItem, Any]]:
        """Each item with its bound text field, for the page."""
        return [(item, self[f"minute_{item.pk}"]) for item in self.items]


class ApproveMinutesForm(forms.Form):
    at_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False, label="Approved at meeting")
    on = forms.DateField(widget=DATE_WIDGET, required=False, label="Or approved ex-committee on")

    def __init__(self, *args: Any, minutes: Minutes, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        meeting = minutes.meeting
        later = Meeting.objects.visible_to(user).filter(body=meeting.body, starts_at__gt=meeting.starts_at)
        records_field(self, "at_meeting").queryset = later.select_related("body").order_by("starts_at")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("at_meeting")) == bool(cleaned.get("on")):
            self.add_error("at_meeting", "Choose the meeting that approved the minutes, or the ex-committee date.")
        return cleaned


class ActionFilterForm(forms.Form):
    body = body_filter()
    status = forms.ChoiceField(
        choices=[*Action.Status.choices, ("outstanding", "Not closed"), ("all", "All")], required=False
    )
    owner = forms.CharField(required=False, max_length=200)
    overdue = YesNoField(required=False)
    meeting = id_filter("Meeting that raised it")
    void = YesNoField(required=False, label="Voided actions (the secretariat's)")


class DecisionFilterForm(forms.Form):
    body = body_filter()
    verb = forms.ChoiceField(choices=Verb.choices, required=False)
    date_from = date_filter("From")
    date_to = date_filter("To")
    q = forms.CharField(required=False, max_length=200)
    ex_committee = YesNoField(required=False)
    void = YesNoField(required=False, label="Voided decisions (the secretariat's)")


def agenda_items_of(meeting: Meeting, user) -> QuerySet[AgendaItem]:
    """The meeting's items a person may pick, by number (as papers and minutes name them)."""
    return AgendaItem.objects.visible_to(user).filter(meeting=meeting).order_by("number")
