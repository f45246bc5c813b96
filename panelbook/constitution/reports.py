"""What the constitution's pages, API and exports read: a comparison of two versions of terms of
reference, a body's composition on a day with who holds each seat, and the vacancies and terms
ending in a window (for the body page and the forward planner)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from panelbook.constitution.models import Appointment, Election, Seat, TermsOfReference
from panelbook.governance.models import Body
from panelbook.registers.services import months_after

LOOK_AHEAD_MONTHS = 3


def comparison(older: TermsOfReference, newer: TermsOfReference) -> list[tuple[str, str]]:
    """The two versions' text line by line: ("same" | "removed" | "added", line)."""
    marks = {" ": "same", "-": "removed", "+": "added"}
    lines = difflib.ndiff(older.text.splitlines(), newer.text.splitlines())
    return [(marks[line[0]], line[2:]) for line in lines if line[0] in marks]


def terms_in_force(rows: Any, on: dt.date) -> TermsOfReference | None:
    """Of ``rows`` (a body's versions the reader may see), the one in force on ``on``."""
    for terms in rows:
        if (
            not terms.is_void
            and terms.effective_from <= on
            and (terms.effective_to is None or terms.effective_to >= on)
        ):
            return terms
    return None


@dataclass
class SeatRow:
    seat: Seat
    holders: list[Appointment] = field(default_factory=list)

    @property
    def vacant(self) -> int:
        return max(self.seat.count - len(self.holders), 0)


def composition(body: Body, on: dt.date) -> list[SeatRow]:
    """The body's seats on ``on``, each with the appointments holding it that day."""
    seats = Seat.objects.in_force(on).filter(body=body)
    holding = Appointment.objects.holding(on).filter(seat__body=body).select_related("person__organisation")
    rows = {seat.pk: SeatRow(seat) for seat in seats}
    for appointment in holding:
        if appointment.seat_id in rows:
            rows[appointment.seat_id].holders.append(appointment)
    return list(rows.values())


def terms_ending(body: Body, after: dt.date, until: dt.date) -> list[Appointment]:
    """Appointments to ``body`` whose term ends after ``after`` and by ``until``."""
    rows = Appointment.objects.in_force().filter(seat__body=body, ends_on__gt=after, ends_on__lte=until)
    return list(rows.select_related("person", "seat").order_by("ends_on", "person__name"))


def elections_due(body: Body, after: dt.date, until: dt.date) -> list[Election]:
    rows = Election.objects.in_force().filter(seat__body=body, status=Election.Status.NOMINATING)
    rows = rows.filter(nominations_close__gt=after, nominations_close__lte=until)
    return list(rows.select_related("seat__body"))


def look_ahead(on: dt.date) -> dt.date:
    return months_after(on, LOOK_AHEAD_MONTHS)
