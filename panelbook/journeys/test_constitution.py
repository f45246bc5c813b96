"""The secretariat runs a contested election for a Panel seat: it calls the election from the
Panel's constitution, records two nominations, declares the result with the votes of the parties
of the category; the public reads the result and turnout (not the votes) and the new member on the
Panel's page. By pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

import datetime as dt

from panelbook.constitution.models import Election
from panelbook.constitution.tests.helpers import person, small_supplier_seats
from panelbook.governance.models import Membership


def test_the_secretariat_runs_a_contested_election_into_a_membership(world, visit, way):
    small_supplier_seats(world.panel, count=2)
    person("Ada Quill")
    person("Ben Marsh")

    def day(offset: int) -> str:
        return (world.today + dt.timedelta(days=offset)).strftime("%d/%m/%Y")

    journey = visit(world.users.secretariat, **way)
    journey.go("/bodies/panel/constitution/")
    journey.follow("Call an election")
    journey.choose("Seat", "Small Supplier Parties (elected, 2) on Panel")
    journey.fill("Seats to fill", "1")
    journey.fill_date("Vacant on", day(20))
    journey.fill_date("Nominations close", day(-10))
    journey.press("Save")
    assert "called; record the nominations as they come" in journey.main_text()

    for name in ("Ada Quill", "Ben Marsh"):
        journey.follow("Record a nomination")
        journey.choose("Person", f"{name} (Small_Supplier Ltd)")
        journey.fill_date("Nominated on", day(-20))
        journey.press("Save")

    journey.follow("Declare the result")
    journey.fill_date("Declared on", day(0))
    journey.fill("Parties entitled to vote", "8")
    journey.fill("Votes cast", "9")
    journey.fill("Votes for Ada Quill", "2")
    journey.fill("Votes for Ben Marsh", "5")
    journey.press("Declare the result and appoint those elected")
    assert "more than the 8 parties entitled to vote" in journey.main_text()
    journey.fill("Votes cast", "7")
    journey.press("Declare the result and appoint those elected")
    assert "Result declared" in journey.main_text()
    assert Membership.objects.get(person__name="Ben Marsh").start_date == world.today + dt.timedelta(days=20)

    reader = visit(None, **way)
    reader.go(Election.objects.get().get_absolute_url())
    published = reader.main_text()
    assert "88% (7 of 8 parties)" in published and "Ben Marsh (Small_Supplier Ltd): elected" in published
    assert "5 votes" not in published
