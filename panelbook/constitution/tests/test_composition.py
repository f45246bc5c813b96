import datetime as dt

import pytest

from panelbook.constitution import reports, services
from panelbook.constitution.tests.helpers import YEAR_AGO, decision, person, small_supplier_seats
from panelbook.core.services import ServiceError
from panelbook.governance.models import Membership


def appoint(seat, who, starts_on=YEAR_AGO, **extra):
    return services.appoint(by=None, seat=seat, person=who, starts_on=starts_on, decision=decision(seat.body), **extra)


def test_an_appointment_makes_the_membership_for_the_term_the_rule_allows(world):
    seat = small_supplier_seats(world.panel)
    appointment = appoint(seat, person("Ada"))
    membership = Membership.objects.get(pk=appointment.membership_id)
    assert (membership.start_date, membership.end_date) == (YEAR_AGO, dt.date(2027, 3, 31))
    assert membership.represents == "SMALL_SUPPLIER"


def test_an_appointment_to_a_filled_seat_is_refused_naming_who_holds_it(world):
    seat = small_supplier_seats(world.panel, count=1)
    appoint(seat, person("Ada"))
    with pytest.raises(ServiceError, match="filled on 01/05/2025 \\(by Ada\\)"):
        appoint(seat, person("Ben"), starts_on=YEAR_AGO + dt.timedelta(days=30))
    assert Membership.objects.filter(person__name="Ben").count() == 0


def member_without_appointment(body, who, start, end, represents="SMALL_SUPPLIER"):
    return Membership.objects.create(
        body=body, person=who, role=Membership.Role.MEMBER, represents=represents, start_date=start, end_date=end
    )


def test_a_membership_no_appointment_made_holds_a_seat_of_its_party_category(world):
    seat = small_supplier_seats(world.panel, count=2)
    member_without_appointment(world.panel, person("Dora"), dt.date(2024, 11, 1), dt.date(2026, 10, 31))
    member_without_appointment(world.panel, person("Gus", "GAS_NETWORK"), dt.date(2024, 11, 1), None, "GAS_NETWORK")
    (row,) = reports.composition(world.panel, dt.date(2025, 6, 1))
    assert (row.seat, [h.person.name for h in row.holders], row.vacant) == (seat, ["Dora"], 1)
    (row,) = reports.composition(world.panel, dt.date(2026, 11, 1))
    assert (row.holders, row.vacant) == ([], 2)


def test_a_seat_a_membership_fills_is_refused_to_an_appointment_then(world):
    seat = small_supplier_seats(world.panel, count=1)
    member_without_appointment(world.panel, person("Dora"), dt.date(2025, 10, 1), dt.date(2027, 9, 30))
    with pytest.raises(ServiceError, match="filled on 01/10/2025 \\(by Dora\\)"):
        appoint(seat, person("Ben"))
    assert not Membership.objects.filter(person__name="Ben").exists()


def test_holders_one_after_another_leave_room_for_an_appointment_beside_each(world):
    seat = small_supplier_seats(world.panel, count=2)
    member_without_appointment(world.panel, person("Dora"), dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    member_without_appointment(world.panel, person("Eve"), dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert appoint(seat, person("Ben")).ends_on == dt.date(2027, 3, 31)
    with pytest.raises(ServiceError, match="filled on 01/03/2026 \\(by Ben, Eve\\)"):
        appoint(seat, person("Cy"), starts_on=dt.date(2026, 3, 1))
    assert appoint(seat, person("Cy"), starts_on=dt.date(2027, 4, 1)).person.name == "Cy"


def test_a_membership_ending_soon_is_a_term_ending(world):
    seat = small_supplier_seats(world.panel)
    member_without_appointment(world.panel, person("Dora"), dt.date(2024, 11, 1), dt.date(2026, 10, 31))
    (ending,) = reports.terms_ending(world.panel, dt.date(2026, 9, 1), dt.date(2026, 12, 1))
    assert (ending.person.name, ending.seat, ending.ends_on, ending.appointment) == (
        "Dora",
        seat.name,
        dt.date(2026, 10, 31),
        None,
    )


def test_an_appointment_beyond_the_term_rule_is_refused(world):
    seat = small_supplier_seats(world.panel)
    with pytest.raises(ServiceError, match="allows 24 months"):
        appoint(seat, person("Ada"), ends_on=dt.date(2027, 6, 1))


def test_a_person_of_the_wrong_party_category_is_refused(world):
    seat = small_supplier_seats(world.panel)
    with pytest.raises(ServiceError, match="the seat is for Small Supplier Parties"):
        appoint(seat, person("Gus", category="GAS_NETWORK"))


def test_the_term_rule_is_reference_data_the_body_may_override(world):
    seat = small_supplier_seats(world.panel)
    services.set_term_rule(by=None, body=world.panel, term_months=12, effective_from=dt.date(2025, 1, 1))
    assert appoint(seat, person("Ada")).ends_on == dt.date(2026, 3, 31)


def test_only_the_chair_takes_the_chairs_seat(world):
    small_supplier_seats(world.panel)
    chair = services.set_seats(by=None, body=world.panel, kind="CHAIR", count=1, effective_from=dt.date(2020, 1, 1))
    with pytest.raises(ServiceError, match="Chair"):
        appoint(chair, person("Ada"))
    interim = appoint(chair, person("Ada"), appointed_as="INTERIM_CHAIR")
    assert interim.membership.role == Membership.Role.CHAIR


def test_voiding_an_appointment_takes_its_membership_away_and_restoring_brings_it_back(world):
    seat = small_supplier_seats(world.panel)
    appointment = appoint(seat, person("Ada"))
    services.void_appointment(appointment, by=None, reason="Made twice")
    assert not Membership.objects.filter(person__name="Ada").exists()
    services.restore_appointment(appointment, by=None, reason="It was not a duplicate")
    assert Membership.objects.get(person__name="Ada").end_date == appointment.ends_on


def test_correcting_the_end_moves_the_membership_end(world):
    seat = small_supplier_seats(world.panel)
    appointment = appoint(seat, person("Ada"))
    services.correct_appointment(appointment, by=None, reason="Stood down", ends_on=dt.date(2025, 12, 31))
    assert Membership.objects.get(person__name="Ada").end_date == dt.date(2025, 12, 31)
