"""Forms of the review queue. The verbs in services.py check and apply what is posted."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.ingest.models import Proposal, RecordType

LONG_TEXT = 80  # characters above which a value is edited in a text area


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[*Proposal.Status.choices, ("all", "All")], required=False)
    type = forms.ChoiceField(choices=[("", "All types"), *RecordType.choices], required=False)
    file = forms.IntegerField(required=False, min_value=1)


class AcceptForm(forms.Form):
    """No fields: it carries a refusal of the accept verb back to the page."""


class RejectForm(forms.Form):
    reason = forms.CharField(required=False, max_length=500, label="Why (optional)")


class ProposalEditForm(forms.Form):
    """One field per value of the proposal's record: text for a single value, JSON for a list.

    The form converts only what a browser cannot send (lists); the accept verb checks each value
    for its record type and names the field it refuses.
    """

    def __init__(self, *args: Any, payload: dict[str, Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, value in payload.items():
            if name != "source":
                self.fields[name] = field_for(name, value)


def field_for(name: str, value: Any) -> forms.Field:
    if isinstance(value, (list, dict)):
        return forms.JSONField(
            required=False, label=name, initial=value, widget=forms.Textarea(attrs={"rows": 6}), help_text="JSON"
        )
    if isinstance(value, bool):
        return forms.BooleanField(required=False, label=name, initial=value)
    text = "" if value is None else str(value)
    widget = forms.Textarea(attrs={"rows": 3}) if len(text) > LONG_TEXT or "\n" in text else forms.TextInput
    return forms.CharField(required=False, label=name, initial=text, empty_value=None, widget=widget)
