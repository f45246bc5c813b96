"""CSV and XLSX exports of the monthly results, through ``core.exports``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from panelbook.core.exports import Sheet, export
from panelbook.performance.forms import ResultFilterForm
from panelbook.performance.models import Result

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
