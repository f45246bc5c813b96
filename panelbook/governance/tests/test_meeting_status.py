"""Only the status changes that make sense are offered and allowed, each confirmed in words first."""

import pytest
from django.test import Client

from panelbook.core.services import ServiceError
from panelbook.core.tests.pages import page_text
from panelbook.governance import services
from panelbook.governance.models import Meeting


def status_links(client, meeting) -> str:
    return page_text(client.get(meeting.get_absolute_url()))


def test_a_future_meeting_offers_cancelling_and_moving_but_not_held(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=60)
    text = status_links(secretariat_client, meeting)
    assert "Cancel the meeting" in text and "Move it to another date" in text
    assert "Mark as held" not in text and "Reinstate" not in text and "Reason for cancelling" not in text


def test_a_meeting_that_has_begun_offers_held_and_cancelling(world, make_meeting, secretariat_client):
    text = status_links(secretariat_client, make_meeting(days_ahead=-1))
    assert "Mark as held" in text and "Cancel the meeting" in text and "Reinstate" not in text


def test_a_cancelled_meeting_offers_only_reinstating(world, make_meeting, secretariat_client):
    meeting = services.cancel_meeting(make_meeting(days_ahead=-1), by=None, reason="Not quorate")
    text = status_links(secretariat_client, meeting)
    assert "Reinstate the meeting" in text and "Mark as held" not in text and "Cancel the meeting" not in text


def test_the_public_sees_no_status_changes(world, make_meeting):
    assert "Cancel the meeting" not in status_links(Client(), make_meeting(days_ahead=-1))


def test_marking_a_future_meeting_held_is_refused_by_the_verb(world, make_meeting):
    meeting = make_meeting(days_ahead=60)
    with pytest.raises(ServiceError, match="can be marked as held once it has begun"):
        services.mark_meeting_held(meeting, by=world.users.secretariat)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_marking_a_held_meeting_held_again_is_refused(world, make_meeting):
    meeting = services.mark_meeting_held(make_meeting(days_ahead=-1), by=None)
    with pytest.raises(ServiceError, match="already marked as held"):
        services.mark_meeting_held(meeting, by=None)


def test_the_held_page_says_what_will_happen_and_changes_nothing_until_sent(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=-1)
    response = secretariat_client.get(f"/meetings/{meeting.pk}/status/held/")
    assert "This records that Panel meeting" in page_text(response) and "can no longer be cancelled" in page_text(
        response
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    assert secretariat_client.post(f"/meetings/{meeting.pk}/status/held/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_the_held_page_of_a_future_meeting_says_why_not_and_offers_no_button(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=60)
    page = page_text(secretariat_client.get(f"/meetings/{meeting.pk}/status/held/"))
    assert "can be marked as held once it has begun" in page and "This records that" not in page
    response = secretariat_client.post(f"/meetings/{meeting.pk}/status/held/")
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_cancelling_asks_why_and_says_who_will_see_it(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=60)
    url = f"/meetings/{meeting.pk}/status/cancel/"
    assert "calendar subscribers included" in page_text(secretariat_client.get(url))
    refused = secretariat_client.post(url, {"reason": "  "})
    assert "Say why the meeting is cancelled." in page_text(refused)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_a_status_page_for_a_meeting_the_user_may_not_see_is_a_404_like_a_missing_one(
    world, make_meeting, secretariat_client
):
    hidden = make_meeting(days_ahead=-1, classification="RED", recipients=[world.users.recipient], by=None)
    assert secretariat_client.get(f"/meetings/{hidden.pk}/status/held/").status_code == 404
    assert secretariat_client.post(f"/meetings/{hidden.pk}/status/held/").status_code == 404
    hidden.refresh_from_db()
    assert hidden.status == Meeting.Status.PLANNED


def test_an_unknown_status_change_is_a_404(world, make_meeting, secretariat_client):
    assert secretariat_client.get(f"/meetings/{make_meeting().pk}/status/delete/").status_code == 404


def test_a_party_user_cannot_change_a_meeting_status(world, make_meeting):
    meeting = make_meeting(days_ahead=-1)
    client = Client()
    client.force_login(world.users.party)
    assert client.post(f"/meetings/{meeting.pk}/status/held/").status_code == 403
