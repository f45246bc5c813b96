"""CSV and XLSX exports of the meetings and papers lists, through ``core.exports``.

Each takes its list's filters (the page's and GET /api/meetings|papers's names) and lists only
the records ``visible_to(request.user)``; a paper's meeting and agenda item are its parents, so
a paper the caller may see names only a meeting they may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from panelbook.core.exports import Sheet, export
from panelbook.governance.forms import MeetingFilterForm, PaperFilterForm
from panelbook.governance.models import Meeting, Paper


def _time(moment: Any) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


MEETINGS = Sheet(
    "meetings",
    [
        ("Body", "body"),
        ("Number", "number"),
        ("Meeting", "title"),
        ("Date", "date"),
        ("Starts", lambda meeting: _time(meeting.starts_at)),
        ("Ends", lambda meeting: _time(meeting.ends_at)),
        ("Where", "where"),
        ("Status", Meeting.get_status_display),
        ("Cancelled because", "cancellation_reason"),
        ("Classification", "classification"),
    ],
)
PAPERS = Sheet(
    "papers",
    [
        ("Reference", "reference"),
        ("Title", "title"),
        ("Body", "body"),
        ("Meeting", "meeting"),
        ("Agenda item", lambda paper: paper.agenda_item.number if paper.agenda_item else None),
        ("Purpose", Paper.get_purpose_display),
        ("Author", "author"),
        ("Date", "paper_date"),
        ("Status", Paper.get_status_display),
        ("Classification", "classification"),
    ],
)


def _meetings_seen_by(user: Any) -> QuerySet:
    return Meeting.objects.visible_to(user).select_related("body").order_by("-starts_at")


def _papers_seen_by(user: Any) -> QuerySet:
    papers = Paper.objects.visible_to(user).select_related("body", "meeting__body", "agenda_item")
    return papers.order_by("-paper_date", "reference")


def meetings_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The meetings list as the caller may see it, newest first, filtered like GET /api/meetings."""
    return export(request, fmt, MEETINGS, form=MeetingFilterForm, rows=_meetings_seen_by)


def papers_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The papers list as the caller may see it, newest first, filtered like GET /api/papers."""
    return export(request, fmt, PAPERS, form=PaperFilterForm, rows=_papers_seen_by)
