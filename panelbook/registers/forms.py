"""Forms of the registers: raising, correcting, moving and reviewing an entry and its mitigations,
dismissing a proposed review, proposing, deciding and correcting a delegation, and the filters of
the lists. The verbs check the rules (a likelihood on the register's scale); a form
only reads the input, so a refusal shows on the field the verb names."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.actions.models import Decision
from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, reason_field, records_field
from panelbook.governance.models import Body, Meeting, Person
from panelbook.registers.models import Delegation, Entry, Kind, Mitigation, Rag, Status


class EntryForm(Guarded, forms.Form):
    title = forms.CharField(max_length=300)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    owner = forms.ModelChoiceField(Person.objects.all(), required=False)
    category = forms.CharField(max_length=100, required=False)
    likelihood = forms.IntegerField(min_value=0, max_value=99, help_text="A value on the register's likelihood scale.")
    impact = forms.IntegerField(min_value=0, max_value=99, help_text="A value on the register's impact scale.")
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.AMBER)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    reason = reason_field("Why")


class EntryCorrectionForm(forms.ModelForm):
    """The fields a correction may change; the score and RAG follow from the register's scales."""

    classification = forms.ChoiceField(choices=Classification.choices)
    reason = reason_field("Why is it corrected?")

    class Meta:
        model = Entry
        fields = ("title", "description", "owner", "category", "likelihood", "impact", "classification")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class EntryStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    reason = forms.CharField(max_length=500, required=False, help_text="Kept in the entry's history.")


class ReviewForm(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Reviewed on")
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(), required=False, help_text="The meeting it was reviewed at."
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, user: Any = None, entry: Entry | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.visible_to(user).select_related("body").order_by("-starts_at")
        if entry is not None:
            meetings = meetings.filter(body_id=entry.register.body_id)
        records_field(self, "meeting").queryset = meetings


class MitigationForm(forms.ModelForm):
    class Meta:
        model = Mitigation
        fields = ("text", "owner", "status")
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MitigationUpdateForm(MitigationForm):
    reason = forms.CharField(max_length=500, required=False, help_text="Kept in the mitigation's history.")


DELEGATION_FIELDS = ("activity", "sec_reference", "scope", "conditions", "reporting", "referral_route")


class DelegationForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ("from_body", "to_body", *DELEGATION_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in DELEGATION_FIELDS[2:]}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records_field(self, "from_body").queryset = Body.objects.order_by("name")
        records_field(self, "to_body").queryset = Body.objects.order_by("name")


class DelegationCorrectionForm(forms.ModelForm):
    reason = reason_field("Why is it corrected?")

    class Meta:
        model = Delegation
        fields = DELEGATION_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in DELEGATION_FIELDS[2:]}


class DelegationDecisionForm(forms.Form):
    """The delegating body's decision: one its members recorded and this person may see."""

    status = forms.ChoiceField(choices=[c for c in Delegation.Status.choices if c[0] != Delegation.Status.PROPOSED])
    decision = forms.ModelChoiceField(
        Decision.objects.none(), help_text="The decision that approved, deferred or revoked it."
    )

    def __init__(self, *args: Any, user: Any = None, delegation: Delegation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.visible_to(user).in_force().select_related("body").order_by("-decided_on")
        if delegation is not None:
            decisions = decisions.filter(body_id=delegation.from_body_id)
        records_field(self, "decision").queryset = decisions


class EntryFilterForm(forms.Form):
    body = forms.SlugField(required=False)
    kind = forms.ChoiceField(choices=[("", "Any"), *Kind.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any"), *Status.choices], required=False)
    rag = forms.ChoiceField(choices=[("", "Any"), *Rag.choices], required=False)

    def clean(self) -> dict[str, Any]:
        return {name: value or None for name, value in (super().clean() or {}).items()}


class DelegationFilterForm(forms.Form):
    body = forms.SlugField(required=False)
    status = forms.ChoiceField(choices=[("", "Any"), *Delegation.Status.choices], required=False)

    def clean(self) -> dict[str, Any]:
        return {name: value or None for name, value in (super().clean() or {}).items()}


class AsAtForm(forms.Form):
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="As at")
