"""Pages of the registers: the registers of each body, one register with its heat map as at a day
and the reviews proposed for its next meeting, one entry with its mitigations, reviews and the
entries it came from or went to; the Delegations Register; a body's forward plan; the parts of a
body's page (``RegistersConfig.body_section``); the secretariat's forms.

Reviews falling due are looked for by ``panelbook propose_reviews`` (daily, from cron) and by the
"Look for reviews due" button on a register's page (POST, secretariat): never on a page's GET.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from panelbook.core.access import (
    SignedInRequest,
    form_page,
    get_visible_or_404,
    secretariat_required,
    submit,
    void_or_restore_page,
)
from panelbook.core.classification import can_see, is_secretariat
from panelbook.core.lib import heat_map as drawing
from panelbook.governance.models import Body
from panelbook.registers import forms, planner, reports, services
from panelbook.registers.models import Delegation, Entry, Mitigation, Register, ReviewProposal


def register_list(request: HttpRequest) -> HttpResponse:
    registers = Register.objects.visible_to(request.user).in_force().select_related("body")
    return render(request, "registers/register_list.html", {"registers": registers})


def _register(request: HttpRequest, pk: int) -> Register:
    rows = Register.objects.visible_to(request.user).in_force().prefetch_related("steps", "bands")
    return get_object_or_404(rows.select_related("body"), pk=pk)


def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    register = _register(request, pk)
    form = forms.AsAtForm(request.GET)
    on = (form.cleaned_data.get("on") if form.is_valid() else None) or timezone.localdate()
    chart, rows = reports.heat_map(register, request.user, on)
    entries = Entry.objects.visible_to(request.user).kept_for(request.user).filter(register=register)
    proposals = ReviewProposal.objects.visible_to(request.user).filter(register=register).select_related("meeting")
    context = {
        "register": register,
        "form": form,
        "on": on,
        "chart": chart,
        "image": drawing.data_uri(chart),
        "rows": rows,
        "entries": entries.select_related("owner", "moved_to__register"),
        "proposals": proposals,
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "registers/register_detail.html", context)


def heat_map_svg(request: HttpRequest, pk: int) -> HttpResponse:
    register = _register(request, pk)
    form = forms.AsAtForm(request.GET)
    on = (form.cleaned_data.get("on") if form.is_valid() else None) or timezone.localdate()
    chart, _ = reports.heat_map(register, request.user, on)
    return HttpResponse(drawing.svg(chart), content_type="image/svg+xml")


def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = Entry.objects.visible_to(request.user).kept_for(request.user).select_related("register__body", "owner")
    entry = get_object_or_404(rows, pk=pk)
    visible = Entry.objects.visible_to(request.user).select_related("register")
    context = {
        "entry": entry,
        "mitigations": entry.mitigations.select_related("owner"),
        "reviews": entry.reviews.all(),
        "moved_to": visible.filter(pk=entry.moved_to_id).first() if entry.moved_to_id else None,
        "moved_from": visible.filter(moved_to=entry),
        "decision": entry.proposal_decision
        if entry.proposal_decision and can_see(request.user, entry.proposal_decision)
        else None,
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "registers/entry_detail.html", context)


@secretariat_required
def entry_create(request: SignedInRequest, pk: int) -> HttpResponse:
    register = _register(request, pk)
    form = forms.EntryForm(request.POST or None, user=request.user)
    made = submit(
        request,
        form,
        lambda data: services.raise_entry(by=request.user, register=register, **data),
        lambda entry: f"{entry.reference} is in the {register.name}.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, f"Raise a {register.entry_label.lower()} in the {register.name}", back=register)


def _entry_for_secretariat(request: HttpRequest, pk: int) -> Entry:
    return get_visible_or_404(request, Entry, "register__body", pk=pk)


@secretariat_required
def entry_reclassify(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    form = forms.ReasonForm(request.POST or None)
    moved = submit(
        request,
        form,
        lambda data: services.reclassify(entry, by=request.user, reason=data["reason"]),
        lambda new: f"{entry.reference} is now {new.reference}.",
    )
    if moved:
        return redirect(moved)
    other = "an issue" if entry.register.kind == "RISK" else "a risk"
    return form_page(request, form, f"Reclassify {entry.reference} as {other}", back=entry, button="Reclassify")


@require_POST
@secretariat_required
def reviews_look(request: SignedInRequest, pk: int) -> HttpResponse:
    register = _register(request, pk)
    made = services.propose_reviews(by=request.user, today=timezone.localdate())
    messages.success(request, f"{len(made)} review(s) newly proposed." if made else "No more reviews are falling due.")
    return redirect(register)


def _proposal(request: HttpRequest, pk: int) -> ReviewProposal:
    return get_object_or_404(ReviewProposal.objects.visible_to(request.user).select_related("register"), pk=pk)


@require_POST
@secretariat_required
def review_accept(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    try:
        services.accept_review_proposal(proposal, by=request.user)
        messages.success(request, f"{proposal.title} is on the agenda of {proposal.meeting}.")
    except services.ServiceError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(proposal.register)


@secretariat_required
def review_dismiss(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = forms.ReasonForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.dismiss_review_proposal(proposal, by=request.user, reason=data["reason"]),
        lambda done: f"{proposal.title} at {proposal.meeting} is dismissed.",
    ):
        return redirect(proposal.register)
    return form_page(
        request, form, f"Dismiss the {proposal.title} at {proposal.meeting}", back=proposal.register, button="Dismiss"
    )


def delegation_list(request: HttpRequest) -> HttpResponse:
    rows = Delegation.objects.in_force().select_related("from_body", "to_body")
    return render(request, "registers/delegation_list.html", {"delegations": rows})


def delegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = Delegation.objects.all() if is_secretariat(request.user) else Delegation.objects.in_force()
    delegation = get_object_or_404(rows.select_related("from_body", "to_body"), pk=pk)
    decision = delegation.decision if delegation.decision and can_see(request.user, delegation.decision) else None
    return render(request, "registers/delegation_detail.html", {"delegation": delegation, "decision": decision})


def body_plan(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    plan = planner.forward_plan(body, request.user)
    return render(request, "registers/body_plan.html", {"body": body, "plan": plan})


def body_sections(request: Any, body: Body) -> list[dict[str, Any]]:
    """What the body may decide under delegation, and its forward plan, for the body's page."""
    held = Delegation.objects.in_force().filter(to_body=body, status=Delegation.Status.APPROVED)
    return [
        {"template": "registers/_body_delegations.html", "body": body, "delegations": list(held)},
        {"template": "registers/_body_plan.html", "body": body, "plan": planner.forward_plan(body, request.user)},
    ]


# Corrections: every record the secretariat raises here it can correct (with a reason, kept in
# history) or void, and restore.


def _entry_form_page(
    request: SignedInRequest, entry: Entry, form: Any, verb: Any, said: str, title: str
) -> HttpResponse:
    if submit(request, form, verb, lambda _: f"{entry.reference}: {said}"):
        return redirect(entry)
    return form_page(request, form, f"{title} {entry.reference}", back=entry)


@secretariat_required
def entry_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    form = forms.EntryCorrectionForm(request.POST or None, instance=Entry.objects.get(pk=entry.pk))

    def save(data: dict) -> Entry:
        changes = {name: value for name, value in data.items() if name != "reason"}
        return services.correct_entry(entry, by=request.user, reason=data["reason"], **changes)

    return _entry_form_page(request, entry, form, save, "corrected; the earlier values stay in its history.", "Correct")


@secretariat_required
def entry_status(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    form = forms.EntryStatusForm(request.POST or None, initial={"status": entry.status})
    return _entry_form_page(
        request,
        entry,
        form,
        lambda data: services.set_status(entry, by=request.user, **data),
        "the status is changed.",
        "Change the status of",
    )


@secretariat_required
def entry_review(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    form = forms.ReviewForm(request.POST or None, user=request.user, entry=entry, initial={"on": timezone.localdate()})
    return _entry_form_page(
        request,
        entry,
        form,
        lambda data: services.record_review(entry, by=request.user, **data),
        "the review is recorded.",
        "Record a review of",
    )


@secretariat_required
def mitigation_create(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    form = forms.MitigationForm(request.POST or None)
    return _entry_form_page(
        request,
        entry,
        form,
        lambda data: services.add_mitigation(entry, by=request.user, **data),
        "the mitigation is added.",
        "Add a mitigation to",
    )


@secretariat_required
def mitigation_update(request: SignedInRequest, pk: int) -> HttpResponse:
    visible = Entry.objects.visible_to(request.user)
    mitigation = get_object_or_404(Mitigation.objects.filter(entry__in=visible).select_related("entry"), pk=pk)
    form = forms.MitigationUpdateForm(request.POST or None, instance=Mitigation.objects.get(pk=mitigation.pk))
    return _entry_form_page(
        request,
        mitigation.entry,
        form,
        lambda data: services.update_mitigation(mitigation, by=request.user, **data),
        "the mitigation is updated.",
        "Update a mitigation of",
    )


ENTRY_SURFACES = "the register, its heat map, the forward plan, the exports and the API"
DELEGATION_SURFACES = "the Delegations Register, the bodies' pages, the exports and the API"


@secretariat_required
def entry_void(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    return void_or_restore_page(request, entry, services.void_entry, restoring=False, where=ENTRY_SURFACES)


@secretariat_required
def entry_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = _entry_for_secretariat(request, pk)
    return void_or_restore_page(request, entry, services.restore_entry, restoring=True, where=ENTRY_SURFACES)


@secretariat_required
def delegation_create(request: SignedInRequest) -> HttpResponse:
    form = forms.DelegationForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.propose_delegation(by=request.user, **data),
        lambda delegation: f"{delegation.reference} is proposed; record the decision on it when it is taken.",
    )
    if made:
        return redirect(made)
    return form_page(request, form, "Propose a delegation", back="registers:delegations")


def _delegation_for_secretariat(pk: int) -> Delegation:
    return get_object_or_404(Delegation.objects.select_related("from_body", "to_body"), pk=pk)


@secretariat_required
def delegation_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    delegation = _delegation_for_secretariat(pk)
    form = forms.DelegationDecisionForm(request.POST or None, user=request.user, delegation=delegation)
    if submit(
        request,
        form,
        lambda data: services.decide_delegation(delegation, by=request.user, **data),
        lambda saved: f"{saved.reference} is {saved.get_status_display().lower()}.",
    ):
        return redirect(delegation)
    title = f"Record {delegation.from_body}'s decision on {delegation.reference}"
    return form_page(request, form, title, back=delegation)


@secretariat_required
def delegation_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    delegation = _delegation_for_secretariat(pk)
    form = forms.DelegationCorrectionForm(request.POST or None, instance=Delegation.objects.get(pk=pk))

    def save(data: dict) -> Delegation:
        changes = {name: value for name, value in data.items() if name != "reason"}
        return services.correct_delegation(delegation, by=request.user, reason=data["reason"], **changes)

    if submit(request, form, save, lambda saved: f"{saved.reference} is corrected."):
        return redirect(delegation)
    return form_page(request, form, f"Correct {delegation.reference}", back=delegation)


@secretariat_required
def delegation_void(request: SignedInRequest, pk: int) -> HttpResponse:
    delegation = _delegation_for_secretariat(pk)
    return void_or_restore_page(
        request, delegation, services.void_delegation, restoring=False, where=DELEGATION_SURFACES
    )


@secretariat_required
def delegation_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    delegation = _delegation_for_secretariat(pk)
    return void_or_restore_page(
        request, delegation, services.restore_delegation, restoring=True, where=DELEGATION_SURFACES
    )
