"""Pages of incidents: the list, one incident with its category history and timeline, a month's
incidents with their counts, the days of stable service; and the forms of DCC reporting staff and
the secretariat (open, recategorise, restore a service, close, correct, void and restore)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
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
from panelbook.core.classification import can_see, is_secretariat
from panelbook.core.lib import span_chart
from panelbook.core.lists import matching, page_of, without_page
from panelbook.performance import incident_forms as forms
from panelbook.performance import incident_imports, stability_checks
from panelbook.performance import incident_reports as reports
from panelbook.performance import incident_services as services
from panelbook.performance.incidents import CATEGORIES, in_words
from panelbook.performance.levels import first_of_month
from panelbook.performance.models import Incident
from panelbook.performance.views import dcc_reporting_required


def incident_list(request: HttpRequest) -> HttpResponse:
    form = forms.IncidentFilterForm(request.GET)
    rows = Incident.objects.visible_to(request.user).in_force().prefetch_related("services")
    page = page_of(request, matching(request, rows, form).order_by("-opened", "reference"))
    context = {
        "form": form,
        "page": page,
        "query_string": without_page(request.GET),
        "can_enter": services.may_enter_incidents(request.user),
    }
    return render(request, "performance/incident_list.html", context)


def _incident(request: HttpRequest, pk: int) -> Incident:
    rows = reports.with_facts(Incident.objects.visible_to(request.user).kept_for(request.user))
    return get_object_or_404(rows.select_related("body"), pk=pk)


def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    chart = reports.chart(incident)
    durations = reports.durations(incident)
    context = {
        "incident": incident,
        "changes": list(incident.changes.all()),
        "durations": [(d, in_words(d.took) if d.took is not None else None) for d in durations],
        "chart": chart,
        "image": span_chart.data_uri(chart),
        "can_enter": services.may_enter_incidents(request.user) and not incident.is_void,
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "performance/incident_detail.html", context)


def incident_month(request: HttpRequest) -> HttpResponse:
    form = forms.IncidentFilterForm(request.GET)
    chosen = form.cleaned_data.get("month") if form.is_valid() else None
    month = first_of_month(chosen) if chosen else reports.latest_month(request.user)
    found = reports.month(request.user, month) if month else None
    chart = found.chart() if found and found.incidents else None
    context = {
        "can_enter": services.may_enter_incidents(request.user),
        "form": form,
        "found": found,
        "counts": [(c, found.counts[c]) for c in CATEGORIES] if found else [],
        "chart": chart,
        "image": span_chart.data_uri(chart) if chart else None,
    }
    return render(request, "performance/incident_month.html", context)


def stability(request: HttpRequest) -> HttpResponse:
    form = forms.StabilityForm(request.GET)
    valid = form.is_valid()
    category = (form.cleaned_data.get("category") if valid else None) or 2
    on = (form.cleaned_data.get("on") if valid else None) or timezone.localdate()
    context = {
        "form": form,
        "category": category,
        "on": on,
        "lines": reports.stability(request.user, category=category, on=on) if valid else [],
        "stated": stability_checks.checked_in_papers(request.user, category=category),
        "can_enter": services.may_enter_incidents(request.user),
    }
    return render(request, "performance/stability.html", context)


def _landing(request: HttpRequest, incident: Incident) -> Any:
    """The incident's page, or the list when the person who entered it may not read it (an AMBER
    incident of a body they are not a member of)."""
    return incident if can_see(request.user, incident) else "performance:incidents"


@dcc_reporting_required
def incident_create(request: SignedInRequest) -> HttpResponse:
    form = forms.IncidentForm(request.POST or None)
    opened = submit(
        request,
        form,
        lambda data: services.open_incident(by=request.user, **data),
        lambda incident: f"{incident.reference} is logged at Category {incident.category}.",
    )
    if opened:
        return redirect(_landing(request, opened))
    return form_page(request, form, "Log an incident", back="performance:incidents", button="Log the incident")


def _step(
    request: SignedInRequest,
    pk: int,
    make: Callable[[Incident], Any],
    run: Callable[[Incident, dict], Any],
    said: str,
    title: str,
    button: str,
) -> HttpResponse:
    """One step of an incident (recategorise, restore, close, correct): its form, its verb, back to the incident."""
    incident = get_visible_or_404(request, Incident, pk=pk)
    form = make(incident)
    if submit(request, form, lambda data: run(incident, data), lambda _: f"{incident.reference}: {said}"):
        return redirect(incident)
    return form_page(request, form, f"{title} {incident.reference}", back=incident, button=button)


@dcc_reporting_required
def incident_recategorise(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda incident: forms.RecategoriseForm(request.POST or None, initial={"at": timezone.localtime()}),
        lambda incident, data: services.recategorise(incident, by=request.user, **data),
        "the category is changed; the earlier ones stay in its history.",
        "Change the category of",
        "Change the category",
    )


@dcc_reporting_required
def incident_restore_service(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda incident: forms.RestorationForm(
            request.POST or None, incident=incident, initial={"restored_at": timezone.localtime()}
        ),
        lambda incident, data: services.record_restoration(incident, by=request.user, **data),
        "the restoration is recorded.",
        "Record a service restored after",
        "Record the restoration",
    )


@dcc_reporting_required
def incident_close(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda incident: forms.CloseForm(
            request.POST or None, initial={"closed": timezone.localtime(), "root_cause": incident.root_cause}
        ),
        lambda incident, data: services.close_incident(incident, by=request.user, **data),
        "it is closed.",
        "Close",
        "Close the incident",
    )


@dcc_reporting_required
def incident_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda incident: forms.CorrectIncidentForm(
            request.POST or None, initial=forms.CorrectIncidentForm.initial_for(incident)
        ),
        lambda incident, data: services.correct_incident(incident, by=request.user, **data),
        "it is corrected; the earlier values stay in its history.",
        "Correct",
        "Correct the incident",
    )


@secretariat_required
def incident_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_or_restore(request, pk, restoring=False)


@secretariat_required
def incident_unvoid(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_or_restore(request, pk, restoring=True)


def _void_or_restore(request: SignedInRequest, pk: int, *, restoring: bool) -> HttpResponse:
    incident = get_visible_or_404(request, Incident, pk=pk)
    verb = services.restore_incident if restoring else services.void_incident
    lists = "the incidents list, the counts, the exports and the days of stable service"
    return confirm_void(
        request,
        incident,
        lambda data: verb(incident, by=request.user, **data),
        title=f"{'Restore' if restoring else 'Void'} {incident.reference}",
        consequence=f"It comes back into {lists}."
        if restoring
        else f"It leaves {lists}. Its history is kept, and the secretariat can restore it.",
        done=f"{incident.reference} is {'restored' if restoring else 'void'}.",
        restoring=restoring,
    )


@dcc_reporting_required
def incidents_import(request: SignedInRequest) -> HttpResponse:
    """Choose the incident log; see what importing it would do. Nothing is stored here."""
    form = forms.IncidentsImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "performance/incidents_import.html", {"form": form})
    data = form.cleaned_data
    return _import_preview(request, data["file"], form.content, data["classification"], data["body"])


def _import_preview(
    request: SignedInRequest, sheet: Any, content: bytes, classification: str, body: Any, note: str = ""
) -> HttpResponse:
    initial = {"classification": classification, "body": body}
    try:
        shown = incident_imports.preview(sheet, by=request.user)
    except incident_imports.ColumnsRefused as refused:
        context = {"form": forms.IncidentsImportForm(initial=initial), "note": str(refused)}
        return render(request, "performance/incidents_import.html", context)
    confirm = forms.IncidentsImportConfirmForm.of(
        content, sheet.name, shown.fingerprint(), classification=classification, body=getattr(body, "pk", None)
    )
    context = {"form": forms.IncidentsImportForm(initial=initial), "shown": shown, "confirm": confirm, "note": note}
    return render(request, "performance/incidents_import.html", context)


@dcc_reporting_required
@require_POST
def incidents_import_confirm(request: SignedInRequest) -> HttpResponse:
    """Store what the preview showed, in one transaction; show the preview again if anything moved."""
    form = forms.IncidentsImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The preview's file was not sent back whole; choose the file again.")
        return redirect("performance:incidents_import")
    data = form.cleaned_data
    try:
        sheet = form.sheet()
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("performance:incidents_import")
    try:
        done = incident_imports.import_incidents(
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
        f"Imported {done.source}: {done.count('create')} logged, {done.count('close')} closed and "
        f"{done.count('unchanged')} unchanged.{skipped}",
    )
    return redirect("performance:incidents")
