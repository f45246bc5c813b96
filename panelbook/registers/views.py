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

from panelbook.core.access import SignedInRequest, form_page, get_visible_or_404, secretariat_required, submit
from panelbook.core.classification import can_see, is_secretariat
from panelbook.core.lib import heat_map as drawing
from panelbook.governance.models import Body
from panelbook.registers import forms, planner, reports, services
from panelbook.registers.models import Delegation, Entry, Register, ReviewProposal


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
