"""Pages of DCC performance: the month at a glance, one measure's trend, the streaks, and DCC
reporting's forms to enter and correct a result."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panelbook.core.access import SignedInRequest, form_page, get_visible_or_404, submit
from panelbook.core.lib import trend_chart
from panelbook.performance import charts, forms, reports, services
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
    form = forms.MonthForm(request.GET)
    chosen = form.cleaned_data.get("month") if form.is_valid() else None
    month = first_of_month(chosen) if chosen else reports.latest_month(request.user)
    context = {
        "form": form,
        "glance": reports.month_at_a_glance(request.user, month) if month else None,
        "can_enter": services.may_enter_results(request.user),
    }
    return render(request, "performance/glance.html", context)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(reports.measures(), pk=pk)
    series = reports.all_series(request.user, measure=measure)
    drawn = [(s, charts.trend(s)) for s in series]
    context = {
        "measure": measure,
        "levels": measure.service_levels.all(),
        "charts": [(s, chart, trend_chart.data_uri(chart)) for s, chart in drawn],
        "fed_by": measure.fed_by.select_related("provider"),
        "can_enter": services.may_enter_results(request.user),
    }
    return render(request, "performance/measure_detail.html", context)


def streaks(request: HttpRequest) -> HttpResponse:
    return render(request, "performance/streaks.html", {"streaks": reports.streaks(request.user)})


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
