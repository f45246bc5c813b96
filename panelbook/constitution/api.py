"""The constitution API: the terms of reference through ``visible_to(caller)`` (each follows its
paper), the comparison of two versions, the seats with who holds them, the appointments and the
elections (published; an election's vote breakdown is not)."""

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from panelbook.constitution import reports
from panelbook.constitution.models import Appointment, Election, TermsOfReference
from panelbook.core.api import ClassificationValue, Input, PathId, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.governance.models import Body

router = Router(auth=read_auth)
TAGS = ["Constitution"]


class BodyFilters(Input):
    body: str | None = Field(None, max_length=30, description="Only this body's (its code).")


class TermsOut(Schema):
    id: int
    body: str = Field(alias="body.code")
    version: int
    paper: str = Field(alias="paper.reference")
    classification: ClassificationValue = Field(alias="paper.classification")
    effective_from: dt.date
    effective_to: dt.date | None
    text: str


@list_endpoint(
    router,
    "/constitution/terms",
    TermsOut,
    tags=TAGS,
    summary="List terms of reference",
    filters=BodyFilters,
    order=("body", "-version"),
)
def list_terms(user) -> QuerySet:
    """Every version of every body's terms of reference the caller may see."""
    return TermsOfReference.objects.visible_to(user).in_force().select_related("body", "paper")


@read_endpoint(
    router, "/constitution/terms/{terms_id}", TermsOut, tags=TAGS, summary="One version of terms of reference"
)
def get_terms(request, terms_id: PathId):
    rows = TermsOfReference.objects.visible_to(request.auth).in_force().select_related("body", "paper")
    return get_object_or_404(rows, pk=terms_id)


class LineOut(Schema):
    change: str
    line: str


class ComparisonOut(Schema):
    older: int
    newer: int
    lines: list[LineOut]


@read_endpoint(
    router,
    "/constitution/terms/{older_id}/compare/{newer_id}",
    ComparisonOut,
    tags=TAGS,
    summary="Compare two versions",
)
def compare_terms(request, older_id: PathId, newer_id: PathId):
    rows = TermsOfReference.objects.visible_to(request.auth).in_force()
    older, newer = get_object_or_404(rows, pk=older_id), get_object_or_404(rows, pk=newer_id)
    lines = [{"change": change, "line": line} for change, line in reports.comparison(older, newer)]
    return {"older": older.pk, "newer": newer.pk, "lines": lines}


class AppointmentOut(Schema):
    id: int
    body: str = Field(alias="seat.body.code")
    seat: str = Field(alias="seat.name")
    party_category: str = Field(alias="seat.party_category")
    person: str = Field(alias="person.name")
    appointed_as: str
    starts_on: dt.date
    ends_on: dt.date
    elected: bool = Field(alias="is_elected")


@list_endpoint(
    router,
    "/constitution/appointments",
    AppointmentOut,
    tags=TAGS,
    summary="List appointments",
    filters=BodyFilters,
    order=("-starts_on", "pk"),
)
def list_appointments(user) -> QuerySet:
    return Appointment.objects.in_force().select_related("seat__body", "person")


class ElectionOut(Schema):
    id: int
    body: str = Field(alias="seat.body.code")
    party_category: str = Field(alias="seat.party_category")
    places: int
    vacant_on: dt.date
    nominations_close: dt.date
    status: str
    turnout: str
    elected: list[str] = Field(alias="elected_names")


@list_endpoint(
    router,
    "/constitution/elections",
    ElectionOut,
    tags=TAGS,
    summary="List elections",
    filters=BodyFilters,
    order=("-vacant_on", "pk"),
)
def list_elections(user) -> QuerySet:
    return Election.objects.in_force().select_related("seat__body").prefetch_related("nominations__person")


class SeatHolderOut(Schema):
    seat: str
    kind: str
    party_category: str
    seats: int
    vacant: int
    held_by: list[str]


class CompositionOut(Schema):
    body: str
    on: dt.date
    seats: list[SeatHolderOut]


@read_endpoint(
    router, "/bodies/{code}/composition", CompositionOut, tags=TAGS, summary="A body's seats and who holds them"
)
def get_composition(request, code: str):
    body = get_object_or_404(Body, code=code)
    today = timezone.localdate()
    seats = [
        {
            "seat": row.seat.name,
            "kind": row.seat.kind,
            "party_category": row.seat.party_category,
            "seats": row.seat.count,
            "vacant": row.vacant,
            "held_by": [a.person.name for a in row.holders],
        }
        for row in reports.composition(body, today)
    ]
    return {"body": body.code, "on": today, "seats": seats}
