"""Pages of the budget: the budgets, one budget with its versions and a year's spend against the
approved version (table and chart), one version with its amounts; the secretariat's forms to open a
budget, draft, consult on, approve, correct, void and restore a version, and record, correct, void
and restore a quarter's spend."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panelbook.budget import forms, reports, services
from panelbook.budget.models import Budget, BudgetVersion, Spend, regulatory_year
from panelbook.core.access import SignedInRequest, form_page, secretariat_required, submit, void_or_restore_page
from panelbook.core.classification import can_see, is_secretariat
from panelbook.core.lib import spend_chart


def budget_list(request: HttpRequest) -> HttpResponse:
    budgets = Budget.objects.filter(is_void=False).select_related("body")
    return render(request, "budget/budget_list.html", {"budgets": budgets})


def _budget(pk: int) -> Budget:
    return get_object_or_404(Budget.objects.select_related("body"), pk=pk)


def _year(request: HttpRequest, budget: Budget) -> int:
    form = forms.YearForm(request.GET)
    chosen = form.cleaned_data.get("year") if form.is_valid() else None
    if chosen in budget.years:
        return chosen
    today = regulatory_year(timezone.localdate())
    return today if today in budget.years else budget.first_year


def budget_detail(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(pk)
    year = _year(request, budget)
    versions = BudgetVersion.objects.visible_to(request.user).kept_for(request.user).filter(budget=budget)
    table = reports.spend_against(budget, year, request.user)
    drawn = reports.chart(budget, table)
    spend = Spend.objects.visible_to(request.user).kept_for(request.user).filter(budget=budget, year=year)
    context = {
        "budget": budget,
        "versions": versions.prefetch_related("lines"),
        "approved": table.approved,
        "amounts": reports.amounts(table.approved) if table.approved else None,
        "year": year,
        "table": table,
        "chart": drawn,
        "image": spend_chart.data_uri(drawn),
        "spend": spend.select_related("category"),
    }
    return render(request, "budget/budget_detail.html", context)


def _version(request: HttpRequest, pk: int) -> BudgetVersion:
    rows = BudgetVersion.objects.visible_to(request.user).kept_for(request.user).select_related("budget__body")
    return get_object_or_404(rows, pk=pk)


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    context = {
        "version": version,
        "amounts": reports.amounts(version),
        "publication": services.publication(version),
        "decision": version.decision if version.decision and can_see(request.user, version.decision) else None,
        "paper": version.paper if version.paper and can_see(request.user, version.paper) else None,
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "budget/version_detail.html", context)


# The secretariat's forms


@secretariat_required
def budget_create(request: SignedInRequest) -> HttpResponse:
    form = forms.BudgetForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.open_budget(by=request.user, **data),
        lambda budget: f"{budget} is open; draft its first version.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, "Open a budget", back="budget:budgets", button="Open")


@secretariat_required
def budget_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    budget = _budget(pk)
    initial = {"publication_working_days": budget.publication_working_days}
    form = forms.BudgetCorrectionForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.correct_budget(budget, by=request.user, **data),
        lambda saved: f"{saved} is corrected; the approved version's publication day is counted again.",
    ):
        return redirect(budget)
    return form_page(request, form, f"Correct {budget}", back=budget)


@secretariat_required
def version_create(request: SignedInRequest, pk: int) -> HttpResponse:
    budget = _budget(pk)
    form = forms.VersionForm(request.POST or None, user=request.user, budget=budget)

    def draft(data: dict) -> BudgetVersion:
        fields = {name: data[name] for name in ("notes", "paper", "classification")}
        return services.draft_version(budget, by=request.user, amounts=form.amounts(), **fields)

    made = submit(request, form, draft, lambda version: f"{version} is drafted.")
    if made:
        return redirect(made)
    return form_page(request, form, f"Draft a version of {budget}", back=budget)


def _initial_amounts(version: BudgetVersion) -> dict[str, Any]:
    initial: dict[str, Any] = {"notes": version.notes, "paper": version.paper_id}
    initial["classification"] = version.classification
    for line in version.lines.select_related("category"):
        initial[forms.amount_field_name(line.year, line.category)] = line.amount
    return initial


@secretariat_required
def version_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = forms.VersionCorrectionForm(
        request.POST or None, user=request.user, budget=version.budget, initial=_initial_amounts(version)
    )

    def correct(data: dict) -> BudgetVersion:
        fields = {name: data[name] for name in ("notes", "paper", "classification")}
        return services.correct_version(
            version, by=request.user, reason=data["reason"], amounts=form.amounts(), **fields
        )

    if submit(request, form, correct, lambda saved: f"{saved} is corrected; the earlier amounts stay in its history."):
        return redirect(version)
    return form_page(request, form, f"Correct {version}", back=version)


@secretariat_required
def version_consulted(request: SignedInRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = forms.ConsultedForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.mark_consulted(version, by=request.user, **data),
        lambda saved: f"{saved} is recorded as consulted on; it goes to the Panel for approval.",
    ):
        return redirect(version)
    return form_page(request, form, f"Record the consultation on {version}", back=version)


@secretariat_required
def version_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = forms.ApprovalForm(request.POST or None, user=request.user, version=version)
    if submit(
        request,
        form,
        lambda data: services.approve_version(version, by=request.user, **data),
        lambda saved: f"{saved} is approved; publish it by {saved.publish_by:%d/%m/%Y}.",
    ):
        return redirect(version)
    title = f"Record the Panel's approval of {version}"
    return form_page(request, form, title, back=version, button="Approve")


VERSION_SURFACES = "the budget page, the API, the exports and the budget paper"
SPEND_SURFACES = "the spend table and chart, the API, the exports and the budget paper"


@secretariat_required
def version_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return void_or_restore_page(
        request, _version(request, pk), services.void_version, restoring=False, where=VERSION_SURFACES
    )


@secretariat_required
def version_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return void_or_restore_page(
        request, _version(request, pk), services.restore_version, restoring=True, where=VERSION_SURFACES
    )


@secretariat_required
def spend_create(request: SignedInRequest, pk: int) -> HttpResponse:
    budget = _budget(pk)
    form = forms.SpendForm(request.POST or None, budget=budget)
    made = submit(
        request,
        form,
        lambda data: services.record_spend(budget, by=request.user, today=timezone.localdate(), **data),
        lambda spend: f"{spend} is recorded.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, f"Record a quarter's spend against {budget}", back=budget)


def _spend(request: HttpRequest, pk: int) -> Spend:
    rows = Spend.objects.visible_to(request.user).select_related("budget__body", "category")
    return get_object_or_404(rows, pk=pk)


@secretariat_required
def spend_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    spend = _spend(request, pk)
    initial = {"amount": spend.amount, "classification": spend.classification}
    form = forms.SpendCorrectionForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.correct_spend(spend, by=request.user, **data),
        lambda saved: f"{saved} is corrected.",
    ):
        return redirect(spend)
    return form_page(request, form, f"Correct {spend}", back=spend)


@secretariat_required
def spend_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return void_or_restore_page(
        request, _spend(request, pk), services.void_spend, restoring=False, where=SPEND_SURFACES
    )


@secretariat_required
def spend_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return void_or_restore_page(
        request, _spend(request, pk), services.restore_spend, restoring=True, where=SPEND_SURFACES
    )
