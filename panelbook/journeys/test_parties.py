"""The secretariat admits an organisation as a SEC Party, finds it in the SEC Party update linked
from the Panel meeting's page, corrects its category, and voids it when the admission was entered
for the wrong organisation. By pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

from panelbook.assurance.models import Party


def test_the_secretariat_admits_a_party_sees_it_in_the_update_and_voids_it(world, visit, way, make_meeting):
    meeting = make_meeting(days_ahead=10)
    day = world.today.strftime("%d/%m/%Y")
    journey = visit(world.users.secretariat, **way)
    journey.go("/parties/")
    journey.follow("Admit a SEC Party")
    journey.choose("Organisation", "Northwind Energy Ltd")
    journey.choose("Party Category", "Small Supplier Parties")
    journey.fill_date("Accession date", day)
    journey.fill_date("Countersigned by SECCo", day)
    journey.press("Admit")
    assert "Northwind Energy Ltd is a SEC Party." in journey.main_text()

    journey.go(meeting.get_absolute_url())
    journey.follow("SEC Party update")
    admitted = journey.main_text()
    assert "Northwind Energy Ltd (Small Supplier Parties)" in admitted

    journey.follow("Northwind Energy Ltd")
    journey.follow("Correct")
    journey.choose("Party Category", "Large Supplier Parties")
    journey.fill("Why is it corrected?", "Supplies more than 250,000 domestic customers")
    journey.press("Save")
    assert Party.objects.get().category == "LARGE_SUPPLIER"

    journey.follow("Void")
    journey.fill("Why", "Entered for the wrong organisation")
    journey.press("Void")
    journey.go(f"/meetings/{meeting.pk}/party-update/")
    assert "Northwind Energy Ltd" not in journey.main_text()
    assert Party.objects.get().is_void
