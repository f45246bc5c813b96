"""A calendar feed answers 304 to a program that already holds it, and only while nothing it is
made of has changed: the meetings, their agendas, the reader's seats and the named recipients."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.governance import services
from panelbook.governance.models import Membership


def tag_of(client, url: str = "/calendar.ics") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def status_with(client, tag: str, url: str = "/calendar.ics") -> int:
    return client.get(url, HTTP_IF_NONE_MATCH=tag).status_code


def test_a_feed_unchanged_since_it_was_fetched_answers_not_modified(world, make_meeting):
    make_meeting()
    client = client_for(world, "public")
    tag = tag_of(client)
    assert status_with(client, tag) == 304
    assert client.get("/calendar.ics")["Last-Modified"]


def test_a_moved_meeting_or_a_new_agenda_item_makes_the_feed_new(world, make_meeting):
    meeting = make_meeting()
    client = client_for(world, "public")
    tag = tag_of(client)
    services.update_meeting(meeting, by=None, location="Room 4")
    assert status_with(client, tag) == 200
    tag = tag_of(client)
    services.add_agenda_item(meeting, by=None, title="Budget")
    assert status_with(client, tag) == 200


def test_one_reader_s_tag_is_not_another_s(world, make_meeting):
    make_meeting(classification=Classification.AMBER)
    tag = tag_of(client_for(world, "member"))
    assert status_with(client_for(world, "public"), tag) == 200
    assert status_with(client_for(world, "party"), tag) == 200


def test_a_seat_that_ends_makes_the_member_s_feed_new(world, make_meeting):
    make_meeting(classification=Classification.AMBER)
    client = client_for(world, "member")
    tag = tag_of(client)
    seat = Membership.objects.get(person__user=world.users.member)
    seat.end_date = timezone.localdate() - dt.timedelta(days=1)
    seat.save()
    assert status_with(client, tag) == 200


def test_a_recipient_taken_off_a_red_meeting_gets_a_new_feed(world, make_meeting):
    meeting = make_meeting(classification=Classification.RED, recipients=[world.users.recipient])
    client = client_for(world, "recipient")
    tag = tag_of(client)
    meeting.recipients.remove(world.users.recipient)
    assert status_with(client, tag) == 200
    assert b"BEGIN:VEVENT" not in client.get("/calendar.ics").content


def test_a_body_feed_has_its_own_tag(world, make_meeting):
    make_meeting()
    client = client_for(world, "public")
    assert status_with(client, tag_of(client), "/bodies/panel/calendar.ics") == 200


def test_a_reader_made_secretariat_gets_a_new_feed(world, make_meeting):
    make_meeting(classification=Classification.AMBER)
    client = client_for(world, "party")
    tag = tag_of(client)
    world.users.party.is_secretariat = True
    world.users.party.save()
    assert status_with(client, tag) == 200
    assert b"BEGIN:VEVENT" in client.get("/calendar.ics").content
