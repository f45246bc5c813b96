"""Pages of the actions log, the decision register and the minutes."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from panelbook.actions import forms, services
from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes, Verb
from panelbook.actions.reports import minutes_report
from panelbook.core.access import (
    SignedInRequest,
    add_service_errors,
    confirm_void,
    form_page,
    get_visible_or_404,
    secretariat_refusal,
    secretariat_required,
    submit,
)
from panelbook.core.concurrency import ALREADY_SENT, StaleRevision, run_once
from panelbook.core.forms import GUARD_FIELDS
from panelbook.core.lists import matching, page_of, without_page
from panelbook.governance.models import AgendaItem, Body, Meeting, Paper

# The actions log


def action_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.copy()
    query.setdefault("status", "outstanding")
    form = forms.ActionFilterForm(query)
    kept = Action.objects.read_by(request.user).kept_for(request.user).select_related("body", "meeting")
    actions = matching(request, kept, form)
    context = {
        "page": page_of(request, actions.order_by("meeting__starts_at", "sequence")),
        "filters": form.cleaned_data if form.is_valid() else {},
        "bodies": Body.objects.all(),
        "statuses": [("outstanding", "Not closed"), *Action.Status.choices, ("all", "All")],
        "today": timezone.localdate(),
        "query_string": without_page(query),
    }
    return render(request, "actions/action_list.html", context)


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.read_by(request.user).kept_for(request.user).select_related("body", "meeting", "agenda_item"),
        pk=pk,
    )
    update_form = forms.ActionUpdateForm(action=action, user=request.user, initial={"on": timezone.localdate()})
    status_form = forms.ActionStatusForm(action=action)
    if request.method == "POST":
        refusal = secretariat_refusal(request)
        if refusal:
            return refusal
        update_form, status_form, done = _change_action(request, action, update_form, status_form)
        if done:
            return redirect(action)
    updates = (
        ActionUpdate.objects.visible_to(request.user)
        .filter(action=action)
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.visible_to(request.user), to_attr="visible_papers"))
    )
    context = {"action": action, "updates": updates, "update_form": update_form, "status_form": status_form}
    return render(request, "actions/action_detail.html", context)


def _change_action(request, action, update_form, status_form):
    """Apply the posted update or status change; return the forms and whether it was done."""
    try:
        if request.POST.get("do") == "update":
            update_form = forms.ActionUpdateForm(request.POST, action=action, user=request.user)
            if not update_form.is_valid():
                return update_form, status_form, False
            data = {k: v for k, v in update_form.cleaned_data.items() if k not in GUARD_FIELDS}
            _, first = run_once(
                update_form.token, request.user, lambda: services.add_update(action, by=request.user, **data)
            )
            messages.success(request, f"The update to {action.reference} has been added." if first else ALREADY_SENT)
            return update_form, status_form, True
        status_form = forms.ActionStatusForm(request.POST, action=action)
        if not status_form.is_valid():
            return update_form, status_form, False
        data = status_form.cleaned_data
        if data["change"] == "propose":
            services.propose_to_close(action, by=request.user, update=data["reason"])
        else:
            services.reopen_action(action, by=request.user, reason=data["reason"])
    except ValidationError as error:
        add_service_errors(status_form if request.POST.get("do") != "update" else update_form, error)
        return update_form, status_form, False
    action.refresh_from_db()
    messages.success(request, f"{action.reference} is now {action.get_status_display()}.")
    return update_form, status_form, True


@secretariat_required
def action_close(request: SignedInRequest, pk: int) -> HttpResponse:
    """The confirmation page of closing an action, saying what it will do; sent, it closes it."""
    action = get_visible_or_404(request, Action, "body", "meeting", pk=pk)
    form = forms.ActionCloseForm(request.POST or None, action=action, user=request.user)
    closed = submit(
        request,
        form,
        lambda data: services.close_action(action, by=request.user, **data),
        lambda saved: f"{saved.reference} is now closed.",
    )
    if closed:
        return redirect(action)
    context = {
        "form": form,
        "refusal": action.close_refusal(),
        "title": f"Close action {action.reference}",
        "consequence": (
            f"This records that the body confirmed at the meeting you choose that action {action.reference} is "
            "done. It leaves the outstanding actions, is listed as completed in the next actions paper and takes "
            "no more updates unless it is reopened."
        ),
        "button": "Close the action",
        "back": action.get_absolute_url(),
        "keep": "Keep it open",
    }
    return render(request, "core/confirm.html", context)


def _not_taken_place(request: HttpRequest, meeting: Meeting, what: str) -> HttpResponse | None:
    """A page saying why nothing of ``what`` can be recorded at the meeting yet, instead of a form
    whose sending would be refused; None when the meeting has taken place."""
    refusal = meeting.took_place_refusal(what)
    if refusal is None:
        return None
    context = {"title": f"Record {what} of {meeting}", "refusal": refusal, "back": meeting.get_absolute_url()}
    return render(request, "core/confirm.html", context)


@secretariat_required
def action_create(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    if request.method != "POST" and (refused := _not_taken_place(request, meeting, "actions")):
        return refused
    form = forms.ActionForm(request.POST or None, meeting=meeting, user=request.user)
    raised = submit(
        request,
        form,
        lambda data: services.raise_action(meeting, by=request.user, **data),
        lambda action: f"Action {action.reference} has been raised.",
    )
    return redirect(meeting) if raised else form_page(request, form, f"Raise an action at {meeting}", back=meeting)


# The decision register


def decision_list(request: HttpRequest) -> HttpResponse:
    form = forms.DecisionFilterForm(request.GET)
    decisions: QuerySet = (
        Decision.objects.visible_to(request.user)
        .kept_for(request.user)
        .select_related("body", "meeting", "agenda_item")
    )
    decisions = matching(request, decisions, form)
    page = page_of(request, decisions.order_by("-decided_on", "position"))
    page.object_list = in_agenda_order(list(page.object_list))
    context = {
        "page": page,
        "filters": {name: request.GET.get(name, "") for name in form.fields},
        "bodies": Body.objects.all(),
        "verbs": Verb.choices,
        "query_string": without_page(request.GET),
    }
    return render(request, "actions/decision_list.html", context)


def in_agenda_order(decisions: list[Decision]) -> list[Decision]:
    """A page of the register, newest first, with each meeting's decisions in the order of its
    agenda rather than the order they were typed in. The query walks the newest-first index, which
    knows no agenda, so the page is put in order here (a day's decisions split over two pages are
    in order on each)."""

    def key(decision: Decision) -> tuple:
        item = decision.agenda_item
        return (-decision.decided_on.toordinal(), decision.meeting_id or 0, item.position if item else 0)

    return sorted(decisions, key=key)


@secretariat_required
def decision_create(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    if request.method != "POST" and (refused := _not_taken_place(request, meeting, "decisions")):
        return refused
    form = forms.DecisionForm(request.POST or None, meeting=meeting, user=request.user)
    recorded = submit(
        request,
        form,
        lambda data: services.record_decision(by=request.user, meeting=meeting, **data),
        lambda decision: "The decision has been recorded.",
    )
    return redirect(meeting) if recorded else form_page(request, form, f"Record a decision of {meeting}", back=meeting)


@secretariat_required
def decision_create_ex_committee(request: SignedInRequest) -> HttpResponse:
    form = forms.ExCommitteeDecisionForm(request.POST or None, user=request.user)
    recorded = submit(
        request,
        form,
        lambda data: services.record_decision(by=request.user, **data),
        lambda decision: "The ex-committee decision has been recorded.",
    )
    return redirect("actions:decisions") if recorded else form_page(request, form, "Record an ex-committee decision")


# Minutes


@secretariat_required
def minutes_create(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    if request.method != "POST" and (refused := _not_taken_place(request, meeting, "minutes")):
        return refused
    form = forms.MinutesForm(request.POST or None)
    minutes = submit(
        request,
        form,
        lambda data: services.start_minutes(meeting, by=request.user, **data),
        lambda minutes: f"The {minutes} have been started.",
    )
    return redirect(minutes) if minutes else form_page(request, form, f"Start the minutes of {meeting}", back=meeting)


def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_visible_or_404(request, Minutes, "meeting__body", pk=pk)
    report = minutes_report(minutes, request.user)
    context = {
        "minutes": minutes,
        "report": report,
        "approve_form": forms.ApproveMinutesForm(minutes=minutes, user=request.user),
    }
    return render(request, "actions/minutes_detail.html", context)


@secretariat_required
def minutes_write(request: SignedInRequest, pk: int) -> HttpResponse:
    """The minute of every item on one page, saved in one step."""
    minutes = get_visible_or_404(request, Minutes, "meeting__body", pk=pk)
    form = forms.MinutesPageForm(request.POST or None, minutes=minutes, user=request.user)
    if minutes.status == Minutes.Status.APPROVED:
        form.add_error(None, f"The {minutes} are approved and can no longer be changed.")
    elif request.method == "POST" and form.is_valid():
        try:
            written = services.write_minutes(minutes, form.entries(), by=request.user)
        except StaleRevision as stale:
            entry = cast(MinuteEntry, stale.record)
            form.add_error(
                None,
                f"The minute of item {entry.agenda_item.number} was saved by someone else after you opened this "
                "page, so nothing was saved. Copy your text, open the page again and add it.",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{len(written)} minute{pluralize(len(written))} saved.")
            return redirect(minutes)
    title = f"Write the {'confidential ' if minutes.confidential else ''}minutes of {minutes.meeting}"
    context = {"minutes": minutes, "form": form, "title": title}
    return render(request, "actions/minutes_write.html", context)


@secretariat_required
def minute_entry_edit(request: SignedInRequest, pk: int, item_pk: int) -> HttpResponse:
    minutes = get_visible_or_404(request, Minutes, "meeting__body", pk=pk)
    item = get_visible_or_404(request, AgendaItem, pk=item_pk, meeting=minutes.meeting)
    entry = minutes.entries.filter(agenda_item=item).first()
    form = forms.MinuteEntryForm(
        request.POST or None,
        initial={"narrative": entry.narrative if entry else ""},
        revision=entry.revision if entry else 0,
    )
    written = submit(
        request,
        form,
        lambda data: services.write_minute(minutes, item, by=request.user, if_revision=form.started_from, **data),
        lambda entry: f"The minute of item {item.number} has been saved.",
    )
    return (
        redirect(minutes)
        if written
        else form_page(request, form, f"Minute item {item.number}: {item.title}", back=minutes)
    )


@require_POST
@secretariat_required
def minutes_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    minutes = get_visible_or_404(request, Minutes, "meeting__body", pk=pk)
    form = forms.ApproveMinutesForm(request.POST, minutes=minutes, user=request.user)
    if not form.is_valid():
        for problems in form.errors.values():
            messages.error(request, " ".join(map(str, problems)))
        return redirect(minutes)
    try:
        services.approve_minutes(minutes, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The {minutes} are approved.")
    return redirect(minutes)


# Corrections


@secretariat_required
def action_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(request, Action, "body", "meeting", pk=pk)
    form = forms.ActionCorrectionForm(request.POST or None, instance=action, meeting=action.meeting, user=request.user)

    def save(data: dict) -> Action:
        changes = {k: v for k, v in data.items() if k not in {"recipients", "reason"}}
        return services.update_action(
            action,
            by=request.user,
            reason=data["reason"],
            recipients=data["recipients"],
            if_revision=form.started_from,
            **changes,
        )

    if submit(request, form, save, lambda saved: f"Action {saved.reference} has been corrected."):
        return redirect(action)
    return form_page(request, form, f"Correct action {action.reference}", back=action)


@secretariat_required
def decision_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = get_visible_or_404(request, Decision, "body", "meeting__body", pk=pk)
    form = forms.DecisionCorrectionForm(
        request.POST or None, instance=decision, meeting=decision.meeting, user=request.user
    )

    def save(data: dict) -> Decision:
        changes = {k: v for k, v in data.items() if k not in {"recipients", "reason"}}
        return services.update_decision(
            decision,
            by=request.user,
            reason=data["reason"],
            recipients=data["recipients"],
            if_revision=form.started_from,
            **changes,
        )

    if submit(request, form, save, lambda saved: "The decision has been corrected."):
        return redirect(decision)
    return form_page(request, form, f"Correct the decision “{decision.sentence[:60]}”", back=decision)


@secretariat_required
def action_void(request: SignedInRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(request, Action, "body", pk=pk)
    return confirm_void(
        request,
        action,
        lambda data: services.void_action(action, by=request.user, **data),
        title=f"Void action {action.reference}",
        consequence=(
            f"Void action {action.reference} as raised by mistake, a duplicate say. It leaves the actions log, "
            "the meeting's page, the actions papers, the reminders, the exports and the API's lists for everyone. "
            "It stays in its history, and the secretariat still sees it, marked void, and can restore it."
        ),
        done=f"Action {action.reference} is void.",
    )


@secretariat_required
def action_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(request, Action, "body", pk=pk)
    return confirm_void(
        request,
        action,
        lambda data: services.restore_action(action, by=request.user, **data),
        title=f"Restore action {action.reference}",
        consequence=f"Restore action {action.reference}: it comes back into every list, export and paper.",
        done=f"Action {action.reference} is restored.",
        restoring=True,
    )


@secretariat_required
def decision_void(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = get_visible_or_404(request, Decision, "body", "meeting__body", pk=pk)
    return confirm_void(
        request,
        decision,
        lambda data: services.void_decision(decision, by=request.user, **data),
        title="Void a decision",
        consequence=(
            f"Void the decision “{decision.sentence}” as recorded by mistake, a duplicate say. It leaves the "
            "decision register, the meeting's page, the minutes, the exports and the API's lists for everyone. It "
            "stays in its history, and the secretariat still sees it, marked void, and can restore it."
        ),
        done="The decision is void.",
    )


@secretariat_required
def decision_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = get_visible_or_404(request, Decision, "body", "meeting__body", pk=pk)
    return confirm_void(
        request,
        decision,
        lambda data: services.restore_decision(decision, by=request.user, **data),
        title="Restore a decision",
        consequence=f"Restore the decision “{decision.sentence}”: it comes back into the register, the minutes and "
        "every export.",
        done="The decision is restored.",
        restoring=True,
    )
