"""CSV and XLSX exports of the monthly results and the incidents, through ``core.exports``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from panelbook.core.exports import CONTENT_TYPES, Sheet, export, sheet_response
from panelbook.performance import incident_reports, reports
from panelbook.performance.forms import ResultFilterForm, SeriesFilterForm
from panelbook.performance.incident_forms import IncidentFilterForm
from panelbook.performance.models import Incident, Result

RESULTS = Sheet(
    "performance-results",
    [
        ("Provider", "measure.provider.name"),
        ("Measure", "measure.code"),
        ("Methodology version", "measure.methodology_version"),
        ("Name", "measure.name"),
        ("Scope", "scope.name"),
        ("Month", lambda r: r.month.strftime("%Y-%m")),
        ("Value", "value"),
        ("Unit", "measure.unit"),
        ("Classification", "classification"),
    ],
)


def _results_seen_by(user: Any):
    rows = Result.objects.visible_to(user).in_force().select_related("measure__provider", "scope")
    return rows.order_by("measure__provider__name", "measure__code", "scope__name", "month")


def results_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The results as the caller may see them, filtered like GET /api/performance/results."""
    return export(request, fmt, RESULTS, form=ResultFilterForm, rows=_results_seen_by)


def _moment(value: Any) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def _categories(incident: Incident) -> str:
    return " → ".join(f"{c.category} at {_moment(c.at)}" for c in incident.changes.all())


def _restorations(incident: Incident) -> str:
    return "; ".join(f"{r.service_line} {_moment(r.restored_at)}" for r in incident.restorations.all())


INCIDENTS = Sheet(
    "performance-incidents",
    [
        ("Reference", "reference"),
        ("Title", "title"),
        ("Services", lambda i: ", ".join(s.name for s in i.services.all())),
        ("Regions", lambda i: ", ".join(r.name for r in i.regions.all())),
        ("Opened", lambda i: _moment(i.opened)),
        ("Category now", "category"),
        ("Most severe category", "worst_category"),
        ("Category history", _categories),
        ("Restored", _restorations),
        ("Closed", lambda i: _moment(i.closed)),
        ("Major Incident", lambda i: "Yes" if i.is_major else "No"),
        ("Impact", "impact"),
        ("Actions taken", "actions_taken"),
        ("Root cause", "root_cause_or_status"),
        ("Classification", "classification"),
    ],
)


def _incidents_seen_by(user: Any):
    return incident_reports.readable(user).order_by("-opened", "reference")


def incidents_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The incidents as the caller may see them, filtered like GET /api/performance/incidents."""
    return export(request, fmt, INCIDENTS, form=IncidentFilterForm, rows=_incidents_seen_by)


STREAKS = Sheet(
    "performance-streaks",
    [
        ("Measure", "name"),
        ("Scope", "scope_name"),
        ("Latest month", lambda row: row.latest_month.strftime("%Y-%m")),
        ("Value", "value"),
        ("Months below Target", "months_below_target"),
        ("Months below Minimum", "months_below_minimum"),
        ("In words", "words"),
    ],
)


def streaks_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The runs below Target as the streaks page shows them to the caller, filtered alike."""
    if fmt not in CONTENT_TYPES:
        raise Http404(f"There is no {fmt} export; use csv or xlsx.")
    chosen = SeriesFilterForm(request.GET).chosen()
    return sheet_response(fmt, STREAKS, reports.streak_rows(request.user, **chosen))
