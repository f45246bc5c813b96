"""A member of the public searches from any page, narrows by kind, and follows a hit; what is not
WHITE is never on the results page, not even in a count."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.core.classification import Classification
from panelbook.governance import services

AMBER_CANARY = "CANARY-amber-walrus-7d2f"


def test_the_public_searches_from_any_page_and_follows_a_hit(world, make_meeting, visit, way):
    meeting = make_meeting(number=150, days_ahead=-10, by=None)
    item = services.add_agenda_item(meeting, by=None, title="Walrus tariff review")
    services.create_paper(
        by=None, agenda_item=item, reference="SECP_150_01", title="Walrus tariff options",
        paper_date=world.today,
        upload=SimpleUploadedFile("options.txt", b"Cover.\fThe walrus option saves most on page two."),
    )  # fmt: skip
    services.create_paper(
        by=None, agenda_item=item, reference="SECP_150_AMBER", title=f"{AMBER_CANARY} walrus",
        paper_date=world.today, classification=Classification.AMBER,
    )  # fmt: skip
    journey = visit(**way)

    journey.go("/meetings/")
    journey.search_site("walrus")
    results = journey.main_text()
    assert AMBER_CANARY not in results and "SECP_150_AMBER" not in results
    assert "Walrus tariff options" in results and "page 2" in results
    journey.follow("Papers")
    assert "1 result." in journey.main_text()
    journey.follow("SECP_150_01 Walrus tariff options")
    assert journey.heading() == "Walrus tariff options"
