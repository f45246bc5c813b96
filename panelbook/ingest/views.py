"""The review queue: ingested files and the records proposed from them (secretariat only)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.safestring import SafeString

from panelbook.core.access import (
    SignedInRequest,
    after_upload,
    form_page,
    get_visible_or_404,
    secretariat_required,
    submit,
)
from panelbook.core.models import User
from panelbook.ingest import batch, forms, kinds, services
from panelbook.ingest.matching import WITHHELD, WITHHELD_MATCH, comparable
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.pipeline import Processed, process_document
from panelbook.ingest.readers import read_bytes
from panelbook.ingest.reconcile import withheld
from panelbook.performance import stability_checks

BIG_FIELDS = ("payload", "diff", "file__text", "file__page_starts", "file__extraction")
DOCUMENT_FIELDS = ("reference", "title", "kind", "date", "classification", "purpose", "author", "body", "meeting")


@secretariat_required
def queue(request: SignedInRequest) -> HttpResponse:
    form = forms.QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    if not form.is_valid():
        messages.error(request, "Some filters are not valid and were ignored.")
    status = filters.get("status") or Proposal.Status.PROPOSED
    proposals = _filtered(Proposal.objects.visible_to(request.user), status, filters.get("file"))
    counts = {
        row["record_type"]: row["n"] for row in proposals.values("record_type").annotate(n=Count("pk")).order_by()
    }
    if filters.get("type"):
        proposals = proposals.filter(record_type=filters["type"])
    page = Paginator(proposals.select_related("file").defer(*BIG_FIELDS), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": as_seen(list(page.object_list), request.user),
        "counts": [(value, label, counts.get(value, 0)) for value, label in RecordType.choices],
        "status": status,
        "filters": filters,
        "statuses": [*Proposal.Status.choices, ("all", "All")],
        "types": RecordType.choices,
    }
    return render(request, "ingest/queue.html", context)


def _filtered(proposals: QuerySet, status: str, file: int | None) -> QuerySet:
    if status != "all":
        proposals = proposals.filter(status=status)
    return proposals.filter(file_id=file) if file else proposals


@secretariat_required
def file_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    stored = get_visible_or_404(request, IngestedFile, "body", "ingested_by", pk=pk)
    files = IngestedFile.objects.visible_to(request.user).defer("text", "page_starts", "extraction")
    document = stored.document
    context = {
        "file": stored,
        "document": [(name, _shown(document.get(name))) for name in DOCUMENT_FIELDS],
        "appendices": document.get("appendices") or [],
        "supersedes": files.filter(pk=stored.supersedes_id).first() if stored.supersedes_id else None,
        "superseded_by": files.filter(supersedes=stored),
        "rows": as_seen(
            list(Proposal.objects.visible_to(request.user).filter(file=stored).defer("payload", "diff")), request.user
        ),
        "stated": stability_checks.checked_in_papers(request.user, in_file=stored),
    }
    return render(request, "ingest/file_detail.html", context)


@secretariat_required
def proposal_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = get_visible_or_404(request, Proposal, "file__body", "decided_by", pk=pk)
    [(_, seen)] = as_seen([proposal], request.user)
    kind = kinds.proposed_as(proposal.record_type)
    changes = "" if seen.hidden else services.changes_to_confirm(proposal, kind)
    posted = request.POST if request.method == "POST" else None
    do = request.POST.get("do") if posted else None
    accept_form = forms.AcceptForm(posted if do == "accept" else None, changes=changes)
    edit_form = forms.ProposalEditForm(
        posted if do == "edit" else None, payload=proposal.payload, schema=kind.payload, changes=changes, prefix="edit"
    )
    reject_form = forms.RejectForm(posted if do == "reject" else None, prefix="reject")

    def accept(data: dict, payload: dict | None = None) -> Proposal:
        confirmed = bool(data.get(forms.CONFIRM))
        return services.accept_proposal(proposal, by=request.user, payload=payload, confirmed=confirmed)

    verbs: dict[str, tuple[django_forms.BaseForm, Callable[[dict], Proposal]]] = {
        "accept": (accept_form, accept),
        "edit": (edit_form, lambda data: accept(data, edit_form.payload())),
        "reject": (reject_form, lambda data: services.reject_proposal(proposal, by=request.user, **data)),
    }
    if do in verbs:
        form, verb = verbs[do]
        decided = submit(
            request, form, verb, lambda done: f"Proposal #{done.pk}: {done.outcome}.", short_of=_nothing_made
        )
        if decided is not None:
            return _next_in_queue(request, decided)
    context = {
        "proposal": proposal,
        "seen": seen,
        "fields": [(forms.label_of(name), _shown(value)) for name, value in _fields(proposal.payload)],
        "diff": [(forms.label_of(name), seen.old(old), _shown(new)) for name, (old, new) in proposal.diff.items()],
        "source": marked_source(proposal.file, proposal.start, proposal.end, proposal.page),
        "accept_form": accept_form,
        "reject_form": reject_form,
        **_edit_context(edit_form, proposal.payload),
    }
    return render(request, "ingest/proposal_detail.html", context)


def _nothing_made(proposal: Proposal) -> bool:
    """Accepted, yet no record was made or changed (a paper whose agenda item is not in panelbook)."""
    return proposal.status == Proposal.Status.ACCEPTED and not proposal.outcome_url


def _edit_context(form: forms.ProposalEditForm, payload: dict[str, Any]) -> dict[str, Any]:
    """The edit form's single values, its lists of records as tables of fields, and any other list
    with the table showing it."""
    singles = [name for name in payload if name in form.fields and name not in form.list_names]
    return {
        "edit_form": form,
        "edit_fields": [form[name] for name in singles]
        + ([form[forms.CONFIRM]] if forms.CONFIRM in form.fields else []),
        "edit_tables": [
            (forms.label_of(name), [forms.label_of(key) for key in keys], form.table_lines(name))
            for name, (keys, _) in form.tables.items()
        ],
        "edit_lists": [(form[name], _rows(payload.get(name))) for name in form.list_names],
    }


@dataclass(frozen=True)
class Seen:
    """What one reader is shown of a proposal's match and outcome, which may name records they may not see."""

    target: str
    target_url: str
    warnings: list[str]
    outcome: str
    outcome_url: str
    hidden: bool = False

    def old(self, value: Any) -> str | SafeString | Rows:
        return WITHHELD if self.hidden else _shown(value)


def as_seen(proposals: list[Proposal], user: Any) -> list[tuple[Proposal, Seen]]:
    """Each proposal with what ``user`` may be shown of it: the stored match and outcome were written
    for whoever planned or decided it, so they are re-checked through the gate for every reader."""
    hidden = withheld(proposals, user)
    return [(proposal, _seen(proposal, proposal.pk in hidden)) for proposal in proposals]


def _seen(proposal: Proposal, hidden: bool) -> Seen:
    if not hidden:
        return Seen(proposal.target, proposal.target_url, proposal.warnings, proposal.outcome, proposal.outcome_url)
    outcome = f"{proposal.get_status_display()}: {WITHHELD_MATCH}" if proposal.outcome else ""
    return Seen(WITHHELD_MATCH if proposal.target else "", "", [WITHHELD_MATCH], outcome, "", hidden=True)


def _next_in_queue(request: HttpRequest, decided: Proposal) -> HttpResponse:
    """The next proposal waiting after the one just decided, wrapping round; else the queue."""
    waiting = Proposal.objects.visible_to(request.user).filter(status=Proposal.Status.PROPOSED).order_by("pk")
    following = waiting.filter(pk__gt=decided.pk).first() or waiting.first()
    return redirect(following) if following else redirect("ingest:queue")


def marked_source(stored: IngestedFile, start: int | None, end: int | None, page: int | None) -> dict[str, Any]:
    """The page(s) a record came from, escaped, with its span inside ``<mark>``."""
    normal = stored.normal
    text = normal.text
    if start is None or end is None:
        first, last = normal.page_span(page or 1)
        return {"pages": (page or 1, page or 1), "html": format_html("{}", text[first:last]), "marked": False}
    start = min(max(start, 0), len(text))
    end = min(max(end, start), len(text))
    first_page, last_page = normal.page_of(start), normal.page_of(max(end - 1, start))
    shown_from, shown_to = normal.page_span(first_page)[0], normal.page_span(last_page)[1]
    html = format_html("{}<mark>{}</mark>{}", text[shown_from:start], text[start:end], text[end:shown_to])
    return {"pages": (first_page, last_page), "html": html, "marked": True}


def _fields(payload: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(name, value) for name, value in payload.items() if name != "source"]


@dataclass(frozen=True)
class Rows:
    """A list of records shown as a table: one row per record, one column per field."""

    headers: list[str]
    rows: list[list[str]]


def _rows(value: Any) -> Rows | None:
    """A list of records as a table; None for anything else (shown as text)."""
    if not isinstance(value, list) or not value or not all(isinstance(each, dict) for each in value):
        return None
    names = [name for name in dict.fromkeys(name for each in value for name in each) if name != "source"]
    cells = [[_plain(each.get(name)) for name in names] for each in value]
    return Rows([forms.label_of(name) for name in names], cells)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (list, dict)):
        return json.dumps(comparable(value), ensure_ascii=False)
    return str(value)


def _shown(value: Any) -> str | SafeString | Rows:
    rows = _rows(value)
    if rows is not None:
        return rows
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, (list, dict)):
        return json.dumps(comparable(value), indent=2, ensure_ascii=False)
    return str(value)


@secretariat_required
def upload(request: SignedInRequest) -> HttpResponse:
    """Papers uploaded from the browser go through the same steps as ``panelbook ingest``: each
    file is read, reconciled and stored with its proposals, or named with why it was refused."""
    form = forms.UploadForm(request.POST, request.FILES) if request.method == "POST" else forms.UploadForm()
    if request.method == "POST" and form.is_valid():
        for upload, failure, outcome in ingest_uploads(form.cleaned_data["papers"], request.user):
            if failure:
                messages.error(request, f"{upload.name} was not read: {failure}.")
            else:
                messages.success(request, f"{upload.name}: {outcome}.")
        return after_upload(request, "ingest:queue")
    return form_page(request, form, "Upload papers to the review queue", button="Upload and read", progress=True)


def ingest_uploads(uploads: list[UploadedFile], by: User) -> list[tuple[UploadedFile, str | None, str]]:
    """Ingest each uploaded file (``batch.ingest_one``: a file that fails is named and the others go on)."""
    done = []
    for upload in uploads:
        report = batch.BatchReport()
        data = upload.read()

        def process(_: Path, name: str = upload.name or "upload", data: bytes = data) -> Processed:
            return process_document(read_bytes(name, data, max_bytes=settings.INGEST_MAX_BYTES))

        failure = batch.ingest_one(Path(upload.name or "upload"), report, by=by, commit=False, process=process)
        done.append((upload, failure, summary(report)))
    return done


def summary(report: batch.BatchReport) -> str:
    if report.unchanged:
        return "already read, with the same content; nothing new was proposed"
    proposed = ", ".join(f"{n} {kind}" for kind, n in sorted(report.proposed.items()))
    warnings = f" ({report.warnings} to check)" if report.warnings else ""
    return f"proposed {proposed or 'nothing new'}{warnings}"
