"""The meetings list puts what is coming first: the soonest upcoming meetings above the past (the
latest first), and a period choice shows either on its own, through the page, the API and exports."""

from __future__ import annotations

import re

from panelbook.conftest import client_for
from panelbook.core.classification import Classification

CANARY = "CANARY-meetings-list-91c2"


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/meetings/\d+/">([^<]+)</a>', html)


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_upcoming_meetings_come_first_soonest_first_then_the_past_latest_first(world, make_meeting, client):
    for number, days in [(60, -40), (61, -10), (62, 5), (63, 30)]:
        make_meeting(number=number, days_ahead=days)
    page = client.get("/meetings/").content.decode()
    assert titles(section(page, "upcoming-heading")) == ["SEC Panel meeting 62", "SEC Panel meeting 63"]
    assert titles(section(page, "past-heading")) == ["SEC Panel meeting 61", "SEC Panel meeting 60"]


def test_the_period_choice_shows_only_upcoming_or_only_past_meetings(world, make_meeting, client):
    for number, days in [(60, -40), (62, 5), (63, 30)]:
        make_meeting(number=number, days_ahead=days)
    upcoming = client.get("/meetings/?when=upcoming").content.decode()
    past = client.get("/meetings/?when=past").content.decode()
    assert titles(upcoming) == ["SEC Panel meeting 62", "SEC Panel meeting 63"]
    assert titles(past) == ["SEC Panel meeting 60"]
    assert 'id="upcoming-heading"' not in upcoming + past


def test_the_api_and_the_export_take_the_same_period(world, make_meeting, client):
    make_meeting(number=60, days_ahead=-40)
    make_meeting(number=62, days_ahead=5)
    listed = client.get("/api/meetings?when=upcoming").json()
    assert [meeting["number"] for meeting in listed["items"]] == [62]
    exported = client.get("/meetings/export.csv?when=past").content.decode()
    assert ",60," in exported and ",62," not in exported


def test_a_period_that_is_not_one_is_named_in_a_message(world, client):
    page = client.get("/meetings/?when=tomorrow").content.decode()
    assert "The “when” filter is not valid" in page


def test_an_upcoming_meeting_the_reader_may_not_see_is_not_listed(world, make_meeting, client):
    from panelbook.governance import services

    hidden = make_meeting(
        number=64, days_ahead=3, classification=Classification.RED, recipients=[world.users.recipient]
    )
    services.update_meeting(hidden, by=None, location=CANARY)
    assert CANARY in client_for(world, "recipient").get("/meetings/").content.decode()
    page = client.get("/meetings/").content.decode()
    assert "meeting 64" not in page and CANARY not in page
    assert "No upcoming meeting." in page
