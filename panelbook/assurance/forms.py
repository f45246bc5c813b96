"""Forms of SEC Parties and security assurance; the verbs check the rules and name the field."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone

from panelbook.assurance.models import (
    PARTY_CATEGORIES,
    AssessmentKind,
    AssuranceStatus,
    LetterTrigger,
    UepStep,
    UserRole,
)
from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, reason_field
from panelbook.governance.forms import DATE_WIDGET
from panelbook.governance.models import Body, Organisation


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(widget=DATE_WIDGET, label=label, required=required, help_text=help_text)


def category_field(required: bool = True) -> forms.ChoiceField:
    empty = [] if required else [("", "Any")]
    return forms.ChoiceField(choices=[*empty, *PARTY_CATEGORIES], required=required, label="Party Category")


class PartyFilterForm(forms.Form):
    category = category_field(required=False)
    role = forms.ModelChoiceField(UserRole.objects.all(), required=False, label="User Role", empty_label="Any")
    q = forms.CharField(max_length=100, required=False, label="Name contains")


class PartyFields(forms.Form):
    category = category_field()
    acceded_on = date_field("Accession date")
    countersigned_on = date_field(
        "Countersigned by SECCo", required=False, help_text="Leave empty until the Board has countersigned."
    )


class AdmitPartyForm(Guarded, PartyFields):
    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(party__isnull=True), help_text="An organisation that is not yet a Party."
    )
    field_order = ["organisation", "category", "acceded_on", "countersigned_on"]


class CorrectPartyForm(PartyFields):
    reason = reason_field("Why is it corrected?")


class RoleForm(forms.Form):
    role = forms.ModelChoiceField(UserRole.objects.all(), label="User Role")
    applied_on = date_field("Began the User Entry Process")


class StepForm(forms.Form):
    step = forms.ModelChoiceField(UepStep.objects.filter(is_active=True), label="Step")
    completed_on = date_field("Completed")


class PartyUpdateForm(forms.Form):
    """Which agenda item of the meeting the update is written into."""

    agenda_item = forms.TypedChoiceField(coerce=int, label="Agenda item")

    def __init__(self, *args: Any, items: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agenda_item"]).choices = [
            (item.pk, f"{item.number}. {item.title}") for item in items
        ]


class AssessmentFields(forms.Form):
    kind = forms.ChoiceField(choices=AssessmentKind.choices, label="Type")
    fieldwork_from = date_field("Fieldwork from", required=False)
    fieldwork_to = date_field("Fieldwork to", required=False)
    reported_on = date_field("User CIO reported", required=False)
    cio = forms.CharField(max_length=200, label="User CIO")
    summary = forms.CharField(widget=forms.Textarea, required=False)
    is_identifying = forms.BooleanField(
        required=False,
        label="Counting it would identify the Party",
        help_text="Its counts beyond the SSC are then withheld.",
    )
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.RED)


class AssessmentForm(Guarded, AssessmentFields):
    party = forms.ModelChoiceField(Organisation.objects.all(), label="Party", help_text="A SEC Party.")
    role = forms.ModelChoiceField(UserRole.objects.all(), label="User Role", help_text="A role the Party holds.")
    body = forms.ModelChoiceField(Body.objects.all(), label="Reviewed by", help_text="Its current members are named.")
    field_order = ["party", "role", "kind", "body"]


class CorrectAssessmentForm(AssessmentFields):
    reason = reason_field("Why is it corrected?")


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=AssuranceStatus.choices, label="Assurance status")
    set_on = date_field("Set on")
    set_by = forms.ModelChoiceField(Body.objects.all(), label="Set by")
    delegation = forms.CharField(
        max_length=200, required=False, label="Under the delegation", help_text="e.g. SEC G8.34, delegated August 2017."
    )
    conditions = forms.CharField(
        widget=forms.Textarea, required=False, help_text="When approved subject to conditions."
    )


class FindingForm(forms.Form):
    finding = forms.CharField(widget=forms.Textarea, label="Non-compliance")
    control = forms.CharField(max_length=60, required=False, label="SEC clause or control")
    remediation = forms.CharField(widget=forms.Textarea, required=False)
    due_on = date_field("Remediation due", required=False)


class LetterForm(forms.Form):
    trigger = forms.ChoiceField(choices=LetterTrigger.choices, label="Follows")
    received_on = date_field("Received")
    reviewed_on = date_field("Reviewed by the SSC", required=False)
    summary = forms.CharField(widget=forms.Textarea, required=False)


class AssessmentFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Any"), *AssessmentKind.choices], required=False, label="Type")
    status = forms.ChoiceField(choices=[("", "Any"), *AssuranceStatus.choices], required=False)


class PeriodForm(forms.Form):
    since = date_field("From", required=False)
    until = date_field("To", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("since", "The period begins after it ends; give a “From” day on or before “To”.")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for: the year to today unless given."""
        data = self.cleaned_data if self.is_valid() else {}
        until = data.get("until") or timezone.localdate()
        since = data.get("since") or until - dt.timedelta(days=365)
        return since, until
