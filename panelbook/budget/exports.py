"""CSV and XLSX of the budget: every amount of the versions, and every quarter's spend, the reader
may see, filtered by budget (its first year) and Regulatory Year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest

from panelbook.budget.models import BudgetLine, BudgetVersion, Spend, year_label
from panelbook.core.exports import CONTENT_TYPES, Sheet, sheet_response
from panelbook.core.lists import filter_problems

LINES = Sheet(
    "budget-amounts",
    [
        ("Budget", "version.budget.title"),
        ("Version", "version.number"),
        ("Stage", lambda line: line.version.get_stage_display()),
        ("Regulatory Year", lambda line: year_label(line.year)),
        ("Cost category", "category.name"),
        ("Amount (£)", "amount"),
        ("Classification", "version.classification"),
    ],
)
SPEND = Sheet(
    "budget-spend",
    [
        ("Budget", "budget.title"),
        ("Regulatory Year", lambda spend: year_label(spend.year)),
        ("Quarter", "quarter"),
        ("Cost category", "category.name"),
        ("Amount (£)", "amount"),
        ("Classification", "classification"),
    ],
)


class ExportFilterForm(forms.Form):
    budget = forms.IntegerField(required=False, min_value=2000, max_value=2200, help_text="Its first year.")
    year = forms.IntegerField(required=False, min_value=2000, max_value=2200, label="Regulatory Year")


def _filters(request: HttpRequest, fmt: str) -> dict[str, Any] | HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(f"There is no {fmt} export; use csv or xlsx.")
    form = ExportFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(filter_problems(form)), content_type="text/plain; charset=utf-8")
    return form.cleaned_data


def lines_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters(request, fmt)
    if isinstance(filters, HttpResponse):
        return filters
    versions = BudgetVersion.objects.visible_to(request.user).in_force()
    rows = BudgetLine.objects.filter(version__in=versions).select_related("version__budget__body", "category")
    if filters["budget"]:
        rows = rows.filter(version__budget__first_year=filters["budget"])
    if filters["year"]:
        rows = rows.filter(year=filters["year"])
    return sheet_response(fmt, LINES, rows.order_by("version__budget__first_year", "version__number", "year"))


def spend_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters(request, fmt)
    if isinstance(filters, HttpResponse):
        return filters
    rows = Spend.objects.visible_to(request.user).in_force().select_related("budget__body", "category")
    if filters["budget"]:
        rows = rows.filter(budget__first_year=filters["budget"])
    if filters["year"]:
        rows = rows.filter(year=filters["year"])
    return sheet_response(fmt, SPEND, rows)
