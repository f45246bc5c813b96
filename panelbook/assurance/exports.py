"""CSV and XLSX exports of the parties (public), the assessments (through the gate) and the
counts (for everyone), through ``core.exports``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from panelbook.assurance import reports
from panelbook.assurance.forms import AssessmentFilterForm, PartyFilterForm, PeriodForm
from panelbook.assurance.models import Party, SecurityAssessment
from panelbook.core.exports import CONTENT_TYPES, Sheet, export, sheet_response
from panelbook.core.lists import filter_problems


def _day(value: Any) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _roles(party: Party) -> str:
    held = [r for r in party.roles.all() if not r.is_void]
    return "; ".join(f"{r.role} (completed {_day(r.completed_on)})" if r.completed_on else str(r.role) for r in held)


PARTIES = Sheet(
    "sec-parties",
    [
        ("Party", "name"),
        ("Party Category", lambda p: p.get_category_display()),
        ("Accession date", lambda p: _day(p.acceded_on)),
        ("Countersigned", lambda p: _day(p.countersigned_on)),
        ("User Roles", _roles),
    ],
)


def parties_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The parties in force, filtered as the parties list is."""
    return export(
        request,
        fmt,
        PARTIES,
        form=PartyFilterForm,
        rows=lambda user: Party.objects.in_force().select_related("organisation").prefetch_related("roles__role"),
    )


def _findings(assessment: SecurityAssessment) -> str:
    return "; ".join(
        f"{f.control or 'Finding'}: {f.finding} (remediation due {_day(f.due_on)})"
        for f in assessment.findings.all()
        if not f.is_void
    )


ASSESSMENTS = Sheet(
    "user-security-assessments",
    [
        ("Party", "party.name"),
        ("User Role", "role.name"),
        ("Type", "kind"),
        ("Fieldwork from", lambda a: _day(a.fieldwork_from)),
        ("Fieldwork to", lambda a: _day(a.fieldwork_to)),
        ("Reported", lambda a: _day(a.reported_on)),
        ("User CIO", "cio"),
        ("Assurance status", lambda a: a.get_status_display()),
        ("Status set on", lambda a: _day(a.status_set_on)),
        ("Set by", lambda a: str(a.status_set_by or "")),
        ("Delegation", "delegation"),
        ("Conditions", "conditions"),
        ("Non-compliances", _findings),
        ("Classification", "classification"),
    ],
)


def assessments_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The assessments the caller may see (RED: their named recipients), filtered as the list is."""
    return export(
        request,
        fmt,
        ASSESSMENTS,
        form=AssessmentFilterForm,
        rows=lambda user: (
            SecurityAssessment.objects.visible_to(user)
            .in_force()
            .select_related("party__organisation", "role", "status_set_by")
            .prefetch_related("findings")
        ),
    )


COUNTS = Sheet("assurance-counts", [("Counted", "counted"), ("What", "label"), ("Count", "shown")])


def counts_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The counts page as a sheet: one row per count, withheld ones said as withheld."""
    if fmt not in CONTENT_TYPES:
        raise Http404(f"There is no {fmt} export; use csv or xlsx.")
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(filter_problems(form)), status=400, content_type="text/plain; charset=utf-8")
    found = reports.assurance_counts(request.user, *form.period())
    return sheet_response(fmt, COUNTS, reports.count_rows(found))
