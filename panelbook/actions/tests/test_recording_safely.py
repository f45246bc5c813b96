"""Nothing is recorded at a meeting that has not taken place, and closing an action is confirmed first."""

import datetime as dt

import pytest

from panelbook.actions import services
from panelbook.actions.models import Action, Decision, Minutes
from panelbook.core.services import ServiceError
from panelbook.core.tests.pages import page_text
from panelbook.governance import services as governance


def test_a_decision_cannot_be_recorded_at_a_planned_future_meeting(world, make_meeting):
    with pytest.raises(ServiceError, match="has not taken place yet"):
        services.record_decision(by=None, meeting=make_meeting(days_ahead=30), verb="NOTED", text="the plan")
    assert not Decision.objects.exists()


def test_an_action_cannot_be_raised_at_a_planned_future_meeting(world, make_meeting):
    with pytest.raises(ServiceError, match="has not taken place yet"):
        services.raise_action(make_meeting(days_ahead=30), by=None, text="SECAS to write.", owner="SECAS")
    assert not Action.objects.exists()


def test_nothing_is_recorded_at_a_cancelled_meeting(world, make_meeting):
    meeting = governance.cancel_meeting(make_meeting(days_ahead=-3), by=None, reason="Not quorate")
    with pytest.raises(ServiceError, match="was cancelled"):
        services.record_decision(by=None, meeting=meeting, verb="NOTED", text="the plan")


def test_a_meeting_that_has_begun_takes_decisions_and_actions(world, make_meeting):
    meeting = make_meeting(days_ahead=-1)
    services.record_decision(by=None, meeting=meeting, verb="NOTED", text="the plan")
    services.raise_action(meeting, by=None, text="SECAS to write.", owner="SECAS")
    assert Decision.objects.count() == Action.objects.count() == 1


def test_the_decision_form_of_a_future_meeting_says_why_it_refuses(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=30)
    data = {"verb": "NOTED", "text": "the plan", "classification": "WHITE"}
    data["agenda_item"] = governance.add_agenda_item(meeting, by=None, title="Plan").pk
    response = secretariat_client.post(f"/meetings/{meeting.pk}/decisions/new/", data)
    assert "has not taken place yet" in page_text(response)
    assert not Decision.objects.exists()


def test_minutes_cannot_be_started_for_a_planned_future_meeting(world, make_meeting):
    with pytest.raises(ServiceError, match="has not taken place yet"):
        services.start_minutes(make_meeting(days_ahead=30), by=None)
    assert not Minutes.objects.exists()


@pytest.mark.parametrize("form", ["decisions", "actions", "minutes"])
def test_the_form_pages_of_a_future_meeting_say_why_instead_of_offering_a_form(
    world, make_meeting, secretariat_client, form
):
    response = secretariat_client.get(f"/meetings/{make_meeting(days_ahead=30).pk}/{form}/new/")
    assert "has not taken place yet" in page_text(response) and "<textarea" not in response.content.decode()


def test_the_meeting_page_of_a_future_meeting_offers_no_decision_or_action(world, make_meeting, secretariat_client):
    page = page_text(secretariat_client.get(make_meeting(days_ahead=30).get_absolute_url()))
    assert "Record a decision" not in page and "Raise an action" not in page and "Start minutes" not in page
    assert "can be recorded once it has begun" in page


@pytest.fixture
def proposed(world, panel_meetings):
    action = services.raise_action(panel_meetings[0], by=None, text="SECAS to publish.", owner="SECAS")
    return services.propose_to_close(action, by=None, update="Published.")


def test_closing_asks_to_confirm_in_words_before_closing(world, proposed, panel_meetings, secretariat_client):
    page = page_text(secretariat_client.get(f"/actions/{proposed.pk}/close/"))
    assert f"action {proposed.reference} is done" in page and "takes no more updates" in page
    proposed.refresh_from_db()
    assert proposed.status == Action.Status.PROPOSE_TO_CLOSE


def test_the_close_page_closes_at_the_chosen_meeting(world, proposed, panel_meetings, secretariat_client):
    response = secretariat_client.post(f"/actions/{proposed.pk}/close/", {"at_meeting": panel_meetings[1].pk})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Action.Status.CLOSED and proposed.closed_at_meeting == panel_meetings[1]


def test_the_action_page_no_longer_closes_in_one_step(world, proposed, panel_meetings, secretariat_client):
    data = {"do": "status", "change": "close", "at_meeting": panel_meetings[1].pk}
    secretariat_client.post(f"/actions/{proposed.pk}/", data)
    proposed.refresh_from_db()
    assert proposed.status == Action.Status.PROPOSE_TO_CLOSE


def test_the_action_page_offers_only_the_changes_its_status_allows(world, panel_meetings, secretariat_client):
    action = services.raise_action(panel_meetings[0], by=None, text="SECAS to publish.", owner="SECAS")
    page = page_text(secretariat_client.get(action.get_absolute_url()))
    assert "Propose to close" in page and "Reopen" not in page and "Close the action" not in page


def test_an_open_action_close_page_says_to_propose_it_first(world, panel_meetings, secretariat_client):
    action = services.raise_action(panel_meetings[0], by=None, text="SECAS to publish.", owner="SECAS")
    page = page_text(secretariat_client.get(f"/actions/{action.pk}/close/"))
    assert "Propose it to close first" in page and "Close the action" not in page.split("Propose it")[1]


def test_an_action_cannot_be_closed_at_a_meeting_not_yet_held(world, proposed, make_meeting):
    future = make_meeting(days_ahead=30)
    with pytest.raises(ServiceError, match="has not taken place yet"):
        services.close_action(proposed, by=None, at_meeting=future)


def test_the_close_page_of_an_action_the_user_may_not_see_is_a_404(world, panel_meetings, secretariat_client):
    hidden = services.raise_action(
        panel_meetings[0],
        by=None,
        text="Board matter.",
        owner="SECAS",
        classification="RED",
        recipients=[world.users.recipient],
        due_date=dt.date(2017, 9, 1),
    )
    assert secretariat_client.get(f"/actions/{hidden.pk}/close/").status_code == 404
    assert secretariat_client.get("/actions/999999/close/").status_code == 404
