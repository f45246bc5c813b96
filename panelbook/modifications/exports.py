"""CSV and XLSX exports of the modifications register, through ``core.exports``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone

from panelbook.core.exports import CONTENT_TYPES, Sheet, export, sheet_response
from panelbook.core.lists import filter_problems
from panelbook.modifications import figures, reports
from panelbook.modifications.forms import (
    AssessmentFilterForm,
    FiguresFilterForm,
    ModificationFilterForm,
    ReleaseFilterForm,
)
from panelbook.modifications.models import Assessment, AssessmentKind, InScope, Modification, Release, scope_of

REGISTER = Sheet(
    "modifications",
    [
        ("Reference", "reference"),
        ("Title", "title"),
        ("Stage", Modification.get_stage_display),
        ("Path", Modification.get_path_display),
        ("Urgent", lambda m: "Yes" if m.urgent else "No"),
        ("Date raised", "raised_on"),
        ("Proposer", lambda m: str(m.proposer_organisation or "")),
        ("Who is impacted", lambda m: "; ".join(m.impacted_labels())),
        ("SEC documents affected", "affected_documents"),
        ("What is the issue", "issue"),
        ("DCC assessment overdue", lambda m: "Yes" if m.assessment_overdue else "No"),
        ("Target release", lambda m: str(m.target_release or "")),
        ("Actual release", lambda m: str(m.actual_release or "")),
        ("Classification", "classification"),
    ],
)

ASSESSMENTS = Sheet(
    "dcc-assessments",
    [
        ("Modification", "modification.reference"),
        ("Assessment", Assessment.get_kind_display),
        ("Requested on", "requested_on"),
        ("Due on", "due_on"),
        ("Returned on", lambda a: a.delivered_on or ""),
        ("Overdue", lambda a: "Yes" if a.is_overdue(timezone.localdate()) else "No"),
        ("Cost (£)", lambda a: "" if a.cost is None else float(a.cost)),
        ("Lead time", Assessment.lead_time_text),
        ("How the due date was worked out", "due_rule"),
    ],
)


def _register_seen_by(user: Any):
    return (
        Modification.objects.visible_to(user)
        .in_force()
        .select_related("proposer_organisation", "target_release", "actual_release")
        .with_assessments_overdue(timezone.localdate())
        .order_by("raised_on", "reference")
    )


def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The register as the caller may see it, filtered like GET /api/modifications."""
    return export(request, fmt, REGISTER, form=ModificationFilterForm, rows=_register_seen_by)


def _assessments_seen_by(user: Any):
    # A modification's void hides its assessments as it hides the modification.
    rows = Assessment.objects.visible_to(user).in_force().filter(modification__is_void=False)
    return rows.select_related("modification").order_by("modification__reference", "requested_on", "id")


def assessments_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The DCC's assessments of the modifications the caller may see, filtered like GET /api/dcc-assessments."""
    return export(request, fmt, ASSESSMENTS, form=AssessmentFilterForm, rows=_assessments_seen_by)


@dataclass(frozen=True)
class ReleaseRow:
    release: Release
    scope: list[InScope]


RELEASES = Sheet(
    "releases",
    [
        ("Release", "release.name"),
        ("Kind", lambda r: r.release.get_kind_display()),
        ("Date", "release.date"),
        ("SEC version", "release.sec_version"),
        ("Status", lambda r: r.release.get_status_display()),
        (
            "Modifications in scope",
            lambda r: "; ".join(f"{s.modification.reference} ({s.standing.words})" for s in r.scope),
        ),
        ("Notes", "release.notes"),
    ],
)


FIGURES = Sheet(
    "modification-figures",
    [
        ("Figure", lambda row: figures.FIGURE_TITLES[row.figure]),
        ("Stage, path or assessment", "group"),
        ("Modifications", "modifications"),
        ("Durations counted", "measured"),
        ("Median working days", "median_working_days"),
        ("Mean working days", "mean_working_days"),
        ("Median calendar days", "median_calendar_days"),
        ("Mean calendar days", "mean_calendar_days"),
        ("Returned late", "returned_late"),
        ("Overdue", "overdue"),
    ],
)


class _ReleasesSeenBy:
    """The releases with their scope as one reader may see it, filtered as ``export`` asks."""

    def __init__(self, user: Any) -> None:
        self.user = user

    def matching(self, **filters: Any) -> list[ReleaseRow]:
        shown = list(Release.objects.in_force().matching(**filters).order_by("date", "name"))
        scope = scope_of(shown, self.user, timezone.localdate())
        return [ReleaseRow(release, scope[release.pk]) for release in shown]


def releases_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The releases, earliest first, each with the modifications in its scope the caller may see."""
    return export(request, fmt, RELEASES, form=ReleaseFilterForm, rows=_ReleasesSeenBy)


def figure_rows(found: figures.Figures) -> list[figures.Row]:
    return figures.rows(found, dict(AssessmentKind.choices))


def figures_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The register's figures over what the caller may see, for the period the query string gives."""
    if fmt not in CONTENT_TYPES:
        raise Http404(f"There is no {fmt} export; use csv or xlsx.")
    period = FiguresFilterForm(request.GET)
    if not period.is_valid():
        return HttpResponseBadRequest(" ".join(filter_problems(period)), content_type="text/plain; charset=utf-8")
    found = reports.figures_for(request.user, today=timezone.localdate(), **period.cleaned_data)
    return sheet_response(fmt, FIGURES, figure_rows(found))
