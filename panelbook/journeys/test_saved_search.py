"""A Panel member searches, saves the search, finds it in their list and opens its feed; the feed
holds what the member may see and never an AMBER paper of a body they do not sit on."""

from __future__ import annotations

from panelbook.core.classification import Classification
from panelbook.governance import services

OTHER_BODY_CANARY = "CANARY-tabasc-amber-walrus-3b8e"


def test_a_member_saves_a_search_and_opens_its_feed(world, visit, way):
    services.create_paper(by=None, body=world.panel, reference="SECP_W1", title="Walrus tariff options",
                          paper_date=world.today)  # fmt: skip
    services.create_paper(by=None, body=world.panel, reference="SECP_W2", title="Walrus Panel briefing",
                          paper_date=world.today, classification=Classification.AMBER)  # fmt: skip
    services.create_paper(by=None, body=world.tabasc, reference="TABASC_W3", title=f"{OTHER_BODY_CANARY} note",
                          paper_date=world.today, classification=Classification.AMBER)  # fmt: skip
    journey = visit(world.users.member, **way)

    journey.go("/")
    journey.search_site("walrus")
    assert "2 results." in journey.main_text()
    journey.follow("Save this search")
    assert journey.heading() == "Save this search"
    journey.fill("Name", "Walrus papers")
    journey.choose("E-mail me new results", "Weekly")
    journey.press("Save the search")

    assert journey.heading() == "Your saved searches"
    listed = journey.main_text()
    assert "Your search “Walrus papers” is saved" in listed and "“walrus”" in listed and "Weekly" in listed
    feed = journey.fetch_link("Feed of “Walrus papers”")
    assert "Walrus tariff options" in feed and "Walrus Panel briefing (AMBER)" in feed
    assert OTHER_BODY_CANARY not in feed
    journey.follow("Run “Walrus papers”")
    assert "2 results." in journey.main_text()
