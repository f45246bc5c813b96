"""Forms of the consultations the Panel answers; the verbs check the rules and name the field.
Choices over classified records (meetings, agenda items, decisions) take the acting user."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.actions.models import Decision
from panelbook.consultations.models import Consultation, Issuer, Status
from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, reason_field, records_field
from panelbook.governance.forms import DATE_WIDGET
from panelbook.governance.models import AgendaItem, Body, Meeting


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(widget=DATE_WIDGET, label=label, required=required, help_text=help_text)


def bodies() -> Any:
    return Body.objects.filter(is_active=True)


class ConsultationFilterForm(forms.Form):
    issuer = forms.ChoiceField(choices=[("", "Any"), *Issuer.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any"), *Status.choices], required=False)
    body = forms.SlugField(required=False, help_text="A body's code: the body answering or asked.")
    q = forms.CharField(max_length=100, required=False, label="Subject or reference contains")


class ConsultationFields(forms.Form):
    issuer = forms.ChoiceField(choices=Issuer.choices)
    issuer_name = forms.CharField(max_length=200, required=False, label="Issued by", help_text="e.g. the DCC's team.")
    subject = forms.CharField(max_length=300)
    reference = forms.CharField(max_length=100, required=False, help_text="The issuer's reference, where it has one.")
    opened_on = date_field("Opened")
    closes_on = date_field("Closing date")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.WHITE)
    bodies_asked = forms.ModelMultipleChoiceField(
        bodies(), required=False, label="Bodies asked for input", widget=forms.CheckboxSelectMultiple
    )


class ConsultationForm(Guarded, ConsultationFields):
    body = forms.ModelChoiceField(bodies(), label="Answered by", help_text="The body that sends the response.")
    field_order = ["issuer", "issuer_name", "subject", "reference", "opened_on", "closes_on", "body"]


class CorrectConsultationForm(ConsultationFields):
    extended_to = date_field("Extended to", required=False, help_text="Leave empty when there is no extension.")
    extension_reason = forms.CharField(max_length=200, required=False, label="Why it was extended")
    reason = reason_field("Why is it corrected?")


class ExtensionForm(forms.Form):
    extended_to = date_field("Extended to", help_text="The new closing date the issuer gave.")
    reason = reason_field("Why was it extended?")


class ObservationForm(forms.Form):
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(), help_text="A meeting of a body asked for input, where it made these observations."
    )
    agenda_item = forms.ModelChoiceField(AgendaItem.objects.none(), required=False, label="At agenda item")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="Observations")
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.AMBER)

    def __init__(self, *args: Any, user: Any = None, consultation: Consultation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.visible_to(user).select_related("body").order_by("-starts_at")
        items = AgendaItem.objects.visible_to(user).filter(is_withdrawn=False).select_related("meeting__body")
        if consultation is not None:
            asked = consultation.bodies_asked.values("pk")
            meetings = meetings.filter(body__in=asked)
            items = items.filter(meeting__body__in=asked)
        records_field(self, "meeting").queryset = meetings
        records_field(self, "agenda_item").queryset = items.order_by("-meeting__starts_at", "position")


class CorrectObservationForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="Observations")
    classification = forms.ChoiceField(choices=Classification.choices)
    reason = reason_field("Why is it corrected?")


class PaperFields(forms.Form):
    reference = forms.CharField(max_length=60, help_text="The paper's reference, e.g. SECP_75_0101_01.")
    title = forms.CharField(max_length=300)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class DraftResponseForm(Guarded, PaperFields):
    paper_date = date_field("Paper date")
    classification = forms.ChoiceField(
        choices=Classification.choices, initial=Classification.AMBER, help_text="A draft is usually AMBER."
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(), required=False, help_text="The answering body's meeting that takes the draft."
    )

    def __init__(self, *args: Any, user: Any = None, consultation: Consultation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.visible_to(user).select_related("body").order_by("-starts_at")
        if consultation is not None:
            meetings = meetings.filter(body_id=consultation.body_id)
        records_field(self, "meeting").queryset = meetings


class SendResponseForm(Guarded, PaperFields):
    sent_on = date_field(
        "Sent on",
        help_text="Sending makes the response a paper of the answering body and closes the consultation to more "
        "input; a response is sent once, by the closing date or a recorded extension.",
    )
    decision = forms.ModelChoiceField(Decision.objects.none(), help_text="The decision that agreed the response.")
    classification = forms.ChoiceField(
        choices=Classification.choices, initial=Classification.WHITE, help_text="The response sent is usually WHITE."
    )

    def __init__(self, *args: Any, user: Any = None, consultation: Consultation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.visible_to(user).in_force().select_related("body").order_by("-decided_on")
        if consultation is not None:
            decisions = decisions.filter(body_id=consultation.body_id)
        records_field(self, "decision").queryset = decisions


class CorrectResponseForm(forms.Form):
    sent_on = date_field("Sent on")
    decision = forms.ModelChoiceField(Decision.objects.none(), help_text="The decision that agreed the response.")
    reason = reason_field("Why is the sending corrected?")

    def __init__(self, *args: Any, user: Any = None, consultation: Consultation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.visible_to(user).in_force().select_related("body").order_by("-decided_on")
        if consultation is not None:
            decisions = decisions.filter(body_id=consultation.body_id)
        records_field(self, "decision").queryset = decisions


class NotAnsweredForm(forms.Form):
    reason = reason_field("Why is it not answered?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "reason"
        ].help_text = (
            "The consultation is closed to more observations and responses; the reason is kept in its history."
        )


class ReopenForm(forms.Form):
    reason = reason_field("Why is it reopened?")
