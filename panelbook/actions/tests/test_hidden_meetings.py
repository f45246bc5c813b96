"""Meetings an action or minutes point to are shown only to a reader who may see them.

A WHITE action can be due at, or closed at, a RED meeting; WHITE minutes can be approved at one.
The public must learn neither that meeting's name, nor its id, nor its date. The RED meeting
here is Panel meeting 77 on 25 August 2017, between the WHITE meetings 47 and 48.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from panelbook.actions import services
from panelbook.actions.tests.test_access_matrix import body_of
from panelbook.conftest import client_for
from panelbook.governance import services as governance

RED_NAME = "meeting 77"
RED_DATES = ("25 August 2017", "2017-08-25", "25/08/2017")
NOT_NAMED = ["public", "party", "member", "secretariat", "admin"]


@pytest.fixture
def red_meeting(world):
    starts = timezone.make_aware(dt.datetime(2017, 8, 25, 10, 0))
    return governance.create_meeting(
        by=None,
        body=world.panel,
        number=77,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        classification="RED",
        recipients=[world.users.recipient],
    )


@pytest.fixture
def due_at_red(panel_meetings, red_meeting):
    """A WHITE action raised at meeting 47 and due at the RED meeting."""
    return services.raise_action(
        panel_meetings[0], by=None, text="SECAS to circulate the notes.", owner="SECAS", target_meeting=red_meeting
    )


@pytest.fixture
def closed_at_red(panel_meetings, red_meeting):
    action = services.raise_action(panel_meetings[0], by=None, text="DCC to report.", owner="DCC")
    services.propose_to_close(action, by=None, on=dt.date(2017, 8, 20))
    return services.close_action(action, by=None, at_meeting=red_meeting)


def shows_red_meeting(text: str) -> bool:
    return RED_NAME in text or any(date in text for date in RED_DATES)


def text_of(response) -> str:
    assert response.status_code == 200
    return body_of(response)


# Finding 6: the target meeting


def test_raise_action_form_offers_no_meeting_the_secretariat_cannot_see(world, panel_meetings, red_meeting):
    page = text_of(client_for(world, "secretariat").get(f"/meetings/{panel_meetings[0].pk}/actions/new/"))
    assert "meeting 48" in page and RED_NAME not in page


def test_raise_action_form_refuses_a_posted_hidden_meeting(world, panel_meetings, red_meeting):
    post = {"text": "SECAS to write.", "owner": "SECAS", "target_meeting": red_meeting.pk, "classification": "WHITE"}
    client_for(world, "secretariat").post(f"/meetings/{panel_meetings[0].pk}/actions/new/", post)
    assert not panel_meetings[0].actions_raised.exists()


def test_raise_action_refuses_a_target_meeting_the_acting_user_cannot_see(world, panel_meetings, red_meeting):
    with pytest.raises(ValidationError) as refused:
        services.raise_action(
            panel_meetings[0], by=world.users.secretariat, text="X.", owner="SECAS", target_meeting=red_meeting
        )
    assert refused.value.message_dict == {"target_meeting": [f"There is no meeting {red_meeting.pk} that you can see."]}


def test_update_action_refuses_a_target_meeting_the_acting_user_cannot_see(world, panel_meetings, red_meeting):
    action = services.raise_action(panel_meetings[0], by=None, text="X.", owner="SECAS")
    with pytest.raises(ValidationError):
        services.update_action(action, by=world.users.admin, target_meeting=red_meeting)
    action.refresh_from_db()
    assert action.target_meeting is None


def test_a_named_recipient_may_point_an_action_at_the_red_meeting(world, panel_meetings, red_meeting):
    action = services.raise_action(
        panel_meetings[0], by=world.users.recipient, text="X.", owner="SECAS", target_meeting=red_meeting
    )
    assert action.target_meeting == red_meeting


@pytest.mark.parametrize("role", NOT_NAMED)
def test_action_page_and_exports_do_not_show_a_hidden_target_meeting(world, due_at_red, role):
    client = client_for(world, role)
    for url in (f"/actions/{due_at_red.pk}/", "/actions/", "/actions/export.csv", "/actions/export.xlsx"):
        assert not shows_red_meeting(text_of(client.get(url))), url


@pytest.mark.parametrize("role", NOT_NAMED)
def test_api_gives_no_id_or_date_of_a_hidden_target_meeting(world, due_at_red, role):
    client = client_for(world, role)
    one = client.get(f"/api/actions/{due_at_red.pk}").json()
    listed = client.get("/api/actions").json()["items"][0]
    for body in (one, listed):
        assert (body["target_meeting"], body["deadline"], body["overdue"]) == (None, None, False)


def test_a_hidden_target_meetings_date_does_not_make_an_action_overdue(world, due_at_red):
    client = client_for(world, "public")
    assert not client.get("/api/actions?overdue=true").json()["items"]
    assert client.get("/api/actions?overdue=false").json()["count"] == 1
    assert "Overdue" not in text_of(client.get(f"/actions/{due_at_red.pk}/"))


def test_the_named_recipient_sees_the_target_meeting_everywhere(world, due_at_red, red_meeting):
    client = client_for(world, "recipient")
    assert RED_NAME in text_of(client.get(f"/actions/{due_at_red.pk}/"))
    body = client.get(f"/api/actions/{due_at_red.pk}").json()
    assert (body["target_meeting"], body["deadline"], body["overdue"]) == (red_meeting.pk, "2017-08-25", True)


def test_the_actions_paper_marks_no_action_overdue_by_a_hidden_meeting(world, panel_meetings, due_at_red):
    m48 = panel_meetings[1]
    public = text_of(client_for(world, "public").get(f"/meetings/{m48.pk}/actions-outstanding/"))
    named = text_of(client_for(world, "recipient").get(f"/meetings/{m48.pk}/actions-outstanding/"))
    assert "Overdue" not in public and "Overdue" in named


# Finding 9: the closing meeting and the approval of minutes


@pytest.mark.parametrize("role", NOT_NAMED)
def test_a_hidden_closing_meeting_is_not_shown(world, closed_at_red, role):
    client = client_for(world, role)
    page = text_of(client.get(f"/actions/{closed_at_red.pk}/"))
    assert RED_NAME not in page and "Closed" in page
    assert RED_NAME not in text_of(client.get("/actions/export.csv?status=all"))
    assert client.get(f"/api/actions/{closed_at_red.pk}").json()["closed_at_meeting"] is None


def test_the_named_recipient_sees_the_closing_meeting(world, closed_at_red, red_meeting):
    client = client_for(world, "recipient")
    assert RED_NAME in text_of(client.get(f"/actions/{closed_at_red.pk}/"))
    assert client.get(f"/api/actions/{closed_at_red.pk}").json()["closed_at_meeting"] == red_meeting.pk


@pytest.fixture
def approved_at_red(panel_meetings, red_meeting):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    return services.approve_minutes(minutes, by=None, at_meeting=red_meeting)


@pytest.mark.parametrize("role", NOT_NAMED)
def test_minutes_approved_at_a_hidden_meeting_say_only_that_they_are_approved(world, approved_at_red, role):
    client = client_for(world, role)
    page = text_of(client.get(f"/minutes/{approved_at_red.pk}/"))
    assert "Approved." in page and not shows_red_meeting(page)
    assert not shows_red_meeting(text_of(client.get(f"/minutes/{approved_at_red.pk}/paper.docx")))
    body = client.get(f"/api/minutes/{approved_at_red.pk}").json()
    assert (body["status"], body["approval"], body["approved_on"]) == ("APPROVED", None, None)
    listed = client.get("/api/minutes").json()["items"][0]
    assert (listed["approval"], listed["approved_on"]) == (None, None)


def test_the_named_recipient_sees_where_the_minutes_were_approved(world, approved_at_red):
    client = client_for(world, "recipient")
    assert RED_NAME in text_of(client.get(f"/minutes/{approved_at_red.pk}/"))
    assert client.get(f"/api/minutes/{approved_at_red.pk}").json()["approved_on"] == "2017-08-25"


# Finding 7: the actions-outstanding window


@pytest.fixture
def closed_at_47(panel_meetings):
    """Closed at meeting 47 (10 August), before the RED meeting of 25 August."""
    action = services.raise_action(panel_meetings[0], by=None, text="SECAS to file the papers.", owner="SECAS")
    services.propose_to_close(action, by=None, on=dt.date(2017, 8, 10))
    return services.close_action(action, by=None, at_meeting=panel_meetings[0])


@pytest.mark.parametrize("role", NOT_NAMED)
def test_actions_outstanding_names_the_previous_meeting_the_reader_may_see(
    world, panel_meetings, red_meeting, closed_at_47, role
):
    m47, m48 = panel_meetings[:2]
    body = client_for(world, role).get(f"/api/meetings/{m48.pk}/actions-outstanding").json()
    assert body["previous_meeting"] == m47.pk
    assert [row["reference"] for row in body["completed"]] == [closed_at_47.reference]


def test_a_hidden_previous_meeting_does_not_move_the_completed_since_window(
    world, panel_meetings, red_meeting, closed_at_47
):
    m48 = panel_meetings[1]
    page = text_of(client_for(world, "public").get(f"/meetings/{m48.pk}/actions-outstanding/"))
    assert closed_at_47.reference in page and "No actions were closed since the last meeting." not in page


def test_the_named_recipients_window_starts_at_the_red_meeting(world, panel_meetings, red_meeting, closed_at_47):
    body = client_for(world, "recipient").get(f"/api/meetings/{panel_meetings[1].pk}/actions-outstanding").json()
    assert (body["previous_meeting"], body["completed"]) == (red_meeting.pk, [])
