"""iCalendar feeds parse, carry the right events and follow visibility."""

from django.test import Client
from icalendar import Calendar

from panelbook.governance import services


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


def test_all_bodies_feed_has_one_event_per_visible_meeting(world, make_meeting):
    make_meeting(number=1)
    make_meeting(body=world.tabasc, number=7)
    make_meeting(number=2, classification="GREEN")
    summaries = sorted(str(e["SUMMARY"]) for e in events(Client().get("/calendar.ics")))
    assert summaries == ["SEC Panel meeting 1", "TABASC meeting 7"]


def test_body_feed_holds_only_that_body(world, make_meeting):
    make_meeting(number=1)
    make_meeting(body=world.tabasc, number=7)
    assert [str(e["SUMMARY"]) for e in events(Client().get("/bodies/tabasc/calendar.ics"))] == ["TABASC meeting 7"]


def test_event_has_times_location_agenda_and_link(world, make_meeting):
    meeting = make_meeting(number=3)
    services.add_agenda_item(meeting, by=None, title="Minutes and Actions Outstanding")
    (event,) = events(Client().get("/calendar.ics"))
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert "Fenchurch Place" in str(event["LOCATION"])
    assert "1. Minutes and Actions Outstanding" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"/meetings/{meeting.pk}/")


def test_cancelled_meeting_is_marked_cancelled(world, make_meeting):
    meeting = make_meeting()
    services.cancel_meeting(meeting, by=None, reason="No quorum")
    (event,) = events(Client().get("/calendar.ics"))
    assert str(event["STATUS"]) == "CANCELLED"


def test_unknown_body_feed_is_404(world):
    assert Client().get("/bodies/nope/calendar.ics").status_code == 404
