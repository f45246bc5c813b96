"""Verbs of the constitution: add, correct, void and restore a body's terms of reference; set its
seats; appoint to a seat (the Membership follows); call an election, take nominations and declare
its result (the appointments and memberships follow); appoint a member's alternate for a meeting.

Each verb locks what it changes, checks its rule, refuses with a sentence naming the record and
the rule, and saves through ``save_with_history``; each runs in one transaction (``@verb``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Max, Q

from panelbook.actions.models import Decision
from panelbook.constitution import reports
from panelbook.constitution.models import (
    Alternate,
    AppointedAs,
    Appointment,
    Election,
    Nomination,
    Seat,
    SeatKind,
    TermRule,
    TermsOfReference,
)
from panelbook.core.models import User
from panelbook.core.services import ServiceError, apply_changes, save_with_history, stated_reason, verb
from panelbook.governance import services as governance
from panelbook.governance.models import Attendance, Body, Meeting, Membership, Paper, Person
from panelbook.registers.services import months_after

ONE_DAY = dt.timedelta(days=1)
CORRECTABLE_TERMS_FIELDS = ("text", "decision", "effective_from")
CORRECTABLE_SEAT_FIELDS = ("count", "label", "effective_from", "effective_to")
CHAIR_ROLES = (AppointedAs.CHAIR, AppointedAs.INTERIM_CHAIR)


def _decided_for(decision: Decision | None, body: Body, what: str) -> None:
    """A body's constitution is decided by the body itself or the body above it (the Panel)."""
    if decision is not None and decision.body_id not in (body.pk, body.parent_id):
        raise ServiceError({"decision": f"{what}: decided by {body} or the body above it, not by {decision.body}."})


# Terms of reference


def _rechain(body: Body) -> None:
    """Each version in force runs until the day before the next one starts; the latest is open."""
    versions = list(TermsOfReference.objects.in_force().filter(body=body).order_by("effective_from", "version"))
    for here, after in zip(versions, [*versions[1:], None], strict=False):
        ends = after.effective_from - ONE_DAY if after else None
        if here.effective_to != ends:
            here.effective_to = ends
            save_with_history(here, by=None, reason="Superseded" if ends else "In force")


@verb
def add_terms(
    *,
    by: User | None,
    body: Body,
    paper: Paper,
    effective_from: dt.date,
    text: str,
    decision: Decision | None = None,
) -> TermsOfReference:
    """A new version of ``body``'s terms of reference, held in ``paper``; the version before it
    ends the day before this one takes effect."""
    if paper.body_id not in (body.pk, body.parent_id):
        raise ServiceError({"paper": f"{paper.reference} is a paper of {paper.body}, not of {body} or the Panel."})
    _decided_for(decision, body, f"The terms of reference of {body}")
    latest = TermsOfReference.objects.in_force().filter(body=body).order_by("-effective_from").first()
    if latest and effective_from <= latest.effective_from:
        raise ServiceError(
            {"effective_from": f"{latest} takes effect on {latest.effective_from:%d/%m/%Y}; a new version "
             "must take effect after it."}
        )  # fmt: skip
    version = (TermsOfReference.objects.filter(body=body).aggregate(n=Max("version"))["n"] or 0) + 1
    terms = TermsOfReference(
        body=body, version=version, paper=paper, decision=decision, effective_from=effective_from, text=text
    )
    save_with_history(terms, by=by, reason="Approved" if decision else "Added")
    _rechain(body)
    return terms


def _locked_terms(terms: TermsOfReference) -> TermsOfReference:
    return TermsOfReference.objects.select_for_update().select_related("body").get(pk=terms.pk)


@verb
def correct_terms(terms: TermsOfReference, *, by: User | None, reason: str, **changes: Any) -> TermsOfReference:
    terms = _locked_terms(terms)
    why = stated_reason(reason)
    if "decision" in changes:
        _decided_for(changes["decision"], terms.body, str(terms))
    if not apply_changes(terms, changes, CORRECTABLE_TERMS_FIELDS):
        raise ServiceError(f"Nothing was changed in {terms}: correct at least one field.")
    clash = TermsOfReference.objects.in_force().filter(body=terms.body, effective_from=terms.effective_from)
    if clash.exclude(pk=terms.pk).exists():
        raise ServiceError({"effective_from": f"Another version of {terms.body}'s terms takes effect that day."})
    save_with_history(terms, by=by, reason=f"Corrected: {why}")
    _rechain(terms.body)
    return terms


@verb
def void_terms(terms: TermsOfReference, *, by: User | None, reason: str) -> TermsOfReference:
    terms = _locked_terms(terms)
    if terms.is_void:
        raise ServiceError(f"{terms} is already void.")
    terms.is_void, terms.void_reason, terms.effective_to = True, stated_reason(reason), None
    save_with_history(terms, by=by, reason=f"Voided: {terms.void_reason}")
    _rechain(terms.body)
    return terms


@verb
def restore_terms(terms: TermsOfReference, *, by: User | None, reason: str) -> TermsOfReference:
    terms = _locked_terms(terms)
    if not terms.is_void:
        raise ServiceError(f"{terms} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    terms.is_void, terms.void_reason = False, ""
    save_with_history(terms, by=by, reason=f"Restored: {why}")
    _rechain(terms.body)
    return terms


# Seats and term rules


@verb
def set_seats(
    *,
    by: User | None,
    body: Body,
    kind: str,
    count: int,
    effective_from: dt.date,
    party_category: str = "",
    label: str = "",
    effective_to: dt.date | None = None,
) -> Seat:
    """Seats of one kind (and party category) on ``body`` from a day."""
    if kind in (SeatKind.ELECTED, SeatKind.APPOINTED) and not party_category and not label:
        raise ServiceError({"party_category": f"Elected and appointed seats on {body} are for a party category."})
    if effective_to is not None and effective_to < effective_from:
        raise ServiceError({"effective_to": "The seats cannot end before they begin."})
    seat = Seat(
        body=body,
        kind=kind,
        party_category=party_category,
        count=count,
        label=label,
        effective_from=effective_from,
        effective_to=effective_to,
    )
    return save_with_history(seat, by=by, reason="Seats set")


def _locked_seat(seat: Seat) -> Seat:
    return Seat.objects.select_for_update().select_related("body").get(pk=seat.pk)


@verb
def correct_seat(seat: Seat, *, by: User | None, reason: str, **changes: Any) -> Seat:
    seat = _locked_seat(seat)
    why = stated_reason(reason)
    if not apply_changes(seat, changes, CORRECTABLE_SEAT_FIELDS):
        raise ServiceError(f"Nothing was changed in {seat}: correct at least one field.")
    if seat.effective_to is not None and seat.effective_to < seat.effective_from:
        raise ServiceError({"effective_to": f"{seat} cannot end before it begins."})
    return save_with_history(seat, by=by, reason=f"Corrected: {why}")


@verb
def void_seat(seat: Seat, *, by: User | None, reason: str) -> Seat:
    seat = _locked_seat(seat)
    if seat.is_void:
        raise ServiceError(f"{seat} is already void.")
    if seat.appointments.in_force().exists():
        raise ServiceError(f"{seat} has appointments; void those first, or end the seats with a date.")
    seat.is_void, seat.void_reason = True, stated_reason(reason)
    return save_with_history(seat, by=by, reason=f"Voided: {seat.void_reason}")


@verb
def restore_seat(seat: Seat, *, by: User | None, reason: str) -> Seat:
    seat = _locked_seat(seat)
    if not seat.is_void:
        raise ServiceError(f"{seat} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    seat.is_void, seat.void_reason = False, ""
    return save_with_history(seat, by=by, reason=f"Restored: {why}")


@verb
def set_term_rule(
    *,
    by: User | None,
    term_months: int,
    effective_from: dt.date,
    body: Body | None = None,
    role: str = "",
    note: str = "",
) -> TermRule:
    rule = TermRule(body=body, role=role, term_months=term_months, effective_from=effective_from, note=note)
    return save_with_history(rule, by=by, reason="Term rule set")


def term_rule_for(body: Body, role: str, on: dt.date) -> TermRule | None:
    """The rule in force on ``on``: the body's own before the general one, the role's before any role's."""
    rules = TermRule.objects.filter(Q(body=body) | Q(body__isnull=True), Q(role=role) | Q(role=""))
    rules = rules.filter(Q(effective_from__lte=on), Q(effective_to__isnull=True) | Q(effective_to__gte=on))
    ranked = sorted(rules, key=lambda r: (r.body_id is None, r.role == "", -r.effective_from.toordinal()))
    return ranked[0] if ranked else None


def term_end(rule: TermRule, starts_on: dt.date) -> dt.date:
    return months_after(starts_on, rule.term_months) - ONE_DAY


# Appointments


def membership_role(appointed_as: str) -> str:
    return Membership.Role.CHAIR if appointed_as in CHAIR_ROLES else Membership.Role.MEMBER


def _check_appointment(seat: Seat, person: Person, appointed_as: str, starts_on: dt.date, ends_on: dt.date) -> None:
    who = f"{person.name} to {seat}"
    if seat.is_void or seat.effective_from > starts_on or (seat.effective_to and seat.effective_to < starts_on):
        raise ServiceError({"seat": f"{seat} is not part of {seat.body}'s composition on {starts_on:%d/%m/%Y}."})
    if (appointed_as in CHAIR_ROLES) != (seat.kind == SeatKind.CHAIR):
        raise ServiceError(
            {"appointed_as": f"{who}: the Chair and interim Chair take the Chair's seat, and only they."}
        )
    category = person.organisation.party_category if person.organisation else ""
    if seat.party_category and seat.kind != SeatKind.CHAIR and category != seat.party_category:
        held = person.organisation.get_party_category_display() if person.organisation and category else "no category"
        raise ServiceError(
            {"person": f"{who}: the seat is for {seat.get_party_category_display()}, and "
             f"{person.organisation or 'their organisation'} is of {held}."}
        )  # fmt: skip
    if ends_on < starts_on:
        raise ServiceError({"ends_on": f"{who}: the appointment cannot end before it starts."})
    rule = term_rule_for(seat.body, membership_role(appointed_as), starts_on)
    if rule and ends_on > term_end(rule, starts_on):
        raise ServiceError(
            {"ends_on": f"{who}: the term rule of {seat.body} allows {rule.term_months} months, so the appointment "
             f"ends by {term_end(rule, starts_on):%d/%m/%Y}."}
        )  # fmt: skip
    _check_room(seat, who, starts_on, ends_on)


def _check_room(seat: Seat, who: str, starts_on: dt.date, ends_on: dt.date) -> None:
    """A place of ``seat`` is free throughout the term: on its first day and on every day within it
    on which another appointment or membership of the body begins."""
    later = Appointment.objects.in_force().filter(seat__body=seat.body, starts_on__gt=starts_on, starts_on__lte=ends_on)
    joining = Membership.objects.filter(body=seat.body, start_date__gt=starts_on, start_date__lte=ends_on)
    days = {starts_on, *later.values_list("starts_on", flat=True), *joining.values_list("start_date", flat=True)}
    for day in sorted(days):
        row = next((r for r in reports.composition(seat.body, day) if r.seat.pk == seat.pk), None)
        if row is not None and len(row.holders) >= seat.count:
            held_by = ", ".join(holder.person.name for holder in row.holders)
            raise ServiceError(
                {"seat": f"{who}: all {seat.count} of the seats are filled on {day:%d/%m/%Y} (by {held_by}); "
                 "the appointment can start once one falls vacant."}
            )  # fmt: skip


@verb
def appoint(
    *,
    by: User | None,
    seat: Seat,
    person: Person,
    starts_on: dt.date,
    appointed_as: str = AppointedAs.MEMBER,
    decision: Decision | None = None,
    ends_on: dt.date | None = None,
    election: Election | None = None,
) -> Appointment:
    """Appoint ``person`` to ``seat`` from ``starts_on`` for the term the rule allows (or to
    ``ends_on`` within it), and make the Membership of the body that follows."""
    seat = _locked_seat(seat)
    if decision is None and election is None:
        raise ServiceError({"decision": f"Name the decision that appointed {person.name} to {seat}."})
    _decided_for(decision, seat.body, f"An appointment to {seat.body}")
    if ends_on is None:
        rule = term_rule_for(seat.body, membership_role(appointed_as), starts_on)
        if rule is None:
            raise ServiceError({"ends_on": f"{seat.body} has no term rule; give the day the appointment ends."})
        ends_on = term_end(rule, starts_on)
    _check_appointment(seat, person, appointed_as, starts_on, ends_on)
    membership = Membership(
        body=seat.body,
        person=person,
        role=membership_role(appointed_as),
        represents=seat.party_category,
        start_date=starts_on,
        end_date=ends_on,
    )
    save_with_history(membership, by=by, reason=f"Appointed to {seat}"[:100])
    appointment = Appointment(
        seat=seat,
        person=person,
        appointed_as=appointed_as,
        decision=decision,
        election=election,
        starts_on=starts_on,
        ends_on=ends_on,
        membership=membership,
    )
    return save_with_history(appointment, by=by, reason="Elected" if election else "Appointed")


def _locked_appointment(appointment: Appointment) -> Appointment:
    rows = Appointment.objects.select_for_update(of=("self",)).select_related("seat__body", "person__organisation")
    return rows.get(pk=appointment.pk)


@verb
def correct_appointment(
    appointment: Appointment, *, by: User | None, reason: str, ends_on: dt.date | None = None, decision: Any = None
) -> Appointment:
    """Correct when an appointment ends (it ended early, or was mistyped) or which decision made it;
    the membership's end moves with it."""
    appointment = _locked_appointment(appointment)
    why = stated_reason(reason)
    if appointment.is_void:
        raise ServiceError(f"{appointment} is void; restore it before correcting it.")
    changes: dict[str, Any] = {}
    if ends_on is not None and ends_on != appointment.ends_on:
        if ends_on < appointment.starts_on:
            raise ServiceError({"ends_on": f"{appointment} cannot end before it starts."})
        rule = term_rule_for(appointment.seat.body, membership_role(appointment.appointed_as), appointment.starts_on)
        if rule and ends_on > term_end(rule, appointment.starts_on):
            raise ServiceError(
                {"ends_on": f"{appointment}: the term rule allows {rule.term_months} months, to "
                 f"{term_end(rule, appointment.starts_on):%d/%m/%Y}."}
            )  # fmt: skip
        changes["ends_on"] = ends_on
    if decision is not None and decision != appointment.decision:
        _decided_for(decision, appointment.seat.body, str(appointment))
        changes["decision"] = decision
    if not apply_changes(appointment, changes, ("ends_on", "decision")):
        raise ServiceError(f"Nothing was changed in {appointment}: correct at least one field.")
    save_with_history(appointment, by=by, reason=f"Corrected: {why}")
    if appointment.membership and "ends_on" in changes:
        appointment.membership.end_date = appointment.ends_on
        save_with_history(appointment.membership, by=by, reason=f"Appointment corrected: {why}"[:100])
    return appointment


@verb
def void_appointment(appointment: Appointment, *, by: User | None, reason: str) -> Appointment:
    """Void an appointment made by mistake: the membership it made is taken away (its history keeps it)."""
    appointment = _locked_appointment(appointment)
    if appointment.is_void:
        raise ServiceError(f"{appointment} is already void.")
    appointment.is_void, appointment.void_reason = True, stated_reason(reason)
    membership, appointment.membership = appointment.membership, None
    save_with_history(appointment, by=by, reason=f"Voided: {appointment.void_reason}")
    if membership is not None:
        membership._history_user = by if by and by.is_authenticated else None  # type: ignore[attr-defined]
        membership._change_reason = f"Appointment voided: {appointment.void_reason}"[:100]  # type: ignore[attr-defined]
        membership.delete()
    return appointment


@verb
def restore_appointment(appointment: Appointment, *, by: User | None, reason: str) -> Appointment:
    appointment = _locked_appointment(appointment)
    if not appointment.is_void:
        raise ServiceError(f"{appointment} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    _check_appointment(
        appointment.seat, appointment.person, appointment.appointed_as, appointment.starts_on, appointment.ends_on
    )
    membership = Membership(
        body=appointment.seat.body,
        person=appointment.person,
        role=membership_role(appointment.appointed_as),
        represents=appointment.seat.party_category,
        start_date=appointment.starts_on,
        end_date=appointment.ends_on,
    )
    save_with_history(membership, by=by, reason=f"Appointment restored: {why}"[:100])
    appointment.is_void, appointment.void_reason, appointment.membership = False, "", membership
    return save_with_history(appointment, by=by, reason=f"Restored: {why}")


# Elections


@verb
def call_election(
    *, by: User | None, seat: Seat, places: int, vacant_on: dt.date, nominations_close: dt.date
) -> Election:
    """Seats of ``seat`` falling vacant on ``vacant_on``, with nominations taken until ``nominations_close``."""
    if seat.kind != SeatKind.ELECTED:
        raise ServiceError({"seat": f"{seat} is not an elected seat; appoint to it instead."})
    if places > seat.count:
        raise ServiceError({"places": f"{seat} has {seat.count} seats; an election cannot fill {places}."})
    if nominations_close >= vacant_on:
        raise ServiceError({"nominations_close": "Nominations close before the seats fall vacant."})
    election = Election(seat=seat, places=places, vacant_on=vacant_on, nominations_close=nominations_close)
    return save_with_history(election, by=by, reason="Election called")


def _locked_election(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("seat__body").get(pk=election.pk)


@verb
def nominate(election: Election, *, by: User | None, person: Person, nominated_on: dt.date) -> Nomination:
    election = _locked_election(election)
    seat = election.seat
    if election.is_void or election.status != Election.Status.NOMINATING:
        raise ServiceError(f"{election} is not taking nominations.")
    if nominated_on > election.nominations_close:
        raise ServiceError(
            {"nominated_on": f"Nominations for {election} closed on {election.nominations_close:%d/%m/%Y}."}
        )
    category = person.organisation.party_category if person.organisation else ""
    if category != seat.party_category:
        raise ServiceError(
            {"person": f"{person.name} cannot stand in {election}: the seats are for "
             f"{seat.get_party_category_display()}, and {person.organisation or 'no organisation'} is not."}
        )  # fmt: skip
    if election.nominations.filter(person=person).exists():
        raise ServiceError({"person": f"{person.name} is already nominated in {election}."})
    nomination = Nomination(election=election, person=person, nominated_on=nominated_on)
    return save_with_history(nomination, by=by, reason="Nominated")


@verb
def withdraw_nomination(nomination: Nomination, *, by: User | None, reason: str) -> Nomination:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.election.status != Election.Status.NOMINATING:
        raise ServiceError(f"The result of {nomination.election} is declared; a nomination can no longer be withdrawn.")
    nomination.is_withdrawn = True
    return save_with_history(nomination, by=by, reason=f"Withdrawn: {stated_reason(reason)}")


def _elected(election: Election, standing: list[Nomination], votes: Mapping[int, int]) -> list[Nomination]:
    """The nominees with the most votes, one per seat; a tie for the last seat is refused."""
    for nomination in standing:
        nomination.votes = votes.get(nomination.person_id, 0)
    ranked = sorted(standing, key=lambda n: -(n.votes or 0))
    last, first_out = ranked[election.places - 1], ranked[election.places]
    if last.votes == first_out.votes:
        raise ServiceError(
            {"votes": f"{election}: {last.person.name} and {first_out.person.name} tie for the last seat; "
             "record the result of the tie-break as votes."}
        )  # fmt: skip
    return ranked[: election.places]


def _check_votes(election: Election, voters: Any, ballots: Any, votes: Mapping[int, int]) -> None:
    if not voters or ballots is None:
        raise ServiceError(
            {"voters": f"{election} is contested: give the parties entitled to vote and the votes cast."}
        )
    if ballots > voters:
        raise ServiceError(
            {"ballots": f"{election}: {ballots} votes cast is more than the {voters} parties entitled to vote."}
        )
    if any(count < 0 for count in votes.values()):
        raise ServiceError({"votes": f"{election}: a nominee's votes cannot be negative."})
    if sum(votes.values()) > ballots * election.places:
        raise ServiceError(
            {"votes": f"{election}: the nominees' {sum(votes.values())} votes are more than {ballots} parties "
             f"could cast for {election.places} seat(s)."}
        )  # fmt: skip


@verb
def declare_result(
    election: Election,
    *,
    by: User | None,
    declared_on: dt.date,
    voters: int | None = None,
    ballots: int | None = None,
    votes: Mapping[int, int] | None = None,
) -> Election:
    """Declare who is elected: every nominee when they do not exceed the seats, else those the parties
    of the category voted for (``votes``: each nominee's person id to their votes). Each elected
    nominee is appointed from the day the seats fall vacant, and becomes a member then."""
    election = _locked_election(election)
    if election.is_void or election.status != Election.Status.NOMINATING:
        raise ServiceError(f"The result of {election} is already declared.")
    if declared_on < election.nominations_close:
        raise ServiceError(
            {"declared_on": f"Nominations for {election} are open until {election.nominations_close:%d/%m/%Y}."}
        )
    standing = list(election.nominations.filter(is_withdrawn=False).select_related("person__organisation"))
    if not standing:
        raise ServiceError(f"{election} has no nominations; the seats stay vacant until it is called again.")
    if len(standing) > election.places:
        votes = votes or {}
        _check_votes(election, voters, ballots, votes)
        elected = _elected(election, standing, votes)
        election.voters, election.ballots = voters, ballots
    else:
        elected = standing
    for nomination in standing:
        nomination.is_elected = nomination in elected
        save_with_history(nomination, by=by, reason="Elected" if nomination.is_elected else "Not elected")
    election.status, election.declared_on = Election.Status.DECLARED, declared_on
    save_with_history(election, by=by, reason="Result declared")
    for nomination in elected:
        appoint(by=by, seat=election.seat, person=nomination.person, starts_on=election.vacant_on, election=election)
    return election


@verb
def void_election(election: Election, *, by: User | None, reason: str) -> Election:
    election = _locked_election(election)
    if election.is_void:
        raise ServiceError(f"{election} is already void.")
    if election.appointments.in_force().exists():
        raise ServiceError(f"{election} has elected members; void their appointments first.")
    election.is_void, election.void_reason = True, stated_reason(reason)
    return save_with_history(election, by=by, reason=f"Voided: {election.void_reason}")


@verb
def restore_election(election: Election, *, by: User | None, reason: str) -> Election:
    election = _locked_election(election)
    if not election.is_void:
        raise ServiceError(f"{election} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    election.is_void, election.void_reason = False, ""
    return save_with_history(election, by=by, reason=f"Restored: {why}")


# Alternates


@verb
def appoint_alternate(*, by: User | None, meeting: Meeting, member: Person, alternate: Person) -> Alternate:
    """``member`` sends ``alternate`` to ``meeting`` in their place: the alternate's attendance names
    the member (``Attendance.alternate_for``) and the member's is recorded as apologies."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError({"meeting": f"{meeting} is cancelled; there is no one to send."})
    seat = (
        member.memberships.current(on=meeting.date)
        .filter(body=meeting.body, role__in=[Membership.Role.MEMBER, Membership.Role.CHAIR])
        .first()
    )
    if seat is None:
        raise ServiceError({"member": f"{member.name} is not a member of {meeting.body} on {meeting.date:%d/%m/%Y}."})
    if alternate == member:
        raise ServiceError({"alternate": "A member cannot be their own alternate."})
    if Alternate.objects.filter(meeting=meeting, member=member, is_void=False).exists():
        raise ServiceError({"member": f"{member.name} already has an alternate for {meeting}; void that one first."})
    made = save_with_history(Alternate(meeting=meeting, member=member, alternate=alternate), by=by, reason="Appointed")
    governance.record_attendance(meeting, member, by=by, status=Attendance.Status.APOLOGIES)
    governance.record_attendance(
        meeting, alternate, by=by, status=Attendance.Status.PRESENT, represents=seat.represents, alternate_for=member
    )
    return made


@verb
def void_alternate(alternate: Alternate, *, by: User | None, reason: str) -> Alternate:
    """Void an alternate named by mistake; the meeting's attendance stays as recorded, to correct there."""
    alternate = Alternate.objects.select_for_update().get(pk=alternate.pk)
    if alternate.is_void:
        raise ServiceError(f"{alternate} is already void.")
    alternate.is_void, alternate.void_reason = True, stated_reason(reason)
    return save_with_history(alternate, by=by, reason=f"Voided: {alternate.void_reason}")


@verb
def restore_alternate(alternate: Alternate, *, by: User | None, reason: str) -> Alternate:
    alternate = Alternate.objects.select_for_update().get(pk=alternate.pk)
    if not alternate.is_void:
        raise ServiceError(f"{alternate} is not void; there is nothing to restore.")
    if Alternate.objects.filter(meeting=alternate.meeting, member=alternate.member, is_void=False).exists():
        raise ServiceError(
            f"{alternate.member.name} has another alternate for {alternate.meeting}; void that one first."
        )
    why = stated_reason(reason)
    alternate.is_void, alternate.void_reason = False, ""
    return save_with_history(alternate, by=by, reason=f"Restored: {why}")
