"""Forms of incidents: opening, the steps of one (recategorise, restore a service, close), its
correction, and the filters of the incidents list, the month and the stability page.

The verbs check the rules (a category is 1 to 5, nothing before the opening); a form only reads
the input, so a refusal shows on the field the verb names.
"""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, SheetConfirmForm, SheetUploadForm, reason_field
from panelbook.core.lists import YesNoField
from panelbook.governance.forms import DATE_WIDGET, DATETIME_WIDGET, RecipientsField
from panelbook.governance.models import Body
from panelbook.performance.forms import month_field
from panelbook.performance.models import INCIDENT_CATEGORIES, Incident, Region, ServiceLine


def category_field(label: str = "Category", required: bool = True) -> forms.TypedChoiceField:
    choices: list[tuple[Any, str]] = list(INCIDENT_CATEGORIES) if required else [("", "Any"), *INCIDENT_CATEGORIES]
    return forms.TypedChoiceField(
        choices=choices,
        coerce=int,
        empty_value=None,
        required=required,
        label=label,
        help_text="1 is the most severe, 5 the least." if required else "",
    )


def moment_field(label: str, required: bool = True, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(widget=DATETIME_WIDGET, label=label, required=required, help_text=help_text)


def services_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        ServiceLine.objects.all(), widget=forms.CheckboxSelectMultiple, label="Affected services"
    )


def regions_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        Region.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label="Affected regions"
    )


def text_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=label, help_text=help_text)


ROOT_CAUSE_HELP = "Leave empty while it is under investigation."


class IncidentFields(forms.Form):
    """What logging an incident and correcting it share."""

    reference = forms.CharField(max_length=20, help_text="INC and its digits, as INC000000435359.")
    title = forms.CharField(max_length=300)
    opened = moment_field("Opened")
    services = services_field()
    regions = regions_field()
    is_major = forms.BooleanField(required=False, label="Major Incident")
    impact = text_field("Impact")
    actions_taken = text_field("Actions taken")
    root_cause = text_field("Root cause", ROOT_CAUSE_HELP)
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.WHITE)
    body = forms.ModelChoiceField(
        Body.objects.all(), required=False, help_text="The body that reviews it; its members may read it when AMBER."
    )


class IncidentForm(Guarded, IncidentFields):
    category = category_field("Category when opened")
    recipients = RecipientsField()

    field_order = ["reference", "title", "opened", "category"]


class RecategoriseForm(forms.Form):
    category = category_field("New category")
    at = moment_field("From")
    reason = reason_field("Why does the category change?")


class RestorationForm(forms.Form):
    service_line = forms.ModelChoiceField(ServiceLine.objects.none(), label="Service")
    restored_at = moment_field("Restored")
    reason = forms.CharField(
        max_length=100, required=False, help_text="Only when it replaces a restoration time recorded before."
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_line"].queryset = incident.services.all()  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    closed = moment_field("Closed")
    root_cause = text_field("Root cause", ROOT_CAUSE_HELP)


class CorrectIncidentForm(IncidentFields):
    """Every field of the incident as it stands; the verb stores what differs."""

    closed = moment_field("Closed", required=False)
    reason = reason_field("What is corrected, and why?")

    field_order = ["reference", "title", "opened", "closed"]

    @classmethod
    def initial_for(cls, incident: Incident) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in ("reason", "services", "regions")]
        initial = {name: getattr(incident, name) for name in names}
        initial["services"] = list(incident.services.all())
        initial["regions"] = list(incident.regions.all())
        return initial


class IncidentFilterForm(forms.Form):
    category = category_field("Category (the most severe reached)", required=False)
    line = forms.ModelChoiceField(ServiceLine.objects.all(), required=False, to_field_name="code", label="Service line")
    month = month_field("Opened in")
    open = YesNoField(required=False, label="Still open")
    major = YesNoField(required=False, label="Major Incident")

    def clean(self):
        data = super().clean()
        if data.get("line") is not None:
            data["line"] = data["line"].code
        return data


class StabilityForm(forms.Form):
    category = category_field("Since the last incident of", required=False)
    on = forms.DateField(widget=DATE_WIDGET, required=False, label="As of")


class IncidentsImportForm(SheetUploadForm):
    """The DCC's incident log as a spreadsheet to preview, and how the incidents it adds are classified."""

    file = forms.FileField(
        label="Incident log",
        help_text="CSV (UTF-8) or Excel (.xlsx): one row per incident, headings on the first row.",
    )
    classification = forms.ChoiceField(
        choices=Classification.choices,
        initial=Classification.WHITE,
        help_text="For the incidents this file adds; an incident held keeps its own.",
    )
    body = forms.ModelChoiceField(
        Body.objects.all(),
        required=False,
        empty_label="None",
        help_text="The body that reviews the new incidents, whose members may read them when they are AMBER.",
    )
    what = "the incident log"


class IncidentsImportConfirmForm(SheetConfirmForm):
    classification = forms.ChoiceField(choices=Classification.choices, widget=forms.HiddenInput)
    body = forms.ModelChoiceField(Body.objects.all(), required=False, widget=forms.HiddenInput)
    good_rows_only = forms.BooleanField(required=False)
    what = "the incident log"
