"""iCalendar feeds parse, carry the right events and follow visibility."""

import datetime as dt

from django.db.models import F
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


# Identity and revisions: one entry per meeting whatever the host, replaced when it moves


def _events_by_uid(response) -> dict[str, object]:
    return {str(event["UID"]): event for event in events(response)}


def _make_history_older(meeting, hours: int = 1) -> None:
    """Date the meeting's history rows back, so that the next change is visibly later."""
    meeting.history.update(history_date=F("history_date") - dt.timedelta(hours=hours))


def test_uids_are_the_same_whatever_host_the_feed_is_fetched_by(world, make_meeting, settings):
    settings.ALLOWED_HOSTS = ["panelbook.example.org", "governance.example.net"]
    settings.PANELBOOK_SITE_DOMAIN = "panelbook.example.org"
    make_meeting(number=1)
    make_meeting(number=2)
    first = set(_events_by_uid(Client().get("/calendar.ics", HTTP_HOST="panelbook.example.org")))
    second = set(_events_by_uid(Client().get("/calendar.ics", HTTP_HOST="governance.example.net")))
    assert first == second
    assert len(first) == 2
    assert all(uid.endswith("@panelbook.example.org") for uid in first)


def test_the_body_feed_gives_a_meeting_the_same_uid_as_the_all_bodies_feed(world, make_meeting):
    make_meeting(number=1)
    assert set(_events_by_uid(Client().get("/calendar.ics"))) == set(
        _events_by_uid(Client().get("/bodies/panel/calendar.ics"))
    )


def test_moving_a_meeting_increases_its_sequence_and_last_modified(world, make_meeting):
    meeting = make_meeting()
    _make_history_older(meeting)
    (before,) = events(Client().get("/calendar.ics"))
    later = meeting.starts_at + dt.timedelta(days=1)
    services.update_meeting(meeting, by=world.users.secretariat, starts_at=later, ends_at=later + dt.timedelta(hours=3))
    (after,) = events(Client().get("/calendar.ics"))
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")


def test_changing_the_place_or_cancelling_increases_the_sequence_each_time(world, make_meeting):
    meeting = make_meeting()
    sequences = [events(Client().get("/calendar.ics"))[0].decoded("SEQUENCE")]
    services.update_meeting(meeting, by=world.users.secretariat, location="Online", is_virtual=True)
    sequences.append(events(Client().get("/calendar.ics"))[0].decoded("SEQUENCE"))
    services.cancel_meeting(meeting, by=world.users.secretariat, reason="No quorum")
    sequences.append(events(Client().get("/calendar.ics"))[0].decoded("SEQUENCE"))
    assert sequences == [0, 1, 2]


def test_a_change_that_does_not_reschedule_keeps_the_sequence_and_moves_last_modified(world, make_meeting):
    meeting = make_meeting()
    _make_history_older(meeting)
    (before,) = events(Client().get("/calendar.ics"))
    services.update_meeting(meeting, by=world.users.secretariat, kind="AD_HOC")
    (after,) = events(Client().get("/calendar.ics"))
    assert after.decoded("SEQUENCE") == before.decoded("SEQUENCE")
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
