"""The search form, and the form that keeps a search under a name to follow it."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.core.classification import Classification
from panelbook.governance.models import Body
from panelbook.search.models import Frequency, Sort
from panelbook.search.saved import kind_labels


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=300)
    kind = forms.ChoiceField(label="Kind of record", required=False)
    body = forms.ModelChoiceField(
        label="Body", required=False, queryset=Body.objects.order_by("display_order"), empty_label="Any"
    )
    level = forms.ChoiceField(label="Classification", required=False, choices=[("", "Any"), *Classification.choices])
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label="Sort by", required=False, choices=Sort.choices)
    page = forms.IntegerField(required=False, min_value=1, max_value=500, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = sorted(kind_labels().items(), key=lambda item: item[1])
        self.fields["kind"].choices = [("", "Any"), *labels]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the range is before its start.")
        return data


class SavedSearchForm(SearchForm):
    """A search's parameters with a name and how often to e-mail its new results."""

    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="How the search is listed among yours and named in its feed and e-mails.",
        error_messages={"required": "Give the search a name, so you can tell it apart in your list."},
    )
    frequency = forms.ChoiceField(
        label="E-mail me new results",
        choices=Frequency.choices,
        initial=Frequency.OFF,
        help_text="Each e-mail lists only results you have not been sent before.",
    )
    field_order = ["name", "q", "kind", "body", "level", "since", "until", "sort", "frequency"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["page"]
