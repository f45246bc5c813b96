import datetime as dt

import pytest

from panelbook.conftest import client_for
from panelbook.constitution import services
from panelbook.constitution.tests.helpers import decision, person, small_supplier_seats, terms_paper
from panelbook.governance.models import Attendance, Person
from panelbook.registers import planner


@pytest.fixture
def seated(world):
    """A Panel seat held by Ada, whose term ends in two months, and the Panel's terms in force."""
    seat = small_supplier_seats(world.panel, count=2)
    starts = world.today - dt.timedelta(days=300)
    services.appoint(
        by=None, seat=seat, person=person("Ada Lovelace"), starts_on=starts, decision=decision(world.panel, starts),
        ends_on=world.today + dt.timedelta(days=60),
    )  # fmt: skip
    services.add_terms(
        by=None, body=world.panel, paper=terms_paper(world.panel, "SECP_TOR"), effective_from=dt.date(2024, 1, 1),
        text="The Panel meets monthly.",
    )  # fmt: skip
    return seat


def test_the_body_page_reads_as_its_constitution(world, seated):
    page = client_for(world, "public").get("/bodies/panel/").content.decode()
    assert "Terms of reference" in page and "version 1" in page
    assert "Ada Lovelace" in page and "1 seat vacant today" in page


def test_a_term_ending_reaches_the_forward_plan(world, seated, make_meeting):
    make_meeting(days_ahead=20)
    plan = planner.forward_plan(world.panel, world.users.public)
    texts = [item.text for meeting in plan.meetings for item in meeting.items if item.kind == "Term ending"]
    assert any("Ada Lovelace" in text for text in texts)


def test_an_alternate_is_shown_in_the_attendance_naming_the_member(world, make_meeting):
    meeting = make_meeting(days_ahead=5)
    member = Person.objects.get(name="Member")
    stand_in = person("Bea Stand-In")
    services.appoint_alternate(by=None, meeting=meeting, member=member, alternate=stand_in)
    assert Attendance.objects.get(meeting=meeting, person=stand_in).alternate_for == member
    assert Attendance.objects.get(meeting=meeting, person=member).status == Attendance.Status.APOLOGIES
    page = client_for(world, "public").get(meeting.get_absolute_url()).content.decode()
    assert "Bea Stand-In attends for Member" in page


def test_someone_not_a_member_cannot_appoint_an_alternate(world, make_meeting):
    meeting = make_meeting(days_ahead=5)
    response = client_for(world, "secretariat").post(
        f"/meetings/{meeting.pk}/alternates/new/",
        {"member": person("Not Seated").pk, "alternate": person("Someone").pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_an_appointment_refused_on_the_page_names_the_rule_and_stores_nothing(world, seated):
    gas = person("Gus Pipe", "GAS_NETWORK")
    response = client_for(world, "secretariat").post(
        "/bodies/panel/constitution/appointments/new/",
        {"seat": seated.pk, "person": gas.pk, "appointed_as": "MEMBER",
         "decision": decision(world.panel).pk, "starts_on": world.today.isoformat()},
    )  # fmt: skip
    assert "the seat is for Small Supplier Parties" in response.content.decode()
    assert not gas.memberships.exists()


def test_the_vote_breakdown_is_shown_only_to_the_secretariat(world):
    seat = small_supplier_seats(world.panel)
    election = services.call_election(
        by=None, seat=seat, places=1, vacant_on=dt.date(2026, 9, 1), nominations_close=dt.date(2026, 8, 1)
    )
    ada, ben = (
        services.nominate(election, by=None, person=person(n), nominated_on=dt.date(2026, 7, 1)) for n in ("Ada", "Ben")
    )
    services.declare_result(
        election,
        by=None,
        declared_on=dt.date(2026, 8, 5),
        voters=9,
        ballots=7,
        votes={ada.person_id: 3, ben.person_id: 4},
    )
    public = client_for(world, "public").get(election.get_absolute_url()).content.decode()
    secretariat = client_for(world, "secretariat").get(election.get_absolute_url()).content.decode()
    assert "78% (7 of 9 parties)" in public and "4 votes" not in public
    assert "4 votes" in secretariat


def test_two_versions_are_compared_on_a_page(world):
    older = services.add_terms(
        by=None,
        body=world.tabasc,
        paper=terms_paper(world.tabasc, "T1"),
        effective_from=dt.date(2024, 1, 1),
        text="A\nB",
    )
    newer = services.add_terms(
        by=None,
        body=world.tabasc,
        paper=terms_paper(world.tabasc, "T2"),
        effective_from=dt.date(2025, 1, 1),
        text="A\nC",
    )
    page = client_for(world, "public").get(f"/constitution/terms/compare/?older={older.pk}&newer={newer.pk}")
    assert "Removed: B" in page.content.decode() and "Added: C" in page.content.decode()


def test_the_secretariat_corrects_voids_and_restores_a_version_from_its_pages(world):
    terms = services.add_terms(
        by=None, body=world.tabasc, paper=terms_paper(world.tabasc, "T1"), effective_from=dt.date(2024, 1, 1), text="A"
    )
    client = client_for(world, "secretariat")
    client.post(
        f"/constitution/terms/{terms.pk}/correct/",
        {"effective_from": "2024-01-01", "text": "A corrected", "reason": "Typed from the draft"},
    )
    client.post(f"/constitution/terms/{terms.pk}/void/", {"reason": "Added to the wrong body"})
    terms.refresh_from_db()
    assert (terms.text, terms.is_void) == ("A corrected", True)
    assert client_for(world, "public").get(terms.get_absolute_url()).status_code == 404
    client.post(f"/constitution/terms/{terms.pk}/restore/", {"reason": "It was the right body"})
    terms.refresh_from_db()
    assert not terms.is_void and terms.history.first().history_change_reason == "Restored: It was the right body"


def test_a_party_user_cannot_reach_the_secretariats_forms(world):
    response = client_for(world, "party").get("/bodies/panel/constitution/seats/new/")
    assert response.status_code == 403


def test_a_vacancy_and_an_election_closing_reach_the_forward_plan(world, seated, make_meeting):
    make_meeting(days_ahead=20)
    services.call_election(
        by=None, seat=seated, places=1, vacant_on=world.today + dt.timedelta(days=60),
        nominations_close=world.today + dt.timedelta(days=10),
    )  # fmt: skip
    plan = planner.forward_plan(world.panel, world.users.public)
    kinds = {item.kind for meeting in plan.meetings[:1] for item in meeting.items}
    assert {"Vacancy", "Election", "Term ending"} <= kinds
