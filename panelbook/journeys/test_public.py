"""The public finds a Panel meeting, opens and downloads a WHITE paper and subscribes to the calendar."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.core.classification import Classification
from panelbook.governance import services

AMBER_CANARY = "CANARY-amber-paper-5c1e"


def test_the_public_finds_a_panel_meeting_and_downloads_its_white_paper(world, make_meeting, visit, way):
    meeting = make_meeting(number=142, days_ahead=-20, by=None)
    item = services.add_agenda_item(meeting, by=None, title="Smart meter rollout update")
    services.create_paper(
        by=None,
        agenda_item=item,
        reference="SECP_142_0106_01",
        title="Rollout progress report",
        paper_date=world.today,
        upload=SimpleUploadedFile("rollout.txt", b"Installations rose in the quarter."),
    )
    services.create_paper(
        by=None,
        agenda_item=item,
        reference="SECP_142_AMBER",
        title=AMBER_CANARY,
        paper_date=world.today,
        classification=Classification.AMBER,
        upload=SimpleUploadedFile("amber.txt", b"amber"),
    )
    journey = visit(**way)

    journey.go("/")
    journey.follow_nav("Meetings")
    journey.choose("Body", "SEC Panel")
    journey.press("Show")
    journey.follow("SEC Panel meeting 142")
    assert AMBER_CANARY not in journey.main_text()
    journey.follow("SECP_142_0106_01")
    assert journey.heading() == "Rollout progress report"
    download = journey.download("rollout.txt")
    assert download.path().read_bytes() == b"Installations rose in the quarter."

    journey.follow("SEC Panel meeting 142")
    journey.follow("SEC Panel", exact=True)
    feed = journey.fetch_link("Subscribe to Panel meetings (iCalendar)")
    assert "BEGIN:VCALENDAR" in feed and "SEC Panel meeting 142" in feed


def test_the_public_follows_the_front_page_to_a_white_paper_and_its_feed(world, make_meeting, visit, way):
    meeting = make_meeting(number=150, days_ahead=-5, by=None)
    item = services.add_agenda_item(meeting, by=None, title="Operations report")
    services.create_paper(
        by=None,
        agenda_item=item,
        reference="SECP_150_0112_02",
        title="Operations report for the month",
        paper_date=world.today,
    )
    services.create_paper(
        by=None,
        agenda_item=item,
        reference="SECP_150_AMBER",
        title=AMBER_CANARY,
        paper_date=world.today,
        classification=Classification.AMBER,
    )
    journey = visit(**way)

    journey.go("/")
    assert AMBER_CANARY not in journey.main_text()
    journey.follow("SECP_150_0112_02")
    assert journey.heading() == "Operations report for the month"

    journey.go("/")
    journey.follow("All feeds and calendars")
    assert journey.heading() == "Feeds and calendars"
    feed = journey.fetch_link("New papers (RSS)")
    assert "<rss" in feed and "Operations report for the month" in feed and AMBER_CANARY not in feed
