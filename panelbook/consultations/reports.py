"""What the consultations' pages, API, exports, planner and body page read, through the gate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone

from panelbook.consultations.models import Consultation, Status
from panelbook.core.classification import visible_rows
from panelbook.governance.models import Body, Paper

FORWARD_LOOK_DAYS = 90


def seen(model: type[models.Model], pk: int | None, reader: Any) -> Any:
    """The record ``pk`` of ``model`` if ``reader`` may see it, else None (a hidden draft is not named)."""
    if pk is None:
        return None
    return visible_rows(model, reader).filter(pk=pk).first()


def answered(reader: Any) -> Any:
    """The consultations answered that ``reader`` may see, newest first, each with
    ``visible_response``: its sent response where the reader may see it."""
    rows = list(Consultation.objects.visible_to(reader).answered().select_related("body").order_by("-sent_on", "-pk"))
    responses = visible_rows(Paper, reader).in_bulk([c.sent_response_id for c in rows if c.sent_response_id])
    for consultation in rows:
        consultation.visible_response = responses.get(consultation.sent_response_id)
    return rows


def open_consultations(reader: Any) -> Any:
    return (
        Consultation.objects.visible_to(reader)
        .in_force()
        .filter(status__in=[Status.OPEN, Status.RESPONDING])
        .select_related("body")
    )


def closing_soon(reader: Any, *, today: dt.date | None = None, days: int = FORWARD_LOOK_DAYS) -> list[Consultation]:
    """The unanswered consultations closing from today to ``days`` ahead (and those past their
    closing date not yet answered), soonest first: the secretariat's forward look."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=days)
    rows = [c for c in open_consultations(reader).prefetch_related("bodies_asked") if c.closing_date <= until]
    return sorted(rows, key=lambda c: (c.closing_date, c.pk))


def asked_of(body: Body, reader: Any, *, finished_shown: int = 10) -> dict[str, list[Consultation]]:
    """What ``body`` has been asked to answer or give input on: those still open, soonest closing
    first, and the latest ``finished_shown`` that are finished."""
    rows = list(
        Consultation.objects.visible_to(reader)
        .in_force()
        .filter(models.Q(body=body) | models.Q(bodies_asked=body))
        .distinct()
        .select_related("body")
    )
    still_open = sorted((c for c in rows if not c.is_finished), key=lambda c: c.closing_date)
    finished = sorted((c for c in rows if c.is_finished), key=lambda c: c.closing_date, reverse=True)
    return {"open": still_open, "finished": finished[:finished_shown]}


def closing_between(
    body: Body, reader: Any, levels: list[str], *, since: dt.date, until: dt.date
) -> list[Consultation]:
    """Unanswered consultations asking ``body`` (or answered by it) that close after ``since`` and
    by ``until``, at the given ``levels``."""
    rows = (
        open_consultations(reader)
        .filter(classification__in=levels)
        .filter(models.Q(body=body) | models.Q(bodies_asked=body))
        .distinct()
    )
    return sorted((c for c in rows if since < c.closing_date <= until), key=lambda c: c.closing_date)
