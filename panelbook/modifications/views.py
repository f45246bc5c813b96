"""Pages of the modifications register: the register, one modification, and the secretariat's steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from panelbook.actions.models import Decision
from panelbook.core.access import SignedInRequest, confirm_void, form_page, secretariat_required, submit
from panelbook.core.classification import is_secretariat
from panelbook.core.lib import timeline_chart
from panelbook.core.lists import filter_problems, matching, page_of, without_page
from panelbook.governance.models import Body, Paper, PartyCategory
from panelbook.modifications import charts, forms, imports, mentions, reports, services
from panelbook.modifications.exports import figure_rows
from panelbook.modifications.models import (
    PATH_CHOICES,
    STAGE_CHOICES,
    Assessment,
    AuthorityDecision,
    DocumentKind,
    Follow,
    Modification,
    ModificationDocument,
    Release,
    scope_of,
)


def _visible(request: HttpRequest, reference: str) -> Modification:
    """The modification a person may see, or the same 404 as one that does not exist."""
    rows = Modification.objects.visible_to(request.user).kept_for(request.user)
    rows = rows.select_related("body", "target_release", "actual_release")
    return get_object_or_404(rows, reference=reference.upper())


def register(request: HttpRequest) -> HttpResponse:
    form = forms.ModificationFilterForm(request.GET)
    today = timezone.localdate()
    rows = Modification.objects.visible_to(request.user).in_force().select_related("body", "proposer_organisation")
    rows = rows.prefetch_related("milestones").with_assessments_overdue(today)
    found = matching(request, rows, form)
    page = page_of(request, found.order_by("-raised_on", "reference"))
    context = {
        "page": page,
        "rows": [(m, m.progress(today, list(m.milestones.all()))) for m in page.object_list],
        "filters": {name: request.GET.get(name, "") for name in form.fields},
        "stages": STAGE_CHOICES,
        "paths": PATH_CHOICES,
        "categories": PartyCategory.choices,
        "releases": Release.objects.in_force().order_by("-date"),
        "query_string": without_page(request.GET),
        "followed_categories": _followed_categories(request),
    }
    return render(request, "modifications/register.html", context)


def _followed_categories(request: HttpRequest) -> list[tuple[str, str]]:
    if not request.user.is_authenticated:
        return []
    codes = Follow.objects.filter(user=request.user).exclude(category="").order_by("category")
    return [(code, PartyCategory(code).label) for code in codes.values_list("category", flat=True)]


def modification_detail(request: HttpRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    calendar = services.working_days()
    milestones = list(modification.milestones.all())
    stages = list(modification.stage_changes.select_related("decision"))
    cited = {change.decision_id for change in stages if change.decision_id}
    seen = Decision.objects.visible_to(request.user).in_force().filter(pk__in=cited)
    chart = charts.timeline(modification.reference, milestones, timezone.localdate()) if milestones else None
    context = {
        "modification": modification,
        "chart": chart,
        "chart_image": timeline_chart.data_uri(chart) if chart else "",
        "chart_caption": charts.CAPTION,
        "progress": modification.progress(timezone.localdate(), milestones),
        "milestones": [(m, m.slippage(calendar, timezone.localdate())) for m in milestones],
        "stages": stages,
        "extensions": modification.extensions.select_related("from_milestone"),
        "votes": modification.votes.all(),
        "change_board": services.change_board_result(modification),
        "referral": services.referral_window(modification, calendar),
        "authority_decisions": _authority_decisions(request, modification),
        "today": timezone.localdate(),
        "visible_decisions": set(seen.values_list("pk", flat=True)) if cited else set(),
        "assessments": _assessments(request, modification),
        "documents": _documents(request, modification),
        "solutions": modification.solutions.visible_to(request.user).in_force(),
        "split_from": _seen_parent(request, modification),
        "can_change": is_secretariat(request.user),
        "mentions": mentions.mentioning(modification, request.user),
        "following": request.user.is_authenticated
        and Follow.objects.filter(user=request.user, modification=modification).exists(),
    }
    return render(request, "modifications/modification_detail.html", context)


def _assessments(request: HttpRequest, modification: Modification) -> list[dict]:
    """The DCC's assessments with how they stand, each returned document linked only for a
    reader who may see it (the secretariat also sees voided ones, marked)."""
    rows = list(modification.assessments.all() if is_secretariat(request.user) else modification.assessments.in_force())
    cited = {row.document_id for row in rows if row.document_id}
    seen = Paper.objects.visible_to(request.user).filter(pk__in=cited).in_bulk() if cited else {}
    calendar, today = services.working_days(), timezone.localdate()
    return [
        {
            "assessment": row,
            "overdue": row.is_overdue(today),
            "days_late": row.days_late(calendar, today),
            "turnaround": row.turnaround(calendar),
            "document": seen.get(row.document_id),
        }
        for row in rows
    ]


def _seen_parent(request: HttpRequest, modification: Modification) -> Modification | None:
    if modification.split_from_id is None:
        return None
    return Modification.objects.visible_to(request.user).in_force().filter(pk=modification.split_from_id).first()


@secretariat_required
def modification_create(request: SignedInRequest) -> HttpResponse:
    form = forms.ModificationForm(request.POST or None)
    raised = submit(
        request,
        form,
        lambda data: services.raise_modification(by=request.user, **data),
        lambda modification: f"{modification.reference} is in the register.",
    )
    return redirect(raised) if raised else form_page(request, form, "Raise a modification")


@secretariat_required
def modification_stage(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.StageForm.of(modification, request.POST or None, initial={"on": timezone.localdate()})
    moved = submit(
        request,
        form,
        lambda data: services.move_to_stage(modification, by=request.user, **data),
        lambda saved: f"{saved.reference} is at “{saved.get_stage_display()}”.",
    )
    if moved:
        return redirect(moved)
    return form_page(request, form, f"Move {modification.reference} to its next stage", back=modification)


@secretariat_required
def modification_extend(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.ExtensionForm(
        request.POST or None, user=request.user, modification=modification, initial={"agreed_on": timezone.localdate()}
    )
    extended = submit(
        request,
        form,
        lambda data: services.extend_timetable(modification, by=request.user, **data),
        lambda extension: f"{modification.reference}'s timetable is extended by {extension.working_days} working days.",
    )
    if extended:
        return redirect(modification)
    return form_page(request, form, f"Extend {modification.reference}'s timetable", back=modification)


@secretariat_required
def modification_votes(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.VotesForm(request.POST or None, initial={"cast_on": timezone.localdate()})
    recorded = submit(
        request,
        form,
        lambda data: services.record_votes(modification, by=request.user, votes=form.votes(), on=data["cast_on"])[0],
        lambda moved: f"The vote is recorded; {moved.reference} is at “{moved.get_stage_display()}”.",
    )
    if recorded:
        return redirect(recorded)
    return form_page(request, form, f"Record the Change Board's vote on {modification.reference}", back=modification)


@secretariat_required
def modification_correct(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.CorrectionForm.of(modification, request.POST or None)
    corrected = submit(
        request,
        form,
        lambda data: services.correct_modification(
            modification, by=request.user, if_revision=form.started_from, **data
        ),
        lambda saved: f"{saved.reference} is corrected.",
    )
    if corrected:
        return redirect(corrected)
    return form_page(request, form, f"Correct {modification.reference}", back=modification)


@secretariat_required
def modification_void(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    return confirm_void(
        request,
        modification,
        lambda data: services.void_modification(modification, by=request.user, **data),
        title=f"Void {modification.reference}",
        consequence=(
            f"Void {modification.reference} as entered by mistake, a duplicate say. It leaves the register, "
            "its exports and the API's lists for everyone. It stays in its history, and the secretariat "
            "still sees it, marked void, and can restore it."
        ),
        done=f"{modification.reference} is void.",
    )


@secretariat_required
def modification_restore(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    return confirm_void(
        request,
        modification,
        lambda data: services.restore_modification(modification, by=request.user, **data),
        title=f"Restore {modification.reference}",
        consequence=f"Restore {modification.reference}: it comes back into the register and every export.",
        done=f"{modification.reference} is restored.",
        restoring=True,
    )


@secretariat_required
def register_import(request: SignedInRequest) -> HttpResponse:
    """Choose the register spreadsheet; see what importing it would do. Nothing is stored here."""
    form = forms.RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "modifications/import.html", {"form": form})
    return _import_preview(request, form.cleaned_data["file"], form.content, form.cleaned_data["body"])


def _import_preview(
    request: SignedInRequest, sheet: imports.Sheet, content: bytes, body: Body, note: str = ""
) -> HttpResponse:
    shown = imports.preview(sheet, by=request.user)
    confirm = forms.RegisterImportConfirmForm.of(content, sheet.name, shown.fingerprint(), body=body.pk)
    context = {"form": forms.RegisterImportForm(), "shown": shown, "confirm": confirm, "body": body, "note": note}
    return render(request, "modifications/import.html", context)


@secretariat_required
def register_import_confirm(request: SignedInRequest) -> HttpResponse:
    """Store what the preview showed, in one transaction; show the preview again if the register moved."""
    form = forms.RegisterImportConfirmForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("modifications:register_import")
    data = form.cleaned_data
    try:
        sheet = form.sheet()
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("modifications:register_import")
    try:
        done = imports.import_register(sheet, by=request.user, body=data["body"], expected=data["fingerprint"])
    except ValidationError as refused:
        return _import_preview(request, sheet, form.content_bytes(), data["body"], note=" ".join(refused.messages))
    messages.success(request, f"Imported {done.source}: {_done_summary(done)}")
    return redirect("modifications:register")


def _done_summary(done: imports.Preview) -> str:
    created, updated, unchanged = done.count("create"), done.count("update"), done.count("unchanged")
    if not created and not updated:
        return f"nothing changed; all {unchanged} rows already matched the register."
    return f"{created} created, {updated} updated and {unchanged} unchanged."


def _assessment(request: HttpRequest, reference: str, pk: int) -> tuple[Modification, Assessment]:
    modification = _visible(request, reference)
    return modification, get_object_or_404(modification.assessments.select_related("modification"), pk=pk)


@secretariat_required
def assessment_request(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.AssessmentRequestForm(request.POST or None, initial={"requested_on": timezone.localdate()})
    requested = submit(
        request,
        form,
        lambda data: services.request_assessment(modification, by=request.user, **data),
        lambda made: (
            f"The DCC's {made.get_kind_display()} of {modification.reference} is recorded as requested "
            f"on {made.requested_on:%d %B %Y}, due on {made.due_on:%d %B %Y}."
        ),
    )
    if requested:
        return redirect(requested)
    return form_page(request, form, f"Request a DCC assessment of {modification.reference}", back=modification)


@secretariat_required
def assessment_return(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification, assessment = _assessment(request, reference, pk)
    form = forms.AssessmentReturnForm(
        request.POST or None, user=request.user, initial={"delivered_on": timezone.localdate()}
    )
    returned = submit(
        request,
        form,
        lambda data: services.record_assessment_return(assessment, by=request.user, **data),
        lambda saved: (
            f"The {saved.get_kind_display()} of {modification.reference} is recorded as returned "
            f"on {saved.delivered_on:%d %B %Y}."
        ),
    )
    if returned:
        return redirect(returned)
    title = f"Record the DCC's return of the {assessment.get_kind_display()} of {modification.reference}"
    return form_page(request, form, title, back=modification)


@secretariat_required
def assessment_correct(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification, assessment = _assessment(request, reference, pk)
    form = forms.AssessmentCorrectionForm.of(assessment, request.POST or None, user=request.user)
    corrected = submit(
        request,
        form,
        lambda data: services.correct_assessment(assessment, by=request.user, if_revision=form.started_from, **data),
        lambda saved: f"The {saved.get_kind_display()} of {modification.reference} is corrected.",
    )
    if corrected:
        return redirect(corrected)
    title = f"Correct the {assessment.get_kind_display()} of {modification.reference}"
    return form_page(request, form, title, back=modification)


@secretariat_required
def assessment_void(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification, assessment = _assessment(request, reference, pk)
    what = (
        f"the {assessment.get_kind_display()} of {modification.reference} requested {assessment.requested_on:%d %B %Y}"
    )
    return confirm_void(
        request,
        assessment,
        lambda data: services.void_assessment(assessment, by=request.user, **data),
        title=f"Void {what}",
        consequence=(
            f"Void {what} as entered by mistake. It leaves the modification's page, the register's overdue flag "
            "and the exports for everyone. It stays in its history, and the secretariat still sees it, marked void, "
            "and can restore it."
        ),
        done=f"The {assessment.get_kind_display()} of {modification.reference} is void.",
    )


@secretariat_required
def assessment_restore(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification, assessment = _assessment(request, reference, pk)
    what = f"the {assessment.get_kind_display()} of {modification.reference}"
    return confirm_void(
        request,
        assessment,
        lambda data: services.restore_assessment(assessment, by=request.user, **data),
        title=f"Restore {what}",
        consequence=f"Restore {what}: it comes back onto the modification's page, the register and every export.",
        done=f"The {assessment.get_kind_display()} of {modification.reference} is restored.",
        restoring=True,
    )


@require_POST
def modification_follow(request: HttpRequest, reference: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    modification = _visible(request, reference)
    services.follow(request.user, modification=modification)
    address = request.user.email or "your address (none is set yet: add one on your account page)"
    messages.success(
        request,
        f"You follow {modification.reference}: an email goes to {address} each time its stage or timetable changes.",
    )
    return redirect(modification)


@require_POST
def modification_unfollow(request: HttpRequest, reference: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    modification = _visible(request, reference)
    services.unfollow(request.user, modification=modification)
    messages.success(request, f"You no longer follow {modification.reference}; no more emails about it.")
    return redirect(modification)


def _documents(request: HttpRequest, modification: Modification) -> list[tuple[str, list[ModificationDocument]]]:
    """The documents the reader may see (the gate hides one whose paper they may not), by type."""
    rows = ModificationDocument.objects.visible_to(request.user).attached().filter(modification=modification)
    by_kind: dict[str, list[ModificationDocument]] = {}
    for document in rows.select_related("paper"):
        by_kind.setdefault(document.kind, []).append(document)
    return [(label, by_kind[kind]) for kind, label in DocumentKind.choices if kind in by_kind]


@secretariat_required
def document_attach(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.AttachDocumentForm(
        request.POST or None, user=request.user, initial={"attached_on": timezone.localdate()}
    )
    attached = submit(
        request,
        form,
        lambda data: services.attach_document(modification, by=request.user, **data),
        lambda saved: f"{saved.paper.reference} is attached to {modification.reference} as its {saved.label.lower()}.",
    )
    if attached:
        return redirect(attached)
    return form_page(request, form, f"Attach a document to {modification.reference}", back=modification)


@secretariat_required
def document_detach(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification = _visible(request, reference)
    rows = ModificationDocument.objects.visible_to(request.user).filter(modification=modification)
    document = get_object_or_404(rows.select_related("paper", "modification"), pk=pk)
    form = forms.DetachDocumentForm(request.POST or None)
    detached = submit(
        request,
        form,
        lambda data: services.detach_document(document, by=request.user, on=timezone.localdate(), **data),
        lambda saved: f"{saved.paper.reference} is detached from {modification.reference}.",
    )
    if detached:
        return redirect(modification)
    context = {
        "form": form,
        "refusal": f"It was detached on {document.detached_on:%d %B %Y}." if document.detached_on else None,
        "title": f"Detach {document.paper.reference} from {modification.reference}",
        "consequence": (
            f"Detach {document.paper.reference} ({document.label}) from {modification.reference}: it leaves the "
            "modification's documents for everyone. The paper itself stays as it is, and the attachment stays in "
            "its history with your reason."
        ),
        "button": "Detach",
        "back": modification.get_absolute_url(),
        "keep": "Keep it attached",
    }
    return render(request, "core/confirm.html", context)


# Releases


def release_list(request: HttpRequest) -> HttpResponse:
    """Every release, upcoming first, each with the modifications in its scope the reader may see."""
    today = timezone.localdate()
    shown = Release.objects.kept_for(request.user).upcoming_first(today)
    scope = scope_of(shown, request.user, today)
    context = {
        "upcoming": [(r, scope[r.pk]) for r in shown if r.date >= today],
        "past": [(r, scope[r.pk]) for r in shown if r.date < today],
        "can_change": is_secretariat(request.user),
    }
    return render(request, "modifications/releases.html", context)


def _release(request: HttpRequest, pk: int) -> Release:
    return get_object_or_404(Release.objects.kept_for(request.user), pk=pk)


def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release(request, pk)
    today = timezone.localdate()
    context = {
        "release": release,
        "scope": scope_of([release], request.user, today)[release.pk],
        "can_change": is_secretariat(request.user),
        "upcoming": release.date >= today,
    }
    return render(request, "modifications/release_detail.html", context)


@secretariat_required
def release_create(request: SignedInRequest) -> HttpResponse:
    form = forms.ReleaseForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.create_release(by=request.user, **data),
        lambda release: f"{release.name} is planned for {release.date:%d %B %Y}.",
    )
    return redirect(made) if made else form_page(request, form, "Plan a release")


@secretariat_required
def release_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    release = _release(request, pk)
    form = forms.ReleaseCorrectionForm.of(release, request.POST or None)
    corrected = submit(
        request,
        form,
        lambda data: services.correct_release(release, by=request.user, if_revision=form.started_from, **data),
        lambda saved: f"{saved.name} is corrected.",
    )
    return redirect(corrected) if corrected else form_page(request, form, f"Correct {release.name}", back=release)


@secretariat_required
def release_void(request: SignedInRequest, pk: int) -> HttpResponse:
    release = _release(request, pk)
    return confirm_void(
        request,
        release,
        lambda data: services.void_release(release, by=request.user, **data),
        title=f"Void {release.name}",
        consequence=(
            f"Void {release.name} as entered by mistake. It leaves the releases page, the register's release filter, "
            "the API and the exports for everyone. It stays in its history, and the secretariat still sees it, "
            "marked void, and can restore it. A release that a modification names cannot be voided."
        ),
        done=f"{release.name} is void.",
    )


@secretariat_required
def release_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    release = _release(request, pk)
    return confirm_void(
        request,
        release,
        lambda data: services.restore_release(release, by=request.user, **data),
        title=f"Restore {release.name}",
        consequence=f"Restore {release.name}: it comes back onto the releases page, the API and the exports.",
        done=f"{release.name} is restored.",
        restoring=True,
    )


@secretariat_required
def modification_releases(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.ModificationReleaseForm.of(modification, request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.set_releases(modification, by=request.user, if_revision=form.started_from, **data),
        lambda moved: f"{moved.reference}'s releases are saved: {_releases_said(moved)}.",
    )
    if saved:
        return redirect(saved)
    return form_page(request, form, f"Set {modification.reference}'s release", back=modification)


def _releases_said(modification: Modification) -> str:
    target = modification.target_release.name if modification.target_release else "none"
    said = f"target {target}"
    if modification.actual_release:
        said += f", actual {modification.actual_release.name}"
    return said


# The Authority's decision


def _authority_decisions(request: HttpRequest, modification: Modification) -> list[tuple[AuthorityDecision, Any]]:
    """The Authority's decisions, each with its letter's paper when the reader may see it (the
    secretariat also sees voided ones, marked)."""
    rows = modification.authority_decisions.select_related("letter")
    rows = rows if is_secretariat(request.user) else rows.in_force()
    decisions = list(rows)
    papers = {d.letter.paper_id for d in decisions if d.letter}
    seen = Paper.objects.visible_to(request.user).filter(pk__in=papers).in_bulk() if papers else {}
    return [(d, seen.get(d.letter.paper_id) if d.letter else None) for d in decisions]


def _decision(request: HttpRequest, reference: str, pk: int) -> tuple[Modification, AuthorityDecision]:
    modification = _visible(request, reference)
    found = modification.authority_decisions.select_related("modification", "stage_change")
    return modification, get_object_or_404(found, pk=pk)


@secretariat_required
def authority_decision(request: SignedInRequest, reference: str) -> HttpResponse:
    modification = _visible(request, reference)
    form = forms.AuthorityDecisionForm(
        request.POST or None, user=request.user, initial={"decided_on": timezone.localdate()}
    )
    recorded = submit(
        request,
        form,
        lambda data: services.record_authority_decision(modification, by=request.user, **data),
        lambda made: (
            f"The Authority's decision is recorded: {made.get_outcome_display().lower()} on "
            f"{made.decided_on:%d %B %Y}; {modification.reference} is at “{made.modification.get_stage_display()}”."
        ),
    )
    if recorded:
        return redirect(recorded)
    return form_page(request, form, f"Record the Authority's decision on {modification.reference}", back=modification)


@secretariat_required
def authority_decision_correct(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification, decision = _decision(request, reference, pk)
    form = forms.AuthorityDecisionCorrectionForm.of(decision, request.POST or None)
    corrected = submit(
        request,
        form,
        lambda data: services.correct_authority_decision(
            decision, by=request.user, if_revision=form.started_from, **data
        ),
        lambda saved: f"The Authority's decision on {modification.reference} is corrected.",
    )
    if corrected:
        return redirect(corrected)
    return form_page(request, form, f"Correct the Authority's decision on {modification.reference}", back=modification)


@secretariat_required
def authority_decision_void(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    modification, decision = _decision(request, reference, pk)
    return confirm_void(
        request,
        decision,
        lambda data: services.void_authority_decision(decision, by=request.user, **data),
        title=f"Void the Authority's decision on {modification.reference}",
        consequence=(
            f"Void the Authority's decision of {decision.decided_on:%d %B %Y} ({decision.get_outcome_display()}) as "
            f"recorded by mistake: {modification.reference} goes back to “With the Authority”, and the decision "
            "stays in its history, marked void. Refused once the modification has moved on since the decision."
        ),
        done=f"The Authority's decision on {modification.reference} is void; it is with the Authority again.",
    )


def register_figures(request: HttpRequest) -> HttpResponse:
    """Time per stage, raised to implemented by path, and the DCC's turnaround, over what the reader may see."""
    form = forms.FiguresFilterForm(request.GET)
    found = None
    if form.is_valid():
        found = reports.figures_for(request.user, today=timezone.localdate(), **form.cleaned_data)
    else:
        for problem in filter_problems(form, explain=True):
            messages.error(request, problem)
    context = {
        "form": form,
        "tables": _by_figure(figure_rows(found) if found else []),
        "modifications": found.modifications if found else 0,
        "filters": {name: request.GET.get(name, "") for name in form.fields},
        "query_string": without_page(request.GET),
    }
    return render(request, "modifications/figures.html", context)


def _by_figure(rows: list) -> dict[str, list]:
    tables: dict[str, list] = {"stage": [], "path": [], "assessment": []}
    for row in rows:
        tables[row.figure].append(row)
    return tables


@require_POST
def category_follow(request: HttpRequest) -> HttpResponse:
    return _follow_category(request, follow=True)


@require_POST
def category_unfollow(request: HttpRequest) -> HttpResponse:
    return _follow_category(request, follow=False)


def _follow_category(request: HttpRequest, *, follow: bool) -> HttpResponse:
    """Follow, or stop following, every modification affecting the category the form names."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("modifications:register"))
    form = forms.CategoryFollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a party category to follow: " + " ".join(map(str, form.errors["category"])))
        return redirect("modifications:register")
    category = form.cleaned_data["category"]
    label = PartyCategory(category).label
    if follow:
        services.follow(request.user, category=category)
        address = request.user.email or "your address (none is set yet: add one on your account page)"
        messages.success(
            request,
            f"You follow every modification affecting {label}: an email goes to {address} each time the stage "
            "or timetable of one you may see changes.",
        )
    else:
        services.unfollow(request.user, category=category)
        messages.success(request, f"You no longer follow the modifications affecting {label}.")
    return redirect(f"{reverse('modifications:register')}?category={category}")


def following_section(request: HttpRequest) -> dict | None:
    """What the signed-in person follows, for their account page (``ModificationsConfig.account_section``)."""
    if not request.user.is_authenticated:
        return None
    follows = Follow.objects.filter(user=request.user)
    seen = Modification.objects.visible_to(request.user).in_force()
    modifications = seen.filter(pk__in=follows.exclude(modification=None).values("modification")).order_by("reference")
    return {
        "template": "modifications/_following.html",
        "modifications": list(modifications),
        "categories": _followed_categories(request),
    }
