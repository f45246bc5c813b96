"""Pages of SEC Parties (public) and of security assurance (through the gate: RED records reach
their named recipients alone), the counts that anyone may read, and the secretariat's forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panelbook.assurance import forms, reports, services
from panelbook.assurance.models import DirectorsLetter, Party, PartyRole, RoleStep, SecurityAssessment, UepStep
from panelbook.core.access import (
    SignedInRequest,
    confirm_void,
    form_page,
    get_visible_or_404,
    secretariat_required,
    submit,
)
from panelbook.core.classification import is_secretariat
from panelbook.core.forms import reason_field
from panelbook.core.lists import page_of, without_page
from panelbook.core.models import User
from panelbook.governance.models import Meeting


def parties_seen_by(user: Any, request: HttpRequest) -> tuple[forms.PartyFilterForm, Any]:
    form = forms.PartyFilterForm(request.GET)
    rows = Party.objects.kept_for(user).select_related("organisation")
    if form.is_valid():
        rows = rows.matching(**form.cleaned_data)
    return form, rows.prefetch_related("roles__role")


def party_list(request: HttpRequest) -> HttpResponse:
    form, rows = parties_seen_by(request.user, request)
    context = {
        "form": form,
        "page": page_of(request, rows.order_by("organisation__name")),
        "query_string": without_page(request.GET),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "assurance/party_list.html", context)


def party_detail(request: HttpRequest, pk: int) -> HttpResponse:
    party = get_object_or_404(Party.objects.kept_for(request.user).select_related("organisation"), pk=pk)
    roles = PartyRole.objects.filter(party=party).select_related("role").prefetch_related("steps__step")
    if not is_secretariat(request.user):
        roles = roles.filter(is_void=False)
    context = {
        "party": party,
        "roles": roles,
        "steps": list(UepStep.objects.filter(is_active=True)),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "assurance/party_detail.html", context)


@secretariat_required
def party_create(request: SignedInRequest) -> HttpResponse:
    form = forms.AdmitPartyForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.admit_party(by=request.user, **data),
        lambda party: f"{party.name} is a SEC Party.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, "Admit a SEC Party", back="assurance:parties", button="Admit")


def _on_party(
    request: SignedInRequest, pk: int, form: Any, run: Callable[[Party, dict], Any], said: str, title: str
) -> HttpResponse:
    party = get_object_or_404(Party, pk=pk)
    if submit(request, form, lambda data: run(party, data), lambda _: f"{party.name}: {said}"):
        return redirect(party)
    return form_page(request, form, f"{title} {party.name}", back=party)


@secretariat_required
def party_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    party = get_object_or_404(Party, pk=pk)
    initial = {"category": party.category, "acceded_on": party.acceded_on, "countersigned_on": party.countersigned_on}
    return _on_party(
        request,
        pk,
        forms.CorrectPartyForm(request.POST or None, initial=initial),
        lambda p, data: services.correct_party(p, by=request.user, **data),
        "corrected; the earlier values stay in its history.",
        "Correct",
    )


@secretariat_required
def role_create(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_party(
        request,
        pk,
        forms.RoleForm(request.POST or None),
        lambda p, data: services.add_role(p, by=request.user, **data),
        "the role is added.",
        "Add a User Role to",
    )


@secretariat_required
def step_create(request: SignedInRequest, pk: int) -> HttpResponse:
    held = get_object_or_404(PartyRole.objects.select_related("party__organisation", "role"), pk=pk)
    form = forms.StepForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    if submit(
        request,
        form,
        lambda data: services.complete_step(held, by=request.user, **data),
        lambda _: f"{held}: the step is recorded.",
    ):
        return redirect(held.party)
    return form_page(request, form, f"Record a User Entry Process step of {held}", back=held.party)


@secretariat_required
def step_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    done = get_object_or_404(RoleStep.objects.select_related("party_role__party__organisation"), pk=pk)
    form = forms.StepForm(request.POST or None, initial={"step": done.step_id, "completed_on": done.completed_on})
    form.fields["step"].disabled = True
    form.fields["reason"] = reason_field("Why is the date corrected?")
    if submit(
        request,
        form,
        lambda data: services.correct_step(
            done, by=request.user, completed_on=data["completed_on"], reason=data["reason"]
        ),
        lambda _: "The step's date is corrected.",
    ):
        return redirect(done.party_role.party)
    return form_page(request, form, f"Correct {done}", back=done.party_role.party)


def _void_page(
    request: SignedInRequest, record: Any, verb: Callable, restoring: bool, where: str, landing: Any = None
) -> HttpResponse:
    response = confirm_void(
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
    return redirect(landing) if landing is not None and response.status_code == 302 else response


@secretariat_required
def party_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(
        request,
        get_object_or_404(Party, pk=pk),
        services.void_party,
        False,
        "the parties list, the update and the exports",
    )


@secretariat_required
def party_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(
        request,
        get_object_or_404(Party, pk=pk),
        services.restore_party,
        True,
        "the parties list, the update and the exports",
    )


@secretariat_required
def role_void(request: SignedInRequest, pk: int) -> HttpResponse:
    held = get_object_or_404(PartyRole.objects.select_related("party__organisation", "role"), pk=pk)
    held.get_absolute_url = held.party.get_absolute_url
    return _void_page(request, held, services.void_role, False, "the party's roles and the update")


# The SEC Party update


def party_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    update = reports.party_update(meeting, request.user)
    items = meeting.agenda_items.visible_to(request.user).filter(is_withdrawn=False).order_by("position")
    form = forms.PartyUpdateForm(request.POST or None, items=items) if is_secretariat(request.user) else None
    if form is not None:
        written = submit(
            request,
            form,
            lambda data: services.write_party_update(items.get(pk=data["agenda_item"]), by=cast(User, request.user)),
            lambda paper: f"The SEC Party update is the summary of {paper.reference}.",
        )
        if written:
            return redirect(written)
    context = {"meeting": meeting, "update": update, "text": reports.party_update_text(update), "form": form}
    return render(request, "assurance/party_update.html", context)


# Assessments: through the gate


def assessment_list(request: HttpRequest) -> HttpResponse:
    form = forms.AssessmentFilterForm(request.GET)
    rows = SecurityAssessment.objects.visible_to(request.user).kept_for(request.user)
    if form.is_valid():
        rows = rows.matching(**form.cleaned_data)
    context = {
        "form": form,
        "page": page_of(request, rows.select_related("party__organisation", "role", "status_set_by")),
        "query_string": without_page(request.GET),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "assurance/assessment_list.html", context)


def _assessment(request: HttpRequest, pk: int) -> SecurityAssessment:
    rows = SecurityAssessment.objects.visible_to(request.user).kept_for(request.user)
    return get_object_or_404(rows.select_related("party__organisation", "role", "body", "status_set_by"), pk=pk)


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    findings = assessment.findings.all() if is_secretariat(request.user) else assessment.findings.filter(is_void=False)
    letters = DirectorsLetter.objects.visible_to(request.user).kept_for(request.user).filter(assessment=assessment)
    context = {
        "assessment": assessment,
        "findings": findings,
        "letters": letters,
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "assurance/assessment_detail.html", context)


@secretariat_required
def assessment_create(request: SignedInRequest) -> HttpResponse:
    form = forms.AssessmentForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.record_assessment(by=request.user, **data),
        lambda a: f"The {a.title} is recorded, named to the members of {a.body} and the secretariat.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, "Record a User Security Assessment", back="assurance:assessments", button="Record")


def _on_assessment(
    request: SignedInRequest,
    pk: int,
    make: Callable[[SecurityAssessment], Any],
    run: Callable[[SecurityAssessment, dict], Any],
    title: str,
) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = make(assessment)
    if submit(request, form, lambda data: run(assessment, data), lambda _: f"The {assessment.title} is updated."):
        return redirect(assessment)
    return form_page(request, form, f"{title}: {assessment.title}", back=assessment)


@secretariat_required
def assessment_status(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_assessment(
        request,
        pk,
        lambda a: forms.StatusForm(
            request.POST or None,
            initial={
                "set_on": timezone.localdate(),
                "set_by": a.body_id,
                "status": a.status,
                "delegation": a.delegation,
            },
        ),
        lambda a, data: services.set_status(a, by=request.user, **data),
        "Set the assurance status",
    )


@secretariat_required
def assessment_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    fields = services.ASSESSMENT_FIELDS
    return _on_assessment(
        request,
        pk,
        lambda a: forms.CorrectAssessmentForm(request.POST or None, initial={f: getattr(a, f) for f in fields}),
        lambda a, data: services.correct_assessment(a, by=request.user, **data),
        "Correct",
    )


@secretariat_required
def finding_create(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_assessment(
        request,
        pk,
        lambda a: forms.FindingForm(request.POST or None),
        lambda a, data: services.record_finding(a, by=request.user, **data),
        "Record a non-compliance",
    )


@secretariat_required
def letter_create(request: SignedInRequest, pk: int) -> HttpResponse:
    return _on_assessment(
        request,
        pk,
        lambda a: forms.LetterForm(request.POST or None),
        lambda a, data: services.record_letter(by=request.user, assessment=a, **data),
        "Record a Director's letter after",
    )


@secretariat_required
def assessment_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(
        request,
        _assessment(request, pk),
        services.void_assessment,
        False,
        "the assessments, the counts and the exports",
    )


@secretariat_required
def assessment_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_page(
        request,
        _assessment(request, pk),
        services.restore_assessment,
        True,
        "the assessments, the counts and the exports",
    )


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = DirectorsLetter.objects.visible_to(request.user).kept_for(request.user)
    letter = get_object_or_404(rows.select_related("assessment__party__organisation"), pk=pk)
    return render(
        request, "assurance/letter_detail.html", {"letter": letter, "is_secretariat": is_secretariat(request.user)}
    )


@secretariat_required
def letter_void(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = get_visible_or_404(request, DirectorsLetter, pk=pk)
    return _void_page(request, letter, services.void_letter, False, "the letters, the counts and the exports")


# Counts: for everyone


def counts(request: HttpRequest) -> HttpResponse:
    form = forms.PeriodForm(request.GET)
    since, until = form.period()
    found = reports.assurance_counts(request.user, since, until) if not form.errors else None
    context = {"form": form, "counts": found, "query_string": request.GET.urlencode()}
    return render(request, "assurance/counts.html", context)
