"""Generated papers: "Minutes and Actions Outstanding" as a page, and papers as Word and PDF files.

Each view loads its meeting or minutes through ``visible_to`` (404 when hidden) and builds the
report for the person asking, so a paper holds only what that reader may see.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from panelbook.actions.models import Minutes
from panelbook.actions.reports import actions_tables, minutes_report
from panelbook.budget import reports as budget_reports
from panelbook.budget.models import Budget, regulatory_year
from panelbook.core.access import get_visible_or_404
from panelbook.core.classification import Classification
from panelbook.governance.models import Body, Meeting
from panelbook.modifications.reports import change_status_report, timetables_report
from panelbook.papers.document import (
    Paper,
    actions_paper,
    budget_paper,
    change_status_paper,
    forward_plan_paper,
    minutes_paper,
    service_paper,
    timetables_paper,
)
from panelbook.papers.models import IssuedPaper
from panelbook.papers.render import FILE_FORMATS
from panelbook.performance.reports import latest_month, service_section
from panelbook.registers.planner import forward_plan


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


def _register_paper_page(request: HttpRequest, paper: Paper, downloads: str, **about: Any) -> HttpResponse:
    """A paper written from a register, with its classification choice and downloads; ``about``
    says where it came from (``back_url``, ``back_label``, what it ``holds``) and, for a monthly
    paper, its ``month``."""
    context = {
        "paper": paper,
        "levels": Classification.choices,
        "query": request.GET.urlencode(),
        "downloads": downloads,
        "back_url": reverse("modifications:register"),
        "back_label": "Modifications register",
        "holds": "modifications",
        **about,
    }
    response = render(request, "papers/register_paper.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


def change_status(request: HttpRequest) -> HttpResponse:
    return _register_paper_page(
        request, _change_status_paper(request), "papers:change_status", **_issuing("change-status", request)
    )


def _issuing(kind: str, request: HttpRequest, **query: str) -> dict[str, str]:
    """What the page's "Issue this paper" link needs: the paper's kind and the query that builds it."""
    asked = request.GET.copy()
    asked.update(query)
    return {"issue_kind": kind, "issue_query": asked.urlencode()}


def change_status_file(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(_change_status_paper(request), fmt)


def timetables(request: HttpRequest) -> HttpResponse:
    return _register_paper_page(
        request, _timetables_paper(request), "papers:timetables", **_issuing("timetables", request)
    )


def timetables_file(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(_timetables_paper(request), fmt)


def _download(paper: Paper, fmt: str) -> HttpResponse:
    file_format = FILE_FORMATS[fmt]
    response = HttpResponse(file_format.render(paper), content_type=file_format.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=paper.filename(fmt))
    response["Content-Disposition"] = disposition or "attachment"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _service_month(request: HttpRequest) -> dt.date | None:
    """The month the reader asks for (``?month=2026-03``), else the latest with results they may see."""
    asked = request.GET.get("month")
    if asked:
        try:
            return dt.date.fromisoformat(f"{asked}-01")
        except ValueError:
            raise Http404(f"{asked!r} is not a month: write it as 2026-03.") from None
    return latest_month(request.user)


def _service_paper(request: HttpRequest) -> Paper:
    month = _service_month(request)
    if month is None:
        raise Http404("No performance results are recorded yet.")
    return service_paper(service_section(request.user, month, _level(request)))


def service_performance(request: HttpRequest) -> HttpResponse:
    paper = _service_paper(request)
    return _register_paper_page(
        request,
        paper,
        "papers:service_performance",
        back_url=reverse("performance:glance"),
        back_label="DCC performance",
        holds="results",
        month=_service_month(request),
        **_issuing("service", request),
    )


def service_performance_file(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(_service_paper(request), fmt)


def _forward_plan_paper(request: HttpRequest, code: str) -> Paper:
    """A body's forward plan as the reader may read it, at the level asked for and as at today."""
    body = get_object_or_404(Body, code=code)
    return forward_plan_paper(forward_plan(body, request.user, classification=_level(request)))


def forward_plan_page(request: HttpRequest, code: str) -> HttpResponse:
    paper = _forward_plan_paper(request, code)
    return _register_paper_page(
        request,
        paper,
        "papers:forward_plan",
        back_url=reverse("registers:body_plan", args=[code]),
        back_label="Forward plan",
        holds="items",
        code=code,
        **_issuing("forward-plan", request, body=code),
    )


def forward_plan_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    return _download(_forward_plan_paper(request, code), fmt)


def _budget_paper(request: HttpRequest, pk: int) -> Paper:
    """A budget as the reader may read it, at the level asked for: the approved version and the
    spend of the Regulatory Year asked for (``?year=``, else this one)."""
    budget = get_object_or_404(Budget.objects.select_related("body"), pk=pk, is_void=False)
    level = _level(request)
    levels = Classification.up_to(level)
    today = timezone.localdate()
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in budget.years else regulatory_year(today)
    year = year if year in budget.years else budget.first_year
    table = budget_reports.spend_against(budget, year, request.user, levels)
    amounts = budget_reports.amounts(table.approved) if table.approved else None
    chart = budget_reports.chart(budget, table)
    return budget_paper(budget, amounts, table, chart, classification=level, as_of=today)


def budget_page(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _budget_paper(request, pk)
    return _register_paper_page(
        request,
        paper,
        "papers:budget",
        back_url=reverse("budget:budget", args=[pk]),
        back_label="Budget",
        holds="amounts",
        pk=pk,
    )


def budget_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _download(_budget_paper(request, pk), fmt)


def issued_word(request: HttpRequest, pk: int) -> FileResponse:
    """The Word file of an issued paper, as it was issued, to whoever may see the paper it was issued as."""
    issued = get_visible_or_404(request, IssuedPaper, "pdf", pk=pk)
    name = issued.pdf.original_name.removesuffix(".pdf") + ".docx"
    response = FileResponse(issued.word.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = FILE_FORMATS["docx"].content_type
    patch_cache_control(response, private=True, no_store=True)
    return response
