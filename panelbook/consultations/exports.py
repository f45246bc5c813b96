"""CSV and XLSX export of the consultations, through the gate and filtered as the list is."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from panelbook.consultations.forms import ConsultationFilterForm
from panelbook.consultations.models import Consultation
from panelbook.core.exports import Sheet, export


def _day(value: Any) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


CONSULTATIONS = Sheet(
    "consultations",
    [
        ("Issuer", lambda c: c.get_issuer_display()),
        ("Issued by", "issuer_name"),
        ("Subject", "subject"),
        ("Reference", "reference"),
        ("Opened", lambda c: _day(c.opened_on)),
        ("Closing date", lambda c: _day(c.closes_on)),
        ("Extended to", lambda c: _day(c.extended_to)),
        ("Extension reason", "extension_reason"),
        ("Answered by", "body.name"),
        ("Bodies asked", lambda c: "; ".join(b.short_name for b in c.bodies_asked.all())),
        ("Status", lambda c: c.get_status_display()),
        ("Sent on", lambda c: _day(c.sent_on)),
        ("Classification", "classification"),
    ],
)


def consultations_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The consultations the requester may see, in force, filtered as the list is. The response
    papers are not named here: each has its own gate and is read on the consultation's page."""
    return export(
        request,
        fmt,
        CONSULTATIONS,
        form=ConsultationFilterForm,
        rows=lambda user: (
            Consultation.objects.visible_to(user).in_force().select_related("body").prefetch_related("bodies_asked")
        ),
    )
