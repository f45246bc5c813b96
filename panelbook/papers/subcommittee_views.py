"""The Sub-Committee Report's pages: the draft as it would be issued (HTML, Word, PDF) for the
secretariat, the edits of its front part and of any item, and issuing it.

Every page is the secretariat's; the meeting and items are read through the gate, and the report
is built for the person asking, so a secretary who may not see a RED item never sees it here.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from panelbook.core.access import form_page, get_visible_or_404, secretariat_required, submit
from panelbook.core.classification import Classification
from panelbook.governance.models import AgendaItem, Body, Meeting
from panelbook.papers import services
from panelbook.papers.forms import DraftForm, IssueForm, ItemForm
from panelbook.papers.models import ClassificationBanner, IssuedPaper, ReportDraft
from panelbook.papers.subcommittee import SubCommitteeReport, draft_for, report_item, subcommittee_report
from panelbook.papers.subcommittee_document import appendix_paper, subcommittee_paper
from panelbook.papers.views import _download, _level


def _panel_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    if meeting.body.kind != Body.Kind.PANEL:
        raise Http404("The Sub-Committee Report is a paper of the Panel's meetings.")
    return meeting


def _report(request: HttpRequest, meeting: Meeting, level: str | None = None) -> SubCommitteeReport:
    return subcommittee_report(meeting, request.user, level or _level(request))


@secretariat_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _panel_meeting(request, pk)
    report = _report(request, meeting)
    paper = subcommittee_paper(report, ClassificationBanner.text_for(report.level))
    draft = draft_for(meeting, request.user)
    issued = (
        IssuedPaper.objects.visible_to(request.user)
        .filter(paper__meeting=meeting, kind__startswith="subcommittee")
        .select_related("paper", "appendix", "pdf", "issued_by")
    )
    omitted = AgendaItem.objects.visible_to(request.user).filter(pk__in=draft.omitted).select_related("meeting__body")
    context = {
        "meeting": meeting,
        "report": report,
        "paper": paper,
        "draft": draft,
        "issued": issued,
        "omitted": omitted,
        "levels": Classification.choices,
        "query": request.GET.urlencode(),
    }
    response = render(request, "papers/subcommittee_report.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


@secretariat_required
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report(request, _panel_meeting(request, pk))
    return _download(subcommittee_paper(report, ClassificationBanner.text_for(report.level)), fmt)


@secretariat_required
def appendix_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report(request, _panel_meeting(request, pk), Classification.RED)
    return _download(appendix_paper(report, ClassificationBanner.text_for(Classification.RED)), fmt)


@secretariat_required
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _panel_meeting(request, pk)
    draft = draft_for(meeting, request.user)
    initial = {name: getattr(draft, name) for name in ("since", "highlights", "recommendations", "author", "team")}
    form = DraftForm(request.POST or None, initial=initial, revision=draft.revision if draft.pk else None)
    done = submit(
        request,
        form,
        lambda data: services.save_draft(meeting, by=request.user, if_revision=form.started_from, **data),
        lambda _: "The report's draft is saved.",
    )
    if done is not None:
        return redirect("papers:subcommittee_report", meeting.pk)
    return form_page(
        request, form, f"Sub-Committee Report for {meeting.title}: purpose, highlights and sign-off", back=draft
    )


@secretariat_required
def item_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    meeting = _panel_meeting(request, pk)
    agenda_item = get_visible_or_404(request, AgendaItem, "meeting__body", pk=item)
    draft = draft_for(meeting, request.user)
    key = agenda_item.pk
    initial = {"text": draft.texts.get(str(key), ""), "flagged": key in draft.flagged, "omitted": key in draft.omitted}
    form = ItemForm(request.POST or None, initial=initial, revision=draft.revision if draft.pk else None)

    def change(data: dict) -> ReportDraft:
        return services.edit_item(meeting, key, by=request.user, if_revision=form.started_from, **data)

    if submit(request, form, change, lambda _: f"“{agenda_item.title}” is saved in the report's draft.") is not None:
        return redirect("papers:subcommittee_report", meeting.pk)
    title = f"{agenda_item.meeting.body.short_name} {agenda_item.meeting.number}: {agenda_item.title}"
    return form_page(request, form, title, back=draft)


@secretariat_required
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _panel_meeting(request, pk)
    form = IssueForm(request.POST or None, initial={"level": request.GET.get("level", Classification.WHITE)})
    issued: list[IssuedPaper] = []

    def issue_all(data: dict) -> IssuedPaper:
        issued.extend(services.issue_subcommittee_report(meeting, by=request.user, **data))
        return issued[0]

    first = submit(
        request,
        form,
        issue_all,
        lambda _: "Issued: " + "; ".join(f"{i.pdf.original_name} as version {i.pdf.version}" for i in issued) + ".",
    )
    if first is not None:
        return redirect(first.paper.get_absolute_url())
    item = report_item(meeting, request.user)
    level = form.data.get("level") or form.initial["level"]
    unsaid = (
        [i for i in _report(request, meeting, level).items if not i.summary] if level in Classification.values else []
    )
    target = services.target_for(item, level, request.user) if item and level in Classification.values else None
    context = {
        "meeting": meeting,
        "form": form,
        "item": item,
        "target": target.describe(item, level) if target and item else "",
        "unsaid": unsaid,
    }
    if item is None:
        messages.warning(
            request, "This meeting has no “SEC Panel Sub-Committee Report” item: add it to the agenda first."
        )
    return render(request, "papers/subcommittee_issue.html", context)
