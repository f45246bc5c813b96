"""Forms of DCC performance: a month's result, its correction, and the filters of its pages."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, SheetConfirmForm, SheetUploadForm, reason_field
from panelbook.governance.forms import DATE_WIDGET
from panelbook.governance.models import Body
from panelbook.performance.models import Measure, Provider, Scope

MONTH_FORMATS = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]


def month_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=MONTH_FORMATS,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text="A month, written 2026-03.",
    )


class ResultForm(Guarded, forms.Form):
    measure = forms.ModelChoiceField(queryset=Measure.objects.select_related("provider"))
    scope = forms.ModelChoiceField(queryset=Scope.objects.all())
    month = month_field("Month", required=True)
    value = forms.DecimalField(max_digits=9, decimal_places=3)


class CorrectResultForm(forms.Form):
    value = forms.DecimalField(max_digits=9, decimal_places=3, label="Corrected value")
    reason = reason_field("Why is it corrected?")


class MonthForm(forms.Form):
    month = month_field("Month")


class SeriesFilterForm(forms.Form):
    """Which providers' measures and which scopes a page shows (``?provider=csp-north&scope=…``)."""

    provider = forms.ModelChoiceField(
        Provider.objects.all(), required=False, to_field_name="code", empty_label="Every provider"
    )
    scope = forms.ModelChoiceField(Scope.objects.all(), required=False, to_field_name="code", empty_label="Every scope")

    def chosen(self) -> dict[str, Any]:
        """The provider and scope chosen (None when not, or when the choice is not one)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"provider": data.get("provider"), "scope": data.get("scope")}


class GlanceForm(SeriesFilterForm, MonthForm):
    field_order = ["month", "provider", "scope"]


class PeriodForm(forms.Form):
    """The months a measure's page shows; the runs are still counted over its whole history."""

    scope = forms.ModelChoiceField(Scope.objects.all(), required=False, to_field_name="code", empty_label="Every scope")
    since = month_field("From")
    until = month_field("Until")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The last month is before the first; swap them.")
        return data


class ResultFilterForm(forms.Form):
    provider = forms.ModelChoiceField(Provider.objects.all(), required=False, to_field_name="code")
    scope = forms.ModelChoiceField(Scope.objects.all(), required=False, to_field_name="code")
    measure = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    since = month_field("From")
    until = month_field("Until")

    def clean(self):
        data = super().clean()
        for name in ("provider", "scope"):
            if data.get(name) is not None:
                data[name] = data[name].code
        return data


class ResultsImportForm(SheetUploadForm):
    """The DCC's Performance Measurement Report spreadsheet to preview, and how new results are classified."""

    file = forms.FileField(
        label="Performance Measurement Report",
        help_text="CSV (UTF-8) or Excel (.xlsx): one row per measure, scope and month, headings on the first row.",
    )
    classification = forms.ChoiceField(
        choices=Classification.choices,
        initial=Classification.WHITE,
        help_text="For the results this file adds; a changed value keeps its result's classification.",
    )
    body = forms.ModelChoiceField(
        Body.objects.all(),
        required=False,
        empty_label="None",
        help_text="The body that reviews the new results, whose members may read them when they are AMBER.",
    )
    what = "the Performance Measurement Report"


class ResultsImportConfirmForm(SheetConfirmForm):
    classification = forms.ChoiceField(choices=Classification.choices, widget=forms.HiddenInput)
    body = forms.ModelChoiceField(Body.objects.all(), required=False, widget=forms.HiddenInput)
    good_rows_only = forms.BooleanField(required=False)
    what = "the Performance Measurement Report"


def level_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=9, decimal_places=3, min_value=0)


class ServiceLevelForm(Guarded, forms.Form):
    """New Target and Minimum Service Levels for a measure, in force from a day on."""

    effective_from = forms.DateField(widget=DATE_WIDGET, label="In force from")
    target = level_field("Target Service Level")
    minimum = level_field("Minimum Service Level")
    source = forms.CharField(
        max_length=200, required=False, help_text="Where the levels are set (SEC H13.1, the RLoSPPM …)."
    )


class CorrectServiceLevelForm(forms.Form):
    target = level_field("Target Service Level")
    minimum = level_field("Minimum Service Level")
    source = forms.CharField(max_length=200, required=False)
    reason = reason_field("Why are they corrected?")
