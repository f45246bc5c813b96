"""Forms of the registers: raising an entry, reclassifying it, dismissing a proposed review, and
the filters of the lists. The verbs check the rules (a likelihood on the register's scale); a form
only reads the input, so a refusal shows on the field the verb names."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, reason_field
from panelbook.governance.models import Person
from panelbook.registers.models import Delegation, Kind, Rag, Status


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
