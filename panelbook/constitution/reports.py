"""What the constitution's pages, API and exports read: a comparison of two versions of terms of
reference, a body's composition on a day with who holds each seat, and the vacancies and terms
ending in a window (for the body page and the forward planner)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from panelbook.constitution.models import AppointedAs, Appointment, Election, Seat, SeatKind, TermsOfReference
from panelbook.governance.models import Body, Membership, Person
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


@dataclass(frozen=True)
class Holder:
    """Someone holding a seat on a day: by an appointment panelbook recorded, or by a membership of
    the body (loaded or entered before its seat was) whose role and party category fit the seat."""

    person: Person
    ends_on: dt.date | None
    appointment: Appointment | None = None

    @property
    def is_interim(self) -> bool:
        return self.appointment is not None and self.appointment.appointed_as == AppointedAs.INTERIM_CHAIR


@dataclass
class SeatRow:
    seat: Seat
    holders: list[Holder] = field(default_factory=list)

    @property
    def vacant(self) -> int:
        return max(self.seat.count - len(self.holders), 0)

    @property
    def over(self) -> int:
        """Holders beyond the seat's count (memberships that no seat of the composition has room for)."""
        return max(len(self.holders) - self.seat.count, 0)


def _fits(seat: Seat, membership: Membership) -> bool:
    if seat.kind == SeatKind.CHAIR:
        return membership.role == Membership.Role.CHAIR
    return (
        membership.role == Membership.Role.MEMBER
        and bool(seat.party_category)
        and (membership.represents == seat.party_category)
    )


def composition(body: Body, on: dt.date) -> list[SeatRow]:
    """The body's seats on ``on``, each with who holds it that day: the appointments to it, then the
    body's other chair and member memberships, each in the first seat of its kind with room (or,
    when every fitting seat is full, the first, which then shows the excess)."""
    rows = [SeatRow(seat) for seat in Seat.objects.in_force(on).filter(body=body)]
    by_seat = {row.seat.pk: row for row in rows}
    holding = Appointment.objects.holding(on).filter(seat__body=body).select_related("person__organisation")
    for appointment in holding:
        if appointment.seat_id in by_seat:
            by_seat[appointment.seat_id].holders.append(Holder(appointment.person, appointment.ends_on, appointment))
    unseated = Membership.objects.current(on).filter(body=body, appointment__isnull=True).select_related("person")
    for membership in unseated.order_by("start_date", "person__name"):
        fitting = [row for row in rows if _fits(row.seat, membership)]
        if fitting:
            row = next((r for r in fitting if r.vacant), fitting[0])
            row.holders.append(Holder(membership.person, membership.end_date))
    return rows


@dataclass(frozen=True)
class Ending:
    person: Person
    seat: str
    ends_on: dt.date
    appointment: Appointment | None = None


def terms_ending(body: Body, after: dt.date, until: dt.date) -> list[Ending]:
    """Terms on ``body``'s seats ending after ``after`` and by ``until``: its appointments', and those
    of its chair and member memberships that no appointment made."""
    rows = Appointment.objects.in_force().filter(seat__body=body, ends_on__gt=after, ends_on__lte=until)
    endings = [Ending(a.person, a.seat.name, a.ends_on, a) for a in rows.select_related("person", "seat")]
    memberships = Membership.objects.filter(body=body, appointment__isnull=True, end_date__gt=after)
    seats = list(Seat.objects.in_force().filter(body=body))
    for membership in memberships.filter(end_date__lte=until).select_related("person"):
        ends_on = membership.end_date or until  # never None here: the filter asks for an end
        seat = next((s for s in seats if _fits(s, membership) and _in_force(s, ends_on)), None)
        if seat is not None:
            endings.append(Ending(membership.person, seat.name, ends_on))
    return sorted(endings, key=lambda e: (e.ends_on, e.person.name))


def _in_force(seat: Seat, on: dt.date) -> bool:
    return seat.effective_from <= on and (seat.effective_to is None or seat.effective_to >= on)


def elections_due(body: Body, after: dt.date, until: dt.date) -> list[Election]:
    rows = Election.objects.in_force().filter(seat__body=body, status=Election.Status.NOMINATING)
    rows = rows.filter(nominations_close__gt=after, nominations_close__lte=until)
    return list(rows.select_related("seat__body"))


def look_ahead(on: dt.date) -> dt.date:
    return months_after(on, LOOK_AHEAD_MONTHS)
