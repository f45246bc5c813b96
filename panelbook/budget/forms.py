"""Forms of the budget: opening a budget, drafting and correcting a version (an amount per cost
category and year), recording its consultation and approval, and each quarter's spend. The verbs
check the rules; a form only reads the input, so a refusal shows on the field the verb names."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.actions.models import Decision
from panelbook.budget.models import QUARTERS, Budget, BudgetVersion, CostCategory, year_label
from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, reason_field, records_field
from panelbook.governance.forms import DATE_WIDGET
from panelbook.governance.models import Body, Paper


class BudgetForm(Guarded, forms.Form):
    body = forms.ModelChoiceField(Body.objects.all(), help_text="The body whose budget it is: the SEC Panel.")
    first_year = forms.IntegerField(
        min_value=2000, max_value=2200, label="First Regulatory Year", help_text="2026 for 2026/27 (from 1 April 2026)."
    )
    publication_working_days = forms.IntegerField(
        min_value=0, max_value=100, initial=15, label="Working Days from approval to publication"
    )


class BudgetCorrectionForm(forms.Form):
    publication_working_days = forms.IntegerField(
        min_value=0, max_value=100, label="Working Days from approval to publication"
    )
    reason = reason_field("Why is it corrected?")


def amount_field_name(year: int, category: CostCategory) -> str:
    return f"amount_{year}_{category.pk}"


class VersionForm(Guarded, forms.Form):
    """A field per cost category and year of the budget; an empty one is left out of the version."""

    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    paper = forms.ModelChoiceField(Paper.objects.none(), required=False, help_text="The paper that sets it out.")
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.AMBER)

    def __init__(self, *args: Any, user: Any = None, budget: Budget | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        papers = Paper.objects.visible_to(user).order_by("-paper_date", "reference")
        records_field(self, "paper").queryset = papers.filter(body=budget.body) if budget else papers
        self.cells: list[tuple[str, int, CostCategory]] = []
        if budget is None:
            return
        for category in CostCategory.objects.filter(is_active=True):
            for year in budget.years:
                name = amount_field_name(year, category)
                label = f"{category.name}, {year_label(year)} (£)"
                self.fields[name] = forms.DecimalField(
                    min_value=0, decimal_places=2, max_digits=12, required=False, label=label
                )
                self.cells.append((name, year, category))

    def amounts(self) -> dict[tuple[int, CostCategory], Any]:
        data = self.cleaned_data
        return {(year, category): data[name] for name, year, category in self.cells if data.get(name) is not None}


class VersionCorrectionForm(VersionForm):
    reason = reason_field("Why is it corrected?")


class ConsultedForm(forms.Form):
    on = forms.DateField(widget=DATE_WIDGET, label="Consultation closed on")


class ApprovalForm(forms.Form):
    decision = forms.ModelChoiceField(Decision.objects.none(), help_text="The Panel's decision approving it.")

    def __init__(self, *args: Any, user: Any = None, version: BudgetVersion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.visible_to(user).in_force().select_related("body").order_by("-decided_on")
        if version is not None:
            decisions = decisions.filter(body_id=version.budget.body_id)
        records_field(self, "decision").queryset = decisions


class SpendForm(Guarded, forms.Form):
    year = forms.TypedChoiceField(coerce=int, choices=(), label="Regulatory Year")
    quarter = forms.TypedChoiceField(coerce=int, choices=QUARTERS)
    category = forms.ModelChoiceField(CostCategory.objects.filter(is_active=True), label="Cost category")
    amount = forms.DecimalField(min_value=0, decimal_places=2, max_digits=12, label="Amount (£)")
    classification = forms.ChoiceField(choices=Classification.choices, initial=Classification.WHITE)

    def __init__(self, *args: Any, budget: Budget | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = budget.years if budget else []
        self.fields["year"].choices = [(year, year_label(year)) for year in years]  # type: ignore[attr-defined]


class SpendCorrectionForm(forms.Form):
    amount = forms.DecimalField(min_value=0, decimal_places=2, max_digits=12, label="Amount (£)")
    classification = forms.ChoiceField(choices=Classification.choices)
    reason = reason_field("Why is it corrected?")


class YearForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2200)
