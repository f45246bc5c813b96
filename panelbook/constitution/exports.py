"""CSV and XLSX of the terms of reference (through the gate), the appointments and the elections."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from panelbook.constitution.forms import BodyFilterForm
from panelbook.constitution.models import Appointment, Election, TermsOfReference
from panelbook.core.exports import Sheet, export

TERMS = Sheet(
    "terms-of-reference",
    [
        ("Body", "body.short_name"),
        ("Version", "version"),
        ("Paper", "paper.reference"),
        ("Classification", "paper.classification"),
        ("Effective from", "effective_from"),
        ("Effective to", "effective_to"),
        ("Text", "text"),
    ],
)
APPOINTMENTS = Sheet(
    "appointments",
    [
        ("Body", "seat.body.short_name"),
        ("Seat", "seat.name"),
        ("Person", "person.name"),
        ("Organisation", lambda a: str(a.person.organisation or "")),
        ("As", lambda a: a.get_appointed_as_display()),
        ("Starts", "starts_on"),
        ("Ends", "ends_on"),
        ("Elected", lambda a: "Yes" if a.election_id else "No"),
    ],
)
ELECTIONS = Sheet(
    "elections",
    [
        ("Body", "seat.body.short_name"),
        ("Party category", lambda e: e.seat.get_party_category_display()),
        ("Seats to fill", "places"),
        ("Vacant on", "vacant_on"),
        ("Nominations close", "nominations_close"),
        ("Status", lambda e: e.get_status_display()),
        ("Contested", lambda e: "Yes" if e.ballots is not None else "No"),
        ("Turnout", "turnout"),
        ("Elected", lambda e: ", ".join(n.person.name for n in e.nominations.all() if n.is_elected)),
    ],
)


def terms_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return export(
        request,
        fmt,
        TERMS,
        form=BodyFilterForm,
        rows=lambda user: TermsOfReference.objects.visible_to(user).in_force().select_related("body", "paper"),
    )


def appointments_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return export(
        request,
        fmt,
        APPOINTMENTS,
        form=BodyFilterForm,
        rows=lambda user: Appointment.objects.in_force().select_related("seat__body", "person__organisation"),
    )


def elections_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return export(
        request,
        fmt,
        ELECTIONS,
        form=BodyFilterForm,
        rows=lambda user: (
            Election.objects.in_force().select_related("seat__body").prefetch_related("nominations__person")
        ),
    )
