"""Pages of the governance calendar. Every read goes through ``visible_to``; writes call verbs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms as django_forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone

from panelbook.core.access import (
    SignedInRequest,
    add_service_errors,
    form_page,
    get_visible_or_404,
    secretariat_required,
    submit,
)
from panelbook.core.api import MAX_ID
from panelbook.core.classification import Classification
from panelbook.core.concurrency import ALREADY_SENT, StaleRevision, run_once
from panelbook.core.lists import matching, page_of, without_page
from panelbook.governance import forms, services
from panelbook.governance.models import (
    PERIODS,
    UPCOMING,
    AgendaItem,
    Appendix,
    Attendance,
    Body,
    Meeting,
    MeetingChange,
    Paper,
    PaperFile,
)


def _meetings_for(request: HttpRequest):
    return Meeting.objects.visible_to(request.user).select_related("body")


def _visible_papers(request: HttpRequest):
    files = PaperFile.objects.visible_to(request.user).filter(appendix=None).order_by("-version")
    return (
        Paper.objects.visible_to(request.user)
        .select_related("body", "meeting__body")
        .prefetch_related(Prefetch("files", queryset=files, to_attr="visible_files"))
    )


# Reading


def body_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    bodies = list(Body.objects.filter(is_active=True).select_related("parent"))
    upcoming = _meetings_for(request).filter(starts_at__gte=now).exclude(status=Meeting.Status.CANCELLED)
    next_meeting: dict[int, Meeting] = {}
    for meeting in upcoming.order_by("starts_at"):
        next_meeting.setdefault(meeting.body_id, meeting)
    rows = [(body, next_meeting.get(body.pk)) for body in bodies]
    return render(request, "governance/body_list.html", {"rows": rows})


def body_detail(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    now = timezone.now()
    meetings = _meetings_for(request).filter(body=body)
    members = body.memberships.current().by_seniority().select_related("person__organisation", "alternate_for")
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "members": members,
            "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at")[:12],
            "past": meetings.filter(starts_at__lt=now).order_by("-starts_at")[:24],
            "children": body.children.filter(is_active=True),
            "sections": sections_of_apps("body_section", request, body),
        },
    )


def sections_of_apps(hook: str, request: HttpRequest, record: Any) -> list[dict[str, Any]]:
    """The parts of a body's or a meeting's page that apps above governance add: an AppConfig's
    ``body_section(request, body)`` or ``meeting_section(request, meeting)`` gives a list of
    sections, each its ``template`` and what it shows. In install order."""
    sections: list[dict[str, Any]] = []
    for config in apps.get_app_configs():
        declared = getattr(config, hook, None)
        if declared:
            sections += declared(request, record) or []
    return sections


UPCOMING_ON_FIRST_PAGE = 10


def meeting_list(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings first (soonest first), then the past (latest first); or one of the two."""
    form = forms.MeetingFilterForm(request.GET)
    meetings = matching(request, _meetings_for(request), form)
    when = form.cleaned_data.get("when") if form.is_valid() else None
    if when == UPCOMING:
        page = page_of(request, meetings.order_by("starts_at"))
    else:
        page = page_of(request, meetings.filter(starts_at__date__lt=timezone.localdate()).order_by("-starts_at"))
    context = {
        "page": page,
        "upcoming": _soonest(request, meetings) if not when and page.number == 1 else None,
        "when": when,
        "form": form,
        "bodies": Body.objects.all(),
        "statuses": Meeting.Status.choices,
        "periods": PERIODS,
        "query_string": without_page(request.GET),
    }
    return render(request, "governance/meeting_list.html", context)


def _soonest(request: HttpRequest, meetings) -> dict[str, Any]:
    """The soonest upcoming meetings, shown above the past on the list's first page, whether there
    are more of them, and the query string of the list of them all."""
    upcoming = meetings.filter(starts_at__date__gte=timezone.localdate()).order_by("starts_at")
    soonest = list(upcoming[: UPCOMING_ON_FIRST_PAGE + 1])
    query = request.GET.copy()
    query.pop("page", None)
    query["when"] = UPCOMING
    return {
        "meetings": soonest[:UPCOMING_ON_FIRST_PAGE],
        "more": len(soonest) > UPCOMING_ON_FIRST_PAGE,
        "all": query.urlencode(),
    }


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    papers = _visible_papers(request).filter(meeting=meeting).order_by("reference")
    items = (
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("presenter__organisation", "presenter_organisation")
        .prefetch_related(Prefetch("papers", queryset=papers, to_attr="visible_papers"))
        .order_by("position", "number")
    )
    attendance = meeting.attendance.select_related("person__organisation", "alternate_for")
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "other_papers": papers.filter(agenda_item=None),
            "present": [a for a in attendance if a.status == Attendance.Status.PRESENT],
            "apologies": [a for a in attendance if a.status == Attendance.Status.APOLOGIES],
            "status_changes": meeting.status_changes(),
            "sections": sections_of_apps("meeting_section", request, meeting),
        },
    )


def paper_list(request: HttpRequest) -> HttpResponse:
    form = forms.PaperFilterForm(request.GET)
    papers = matching(request, _visible_papers(request), form)
    context = {
        "page": page_of(request, papers.order_by("-paper_date", "reference")),
        "form": form,
        "bodies": Body.objects.all(),
        "levels": Classification.choices,
        "query_string": without_page(request.GET),
    }
    return render(request, "governance/paper_list.html", context)


def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_visible_or_404(request, Paper, "body", "meeting__body", "agenda_item", pk=pk)
    files = PaperFile.objects.visible_to(request.user).filter(paper=paper).select_related("uploaded_by")
    appendices = Appendix.objects.visible_to(request.user).filter(paper=paper)
    appendix_files: dict[int | None, list[PaperFile]] = {}
    for paper_file in files:
        appendix_files.setdefault(paper_file.appendix_id, []).append(paper_file)
    return render(
        request,
        "governance/paper_detail.html",
        {
            "paper": paper,
            "versions": appendix_files.get(None, []),
            "appendices": [(appendix, appendix_files.get(appendix.pk, [])) for appendix in appendices],
        },
    )


def file_download(request: HttpRequest, pk: int) -> FileResponse:
    paper_file = get_object_or_404(PaperFile.objects.visible_to(request.user), pk=pk)
    try:
        handle = paper_file.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing; ask the secretariat to upload it again.") from None
    response = FileResponse(handle, as_attachment=True, filename=paper_file.original_name)
    response["Content-Type"] = paper_file.content_type
    response["Cache-Control"] = "private, no-store"
    return response


# The secretariat's forms


@secretariat_required
def meeting_create(request: SignedInRequest) -> HttpResponse:
    initial = {"body": Body.objects.filter(code=request.GET.get("body")).first()}
    form = forms.MeetingForm(request.POST or None, initial=initial)
    meeting = submit(
        request,
        form,
        lambda data: services.create_meeting(by=request.user, **data),
        lambda meeting: f"{meeting} has been created.",
    )
    return redirect(meeting) if meeting else form_page(request, form, "New meeting")


@secretariat_required
def meeting_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    form = forms.MeetingForm(request.POST or None, instance=meeting)

    def save(data: dict) -> Meeting:
        changes = {k: v for k, v in data.items() if k not in {"body", "recipients"}}
        return services.update_meeting(
            meeting, by=request.user, recipients=data["recipients"], if_revision=form.started_from, **changes
        )

    if submit(request, form, save, lambda saved: f"{saved} has been saved."):
        return redirect(meeting)
    return form_page(request, form, f"Edit {meeting}", back=meeting)


@secretariat_required
def meeting_status(request: SignedInRequest, pk: int, change: str) -> HttpResponse:
    """The confirmation page of one status change, saying what it will do; sent, it does it."""
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    if change not in MeetingChange.values:
        raise Http404("There is no such change of a meeting's status.")
    chosen = MeetingChange(change)
    # Bound on every POST: marking held or reinstating sends no field but the confirmation itself.
    form = forms.MeetingStatusForm(request.POST if request.method == "POST" else None, change=chosen)
    verbs = {
        MeetingChange.HELD: lambda data: services.mark_meeting_held(meeting, by=request.user),
        MeetingChange.CANCEL: lambda data: services.cancel_meeting(meeting, by=request.user, **data),
        MeetingChange.REINSTATE: lambda data: services.reinstate_meeting(meeting, by=request.user),
    }
    done = submit(request, form, verbs[chosen], lambda saved: f"{saved} is now {saved.get_status_display().lower()}.")
    if done:
        return redirect(meeting)
    context = {
        "form": form,
        "refusal": None if chosen in meeting.status_changes() else services.why_not(meeting, chosen),
        "title": f"{chosen.label}: {meeting}",
        "consequence": status_consequence(meeting, chosen),
        "button": chosen.label,
        "back": meeting.get_absolute_url(),
        "keep": "Leave it as it is",
    }
    return render(request, "core/confirm.html", context)


def status_consequence(meeting: Meeting, change: MeetingChange) -> str:
    when = f"{timezone.localtime(meeting.starts_at):%A %-d %B %Y at %H:%M}"
    if change == MeetingChange.HELD:
        return (
            f"This records that {meeting} took place on {when}. Its decisions, actions and minutes can then be "
            "recorded; it can no longer be cancelled."
        )
    if change == MeetingChange.CANCEL:
        return (
            f"This cancels {meeting} of {when} for everyone who can see it, calendar subscribers included, with "
            "your reason. Nothing can be added to its agenda until it is reinstated."
        )
    return f"This puts {meeting} of {when} back on the calendar as planned and removes the reason for cancelling."


@secretariat_required
def agenda_item_create(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    form = forms.AgendaItemForm(request.POST or None)
    added = submit(
        request,
        form,
        lambda data: services.add_agenda_item(meeting, by=request.user, **data),
        lambda item: f"Item {item.number} has been added to the agenda.",
    )
    return redirect(meeting) if added else form_page(request, form, f"New agenda item for {meeting}", back=meeting)


@secretariat_required
def agenda_build(request: SignedInRequest, pk: int) -> HttpResponse:
    """The whole agenda in one form: every item's title, purpose, presenter and level, new items,
    and the order, saved in one step."""
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    items = list(
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting=meeting, is_withdrawn=False)
        .select_related("presenter__organisation")
        .order_by("position", "number")
    )
    numbered = Paper.objects.visible_to(request.user).filter(agenda_item__meeting=meeting).exists()
    posted = request.POST if request.method == "POST" else None
    form = forms.AgendaForm(posted, initial={"renumber": not numbered})
    rows = forms.agenda_rows(posted, items)
    if posted is not None and _build_agenda(request, meeting, form, rows, {item.pk: item for item in items}):
        return redirect(meeting)
    context = {"meeting": meeting, "form": form, "rows": rows, "numbered": numbered}
    return render(request, "governance/agenda_build.html", context)


def _build_agenda(request: SignedInRequest, meeting: Meeting, form, rows, items: dict[int, AgendaItem]) -> bool:
    """Save the sent agenda through the verb; False, with the problems on the page form, when refused."""
    if not (form.is_valid() & rows.is_valid()):
        if rows.total_error_count():
            form.add_error(None, "Some lines of the agenda have problems; each is named below.")
        return False
    sent = [row for row in rows.ordered_forms if not row.is_blank]
    if any(row.cleaned_data["item"] and row.cleaned_data["item"] not in items for row in sent):
        form.add_error(None, "An item of this form is no longer on the agenda; open the page again.")
        return False
    lines = [
        services.AgendaRow(
            fields={name: row.cleaned_data[name] for name in ("title", "purpose", "presenter", "classification")},
            item=items.get(row.cleaned_data["item"]),
            revision=row.cleaned_data["revision"],
        )
        for row in sent
    ]
    renumber = form.cleaned_data["renumber"]

    def build() -> Meeting:
        services.build_agenda(meeting, lines, by=request.user, renumber=renumber)
        return meeting

    try:
        _, first = run_once(form.token, request.user, build)
    except StaleRevision as stale:
        item = cast(AgendaItem, stale.record)
        form.add_error(None, f"Item {item.number}, {item.title}: {stale.message} Open the page again to see it.")
        return False
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    saved = f"The agenda of {meeting} has been saved: {len(lines)} item{pluralize(len(lines))}."
    messages.success(request, saved if first else ALREADY_SENT)
    return True


@secretariat_required
def agenda_item_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(request, AgendaItem, "meeting__body", pk=pk)
    form = forms.AgendaItemForm(request.POST or None, instance=item)

    def save(data: dict) -> AgendaItem:
        # An emptied number keeps the item's current one.
        changes = {k: v for k, v in data.items() if k != "recipients" and not (k == "number" and v is None)}
        return services.update_agenda_item(
            item, by=request.user, recipients=data["recipients"], if_revision=form.started_from, **changes
        )

    if submit(request, form, save, lambda saved: f"Item {saved.number} has been saved."):
        return redirect(item.meeting)
    return form_page(request, form, f"Edit item {item}", back=item.meeting)


@secretariat_required
def attendance_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    form = forms.AttendanceForm(request.POST or None)
    recorded = submit(
        request,
        form,
        lambda data: services.record_attendance(meeting, by=request.user, **data),
        lambda attendance: f"Attendance of {attendance.person.name} has been recorded.",
    )
    if recorded:
        return redirect("governance:attendance", pk=meeting.pk)
    attendance = meeting.attendance.select_related("person__organisation", "alternate_for")
    members = meeting.body.memberships.current(on=meeting.date).select_related("person__organisation")
    recorded_people = {a.person_id for a in attendance}
    return render(
        request,
        "governance/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "attendance": attendance,
            "not_recorded": [m for m in members if m.person_id not in recorded_people],
        },
    )


def _requested_item(request: HttpRequest) -> AgendaItem | None:
    """The agenda item a "new paper" link names in ``?item=``, if it is one the user may see."""
    try:
        pk = django_forms.IntegerField(min_value=1, max_value=MAX_ID, required=False).clean(request.GET.get("item"))
    except ValidationError:
        return None
    return forms.recent_agenda_items(request.user).filter(pk=pk).first() if pk else None


def _new_paper_defaults(request: HttpRequest) -> dict[str, Any]:
    """A new paper's starting values: today, the secretariat as author, and for the agenda item a
    "new paper" link names, that item with its title, purpose and classification."""
    initial: dict[str, Any] = {"paper_date": timezone.localdate(), "author": "SECAS Team"}
    item = _requested_item(request)
    if item is not None:
        initial |= {"agenda_item": item, "title": item.title, "purpose": item.purpose}
        initial["classification"] = item.classification
    return initial


@secretariat_required
def paper_create(request: SignedInRequest) -> HttpResponse:
    initial = _new_paper_defaults(request)
    form = forms.PaperForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)

    def create(data: dict) -> Paper:
        fields = {k: v for k, v in data.items() if v not in (None, "") or k == "summary"}
        upload = fields.pop("file", None)
        if fields.get("agenda_item"):
            fields.pop("body", None)
        return services.create_paper(by=request.user, upload=upload, **fields)

    paper = submit(request, form, create, lambda paper: f"Paper {paper.reference} has been created.")
    return redirect(paper) if paper else form_page(request, form, "New paper", multipart=True)


@secretariat_required
def paper_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    paper = get_visible_or_404(request, Paper, "body", "meeting__body", "agenda_item", pk=pk)
    form = forms.PaperEditForm(request.POST or None, instance=paper)

    def save(data: dict) -> Paper:
        changes = {k: v for k, v in data.items() if k != "recipients"}
        return services.update_paper(
            paper, by=request.user, recipients=data["recipients"], if_revision=form.started_from, **changes
        )

    if submit(request, form, save, lambda saved: f"Paper {saved.reference} has been saved."):
        return redirect(paper)
    return form_page(request, form, f"Edit {paper.reference}", back=paper)


@secretariat_required
def paper_upload(request: SignedInRequest, pk: int) -> HttpResponse:
    paper = get_visible_or_404(request, Paper, "body", "meeting__body", "agenda_item", pk=pk)
    form = forms.UploadForm(request.POST or None, request.FILES or None, paper=paper, user=request.user)
    uploaded = submit(
        request,
        form,
        lambda data: services.add_paper_version(paper, data.pop("file"), by=request.user, **data),
        lambda version: f"Version {version.version} of {version.original_name} has been uploaded.",
    )
    if uploaded:
        return redirect(paper)
    return form_page(request, form, f"Upload a new version of {paper.reference}", back=paper, multipart=True)


@secretariat_required
def appendix_create(request: SignedInRequest, pk: int) -> HttpResponse:
    paper = get_visible_or_404(request, Paper, "body", "meeting__body", "agenda_item", pk=pk)
    form = forms.AppendixForm(request.POST or None, request.FILES or None)
    added = submit(
        request,
        form,
        lambda data: services.add_appendix(paper, by=request.user, upload=data.pop("file"), **data),
        lambda appendix: f"{appendix.label} has been added to {paper.reference}.",
    )
    if added:
        return redirect(paper)
    return form_page(request, form, f"New appendix to {paper.reference}", back=paper, multipart=True)


# Withdrawing: the record stays, marked withdrawn, with the reason in its history.


@secretariat_required
def paper_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    paper = get_visible_or_404(request, Paper, "body", pk=pk)
    return _withdraw(
        request,
        lambda data: services.withdraw_paper(paper, by=request.user, **data),
        done=f"Paper {paper.reference} has been withdrawn.",
        title=f"Withdraw paper {paper.reference}",
        consequence="The paper and its versions stay on record, marked withdrawn; it cannot be put back.",
        back=paper.get_absolute_url(),
    )


@secretariat_required
def agenda_item_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(request, AgendaItem, "meeting__body", pk=pk)
    return _withdraw(
        request,
        lambda data: services.withdraw_agenda_item(item, by=request.user, **data),
        done=f"Item {item.number} has been withdrawn from the agenda.",
        title=f"Withdraw item {item}",
        consequence="The item stays on the agenda, marked withdrawn, with its number; it cannot be put back.",
        back=item.meeting.get_absolute_url(),
    )


def _withdraw(
    request: SignedInRequest, withdraw: Callable[[dict], Any], *, done: str, title: str, consequence: str, back: str
) -> HttpResponse:
    """The confirmation page of a withdrawal, saying what it does; sent with a reason, it withdraws."""
    form = forms.WithdrawForm(request.POST or None)
    if submit(request, form, withdraw, lambda saved: done):
        return redirect(back)
    context = {"form": form, "title": title, "consequence": consequence, "button": "Withdraw", "back": back}
    return render(request, "core/confirm.html", context)
