"""Generated papers: "Minutes and Actions Outstanding" as a page, and papers as Word and PDF files.

Each view loads its meeting or minutes through ``visible_to`` (404 when hidden) and builds the
report for the person asking, so a paper holds only what that reader may see.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from panelbook.actions.models import Minutes
from panelbook.actions.reports import actions_tables, minutes_report
from panelbook.core.access import get_visible_or_404
from panelbook.core.classification import Classification
from panelbook.governance.models import Meeting
from panelbook.modifications.reports import change_status_report, timetables_report
from panelbook.papers.document import Paper, actions_paper, change_status_paper, minutes_paper, timetables_paper
from panelbook.papers.render import FILE_FORMATS


def actions_outstanding(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    paper = actions_paper(actions_tables(meeting, request.user))
    response = render(request, "papers/actions_outstanding.html", {"meeting": meeting, "paper": paper})
    patch_cache_control(response, private=True, no_store=True)
    return response


def actions_outstanding_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    return _download(actions_paper(actions_tables(meeting, request.user)), fmt)


def minutes_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    minutes = get_visible_or_404(request, Minutes, "meeting__body", "approval__meeting__body", pk=pk)
    return _download(minutes_paper(minutes_report(minutes, request.user)), fmt)


def _level(request: HttpRequest) -> str:
    """The classification the reader asks the paper at (``?level=``, WHITE unless said)."""
    level = request.GET.get("level", Classification.WHITE)
    if level not in Classification.values:
        raise Http404(f"There is no classification {level!r}: use WHITE, GREEN, AMBER or RED.")
    return level


def _change_status_paper(request: HttpRequest) -> Paper:
    """The Change Status Report as the reader may read it, at the level asked for and as at today."""
    report = change_status_report(request.user, as_of=timezone.localdate(), classification=_level(request))
    return change_status_paper(report)


def _timetables_paper(request: HttpRequest) -> Paper:
    """The Modification Timetables paper as the reader may read it, at the level asked for and as at today."""
    report = timetables_report(request.user, as_of=timezone.localdate(), classification=_level(request))
    return timetables_paper(report)


def _register_paper_page(request: HttpRequest, paper: Paper, downloads: str) -> HttpResponse:
    context = {
        "paper": paper,
        "levels": Classification.choices,
        "query": request.GET.urlencode(),
        "downloads": downloads,
    }
    response = render(request, "papers/register_paper.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


def change_status(request: HttpRequest) -> HttpResponse:
    return _register_paper_page(request, _change_status_paper(request), "papers:change_status")


def change_status_file(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(_change_status_paper(request), fmt)


def timetables(request: HttpRequest) -> HttpResponse:
    return _register_paper_page(request, _timetables_paper(request), "papers:timetables")


def timetables_file(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(_timetables_paper(request), fmt)


def _download(paper: Paper, fmt: str) -> HttpResponse:
    file_format = FILE_FORMATS[fmt]
    response = HttpResponse(file_format.render(paper), content_type=file_format.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=paper.filename(fmt))
    response["Content-Disposition"] = disposition or "attachment"
    patch_cache_control(response, private=True, no_store=True)
    return response
