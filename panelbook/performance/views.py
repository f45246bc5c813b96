"""Pages of DCC performance: the month at a glance, one measure's trend, the streaks, and DCC
reporting's forms to enter and correct a result."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from panelbook.core.access import (
    SignedInRequest,
    confirm_void,
    form_page,
    get_visible_or_404,
    secretariat_required,
    submit,
)
from panelbook.core.classification import is_secretariat
from panelbook.core.lib import trend_chart
from panelbook.performance import charts, checks, forms, imports, reports, services
from panelbook.performance.levels import first_of_month
from panelbook.performance.models import Result


def dcc_reporting_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only DCC reporting staff and the secretariat enter results: a sign-in for the public, 403 for others."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.may_enter_results(request.user):
            raise PermissionDenied("Only DCC reporting staff and the secretariat enter performance results.")
        return view(request, *args, **kwargs)

    return wrapped


def glance(request: HttpRequest) -> HttpResponse:
    form = forms.GlanceForm(request.GET)
    chosen = form.cleaned_data.get("month") if form.is_valid() else None
    month = first_of_month(chosen) if chosen else reports.latest_month(request.user)
    context = {
        "form": form,
        "glance": reports.month_at_a_glance(request.user, month, **form.chosen()) if month else None,
        "can_enter": services.may_enter_results(request.user),
    }
    return render(request, "performance/glance.html", context)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(reports.measures(), pk=pk)
    period = forms.PeriodForm(request.GET)
    chosen = period.cleaned_data if period.is_valid() else {}
    since, until = (first_of_month(d) if (d := chosen.get(name)) else None for name in ("since", "until"))
    series = [
        s.between(since, until)
        for s in reports.all_series(request.user, measure=measure)
        if reports.shown(s, scope=chosen.get("scope"))
    ]
    drawn = [(s, charts.trend(s)) for s in series if s.standings]
    context = {
        "measure": measure,
        "period": period,
        "levels": measure.service_levels.all(),
        "charts": [(s, chart, trend_chart.data_uri(chart)) for s, chart in drawn],
        "fed_by": measure.fed_by.select_related("provider"),
        "differences": checks.differences_for(request.user, measure),
        "voided": _voided(request, measure),
        "can_set_levels": is_secretariat(request.user),
        "can_enter": services.may_enter_results(request.user),
    }
    return render(request, "performance/measure_detail.html", context)


def streaks(request: HttpRequest) -> HttpResponse:
    form = forms.SeriesFilterForm(request.GET)
    context = {"form": form, "streaks": reports.streaks(request.user, **form.chosen())}
    return render(request, "performance/streaks.html", context)


@dcc_reporting_required
def result_create(request: SignedInRequest) -> HttpResponse:
    form = forms.ResultForm(request.POST or None, initial={"month": first_of_month(timezone.localdate())})
    recorded = submit(
        request,
        form,
        lambda data: services.record_result(by=request.user, **data),
        lambda result: f"{result} is recorded.",
    )
    if recorded:
        return redirect(recorded.measure)
    return form_page(request, form, "Record a monthly result", button="Record the result")


@dcc_reporting_required
def result_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    result = get_visible_or_404(request, Result, "measure__provider", "scope", pk=pk)
    form = forms.CorrectResultForm(request.POST or None, initial={"value": result.value})
    corrected = submit(
        request,
        form,
        lambda data: services.correct_result(result, by=request.user, **data),
        lambda saved: f"{saved} is corrected; the earlier value is kept in its history.",
    )
    if corrected:
        return redirect(corrected.measure)
    return form_page(request, form, f"Correct {result}", back=result.measure, button="Correct the result")


@dcc_reporting_required
def results_import(request: SignedInRequest) -> HttpResponse:
    """Choose the PMR spreadsheet; see what importing it would do. Nothing is stored here."""
    form = forms.ResultsImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "performance/import.html", {"form": form})
    data = form.cleaned_data
    return _import_preview(request, data["file"], form.content, data["classification"], data["body"])


def _import_preview(
    request: SignedInRequest, sheet: Any, content: bytes, classification: str, body: Any, note: str = ""
) -> HttpResponse:
    try:
        shown = imports.preview(sheet, by=request.user)
    except imports.ColumnsRefused as refused:
        form = forms.ResultsImportForm(initial={"classification": classification, "body": body})
        return render(request, "performance/import.html", {"form": form, "note": str(refused)})
    confirm = forms.ResultsImportConfirmForm.of(
        content, sheet.name, shown.fingerprint(), classification=classification, body=getattr(body, "pk", None)
    )
    context = {
        "form": forms.ResultsImportForm(initial={"classification": classification, "body": body}),
        "shown": shown,
        "confirm": confirm,
        "note": note,
    }
    return render(request, "performance/import.html", context)


@dcc_reporting_required
@require_POST
def results_import_confirm(request: SignedInRequest) -> HttpResponse:
    """Store what the preview showed, in one transaction; show the preview again if anything moved."""
    form = forms.ResultsImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The preview's file was not sent back whole; choose the file again.")
        return redirect("performance:results_import")
    data = form.cleaned_data
    try:
        sheet = form.sheet()
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("performance:results_import")
    try:
        done = imports.import_results(
            sheet,
            by=request.user,
            expected=data["fingerprint"],
            good_rows_only=data["good_rows_only"],
            classification=data["classification"],
            body=data["body"],
        )
    except ValidationError as refused:
        note = " ".join(refused.messages)
        return _import_preview(request, sheet, form.content_bytes(), data["classification"], data["body"], note)
    left = done.rows_in_error
    skipped = (
        f" {left} row{'s' if left != 1 else ''} in error {'were' if left != 1 else 'was'} left out." if left else ""
    )
    messages.success(
        request,
        f"Imported {done.source}: {done.created} recorded, {done.updated} changed and "
        f"{done.count('unchanged')} unchanged.{skipped}",
    )
    return redirect("performance:glance")


def _voided(request: HttpRequest, measure: Any) -> Any:
    """The measure's voided results, for those who may restore them."""
    if not services.may_enter_results(request.user):
        return []
    return Result.objects.visible_to(request.user).filter(measure=measure, is_void=True).select_related("scope")


@dcc_reporting_required
def result_void(request: SignedInRequest, pk: int) -> HttpResponse:
    result = get_visible_or_404(request, Result, "measure__provider", "scope", pk=pk)
    return confirm_void(
        request,
        result,
        lambda data: services.void_result(result, by=request.user, **data),
        title=f"Void {result}",
        consequence=(
            "The result leaves the measure's page, its runs, the month at a glance, the exports, the API and the "
            "papers, and a new result can be recorded for its month. It stays in its history and can be restored."
        ),
        done=f"{result} is void.",
    )


@dcc_reporting_required
def result_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    result = get_visible_or_404(request, Result, "measure__provider", "scope", pk=pk)
    return confirm_void(
        request,
        result,
        lambda data: services.restore_result(result, by=request.user, **data),
        title=f"Restore {result}",
        consequence="The result counts again on every page, run, export and paper.",
        done=f"{result} is restored.",
        restoring=True,
    )


@secretariat_required
def levels_set(request: SignedInRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(reports.measures(), pk=pk)
    form = forms.ServiceLevelForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.set_service_levels(measure, by=request.user, **data),
        lambda level: f"{level} is set; months before it keep the levels in force then.",
    )
    if made:
        return redirect(measure)
    return form_page(request, form, f"Set new service levels for {measure}", back=measure, button="Set the levels")


@secretariat_required
def levels_correct(request: SignedInRequest, pk: int, level: int) -> HttpResponse:
    measure = get_object_or_404(reports.measures(), pk=pk)
    held = get_object_or_404(measure.service_levels.all(), pk=level)
    initial = {"target": held.target, "minimum": held.minimum, "source": held.source}
    form = forms.CorrectServiceLevelForm(request.POST or None, initial=initial)
    corrected = submit(
        request,
        form,
        lambda data: services.correct_service_levels(held, by=request.user, **data),
        lambda saved: f"{saved} is corrected; the earlier levels are kept in its history.",
    )
    if corrected:
        return redirect(measure)
    title = f"Correct the levels of {measure} from {held.effective_from:%-d %B %Y}"
    return form_page(request, form, title, back=measure, button="Correct the levels")
