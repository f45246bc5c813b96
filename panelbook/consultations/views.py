"""Pages of the consultations the Panel answers (through the gate: an AMBER draft response or
observation reaches only the members of its body and the secretariat), the public list of those
answered with their WHITE responses, and the secretariat's forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panelbook.actions.models import Decision
from panelbook.consultations import forms, reports, services
from panelbook.consultations.models import Consultation, Observation
from panelbook.core.access import SignedInRequest, confirm_void, form_page, secretariat_required, submit
from panelbook.core.classification import is_secretariat
from panelbook.core.lists import matching, page_of, without_page
from panelbook.governance.models import Body, Paper


def consultation_list(request: HttpRequest) -> HttpResponse:
    form = forms.ConsultationFilterForm(request.GET)
    rows = Consultation.objects.visible_to(request.user).kept_for(request.user).select_related("body")
    rows = matching(request, rows, form)
    context = {
        "form": form,
        "page": page_of(request, rows.prefetch_related("bodies_asked")),
        "query_string": without_page(request.GET),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "consultations/consultation_list.html", context)


def answered_list(request: HttpRequest) -> HttpResponse:
    """The consultations answered, each with its response where the reader may see it (WHITE to all)."""
    rows = reports.answered(request.user)
    return render(request, "consultations/answered_list.html", {"page": page_of(request, rows), "query_string": ""})


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    rows = Consultation.objects.visible_to(request.user).kept_for(request.user).select_related("body")
    return get_object_or_404(rows, pk=pk)


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    observations = (
        Observation.objects.visible_to(request.user)
        .kept_for(request.user)
        .filter(consultation=consultation)
        .select_related("body", "meeting", "agenda_item")
    )
    context = {
        "consultation": consultation,
        "observations": observations,
        "draft": reports.seen(Paper, consultation.draft_response_id, request.user),
        "sent": reports.seen(Paper, consultation.sent_response_id, request.user),
        "decision": reports.seen(Decision, consultation.decision_id, request.user),
        "is_secretariat": is_secretariat(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "consultations/consultation_detail.html", context)


@secretariat_required
def consultation_create(request: SignedInRequest) -> HttpResponse:
    panel = Body.objects.filter(kind=Body.Kind.PANEL, is_active=True).first()
    form = forms.ConsultationForm(request.POST or None, initial={"body": panel.pk if panel else None})
    made = submit(
        request,
        form,
        lambda data: services.open_consultation(by=request.user, **data),
        lambda c: f"{c.title} is recorded, closing on {c.closes_on:%d/%m/%Y}.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, "Record a consultation", back="consultations:consultations", button="Record")


def _on_consultation(
    request: SignedInRequest, pk: int, form: Any, run: Callable[[Consultation, dict], Any], said: str, title: str
) -> HttpResponse:
    consultation = _consultation(request, pk)
    if submit(request, form, lambda data: run(consultation, data), lambda _: f"{consultation.title}: {said}"):
        return redirect(consultation)
    return form_page(request, form, f"{title}: {consultation.title}", back=consultation)


@secretariat_required
def consultation_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    fields = (*services.CONSULTATION_FIELDS, *services.EXTENSION_FIELDS)
    initial: dict[str, Any] = {f: getattr(consultation, f) for f in fields}
    initial["bodies_asked"] = list(consultation.bodies_asked.all())
    return _on_consultation(
        request,
        pk,
        forms.CorrectConsultationForm(request.POST or None, initial=initial),
        lambda c, data: services.correct_consultation(c, by=request.user, **data),
        "corrected; the earlier values stay in its history.",
        "Correct",
    )


@secretariat_required
def consultation_extend(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_consultation(
        request,
        pk,
        forms.ExtensionForm(request.POST or None),
        lambda c, data: services.extend_consultation(c, by=request.user, **data),
        "the extension is recorded; the response may go by the new closing date.",
        "Record an extension of",
    )


@secretariat_required
def consultation_not_answered(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_consultation(
        request,
        pk,
        forms.NotAnsweredForm(request.POST or None),
        lambda c, data: services.mark_not_answered(c, by=request.user, **data),
        "recorded as not answered; it takes no more observations or responses.",
        "Record as not answered",
    )


@secretariat_required
def consultation_reopen(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_consultation(
        request,
        pk,
        forms.ReopenForm(request.POST or None),
        lambda c, data: services.reopen_consultation(c, by=request.user, **data),
        "reopened; it takes observations and a response again.",
        "Reopen",
    )


@secretariat_required
def observation_create(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return _on_consultation(
        request,
        pk,
        forms.ObservationForm(request.POST or None, user=request.user, consultation=consultation),
        lambda c, data: services.record_observation(c, by=request.user, **data),
        "the observations are recorded.",
        "Record a body's observations on",
    )


@secretariat_required
def draft_create(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    initial = {"paper_date": timezone.localdate(), "title": f"Draft response: {consultation.subject}"}
    return _on_consultation(
        request,
        pk,
        forms.DraftResponseForm(request.POST or None, user=request.user, consultation=consultation, initial=initial),
        lambda c, data: services.write_draft_response(c, by=request.user, **data),
        "the draft response is a paper of the answering body.",
        "Write the draft response to",
    )


@secretariat_required
def response_send(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    initial = {"sent_on": timezone.localdate(), "title": f"Response: {consultation.subject}"}
    return _on_consultation(
        request,
        pk,
        forms.SendResponseForm(request.POST or None, user=request.user, consultation=consultation, initial=initial),
        lambda c, data: services.send_response(c, by=request.user, **data),
        "the response is sent and published as its paper's classification allows.",
        "Send the response to",
    )


@secretariat_required
def response_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    initial = {"sent_on": consultation.sent_on, "decision": consultation.decision_id}
    return _on_consultation(
        request,
        pk,
        forms.CorrectResponseForm(request.POST or None, user=request.user, consultation=consultation, initial=initial),
        lambda c, data: services.correct_response(c, by=request.user, **data),
        "the sending is corrected; the earlier values stay in its history.",
        "Correct the sending of the response to",
    )


def _void_page(request: SignedInRequest, record: Any, verb: Callable, restoring: bool, where: str) -> HttpResponse:
    return confirm_void(
        request,
        record,
        lambda data: verb(record, by=request.user, **data),
        title=f"{'Restore' if restoring else 'Void'} {record}",
        consequence=f"It comes back into {where}."
        if restoring
        else f"It leaves {where}. Its history is kept, and the secretariat can restore it.",
        done=f"{record} is {'restored' if restoring else 'void'}.",
        restoring=restoring,
    )


CONSULTATION_PLACES = "the consultations lists, the planner, the body pages and the exports"


@secretariat_required
def consultation_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(request, _consultation(request, pk), services.void_consultation, False, CONSULTATION_PLACES)


@secretariat_required
def consultation_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(request, _consultation(request, pk), services.restore_consultation, True, CONSULTATION_PLACES)


def _observation(request: HttpRequest, pk: int) -> Observation:
    rows = Observation.objects.visible_to(request.user).select_related("consultation", "body")
    return get_object_or_404(rows, pk=pk)


@secretariat_required
def observation_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    observation = _observation(request, pk)
    initial = {"text": observation.text, "classification": observation.classification}
    form = forms.CorrectObservationForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.correct_observation(observation, by=request.user, **data),
        lambda _: f"{observation.title}: corrected; the earlier text stays in its history.",
    ):
        return redirect(observation.consultation)
    return form_page(request, form, f"Correct the {observation.title}", back=observation.consultation)


@secretariat_required
def observation_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(
        request, _observation(request, pk), services.void_observation, False, "the consultation's observations"
    )


@secretariat_required
def observation_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(
        request, _observation(request, pk), services.restore_observation, True, "the consultation's observations"
    )
