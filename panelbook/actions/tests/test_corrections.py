"""Correcting a decision or an action in the browser and the API, and voiding a duplicate: the
reason is kept in history, a voided record leaves every list, export and paper, and the
secretariat still sees it, marked void, and can restore it."""

import datetime as dt

import pytest
from django.test import Client

from panelbook.actions import reports, services
from panelbook.actions.models import Action, Decision
from panelbook.actions.tests.test_api import headers, send
from panelbook.conftest import client_for, page_bytes
from panelbook.core.services import ServiceError
from panelbook.core.tests.pages import hidden, page_text


@pytest.fixture
def decision(world, panel_meetings):
    return services.record_decision(
        by=None, meeting=panel_meetings[0], agenda_item=panel_meetings[0].agenda_items.get(number=2),
        verb="NOTED", text="the Delegations Register",
    )  # fmt: skip


@pytest.fixture
def action(world, panel_meetings):
    return services.raise_action(
        panel_meetings[0], by=None, text="SECAS to publish the register.", owner="SECAS", due_date=dt.date(2017, 9, 1)
    )


def latest_reason(record) -> tuple:
    row = record.history.order_by("-history_date", "-history_id").first()
    return row.history_user, row.history_change_reason


# Correcting a decision


def test_the_secretariat_corrects_a_decision_with_a_reason_kept_in_history(
    world, decision, panel_meetings, secretariat_client
):
    url = f"/decisions/{decision.pk}/edit/"
    page = secretariat_client.get(url)
    data = {
        "agenda_item": panel_meetings[0].agenda_items.get(number=1).pk,
        "position": 1,
        "verb": "AGREED",
        "text": "the Delegations Register as amended",
        "classification": "WHITE",
        "reason": "Minuted under the wrong item",
        "revision": hidden(page, "revision"),
    }
    assert secretariat_client.post(url, data).status_code == 302
    decision.refresh_from_db()
    assert (decision.verb, decision.text, decision.agenda_item.number) == (
        "AGREED",
        "the Delegations Register as amended",
        1,
    )
    assert latest_reason(decision) == (world.users.secretariat, "Corrected: Minuted under the wrong item")


def test_a_correction_without_a_reason_is_refused_and_changes_nothing(world, decision, secretariat_client):
    data = {"verb": "AGREED", "text": "something else", "classification": "WHITE", "position": 1}
    data["agenda_item"] = decision.agenda_item_id
    response = secretariat_client.post(f"/decisions/{decision.pk}/edit/", data)
    assert "Say why; the reason is kept in the record's history." in page_text(response)
    decision.refresh_from_db()
    assert decision.text == "the Delegations Register"


def test_a_decisions_item_must_be_of_its_meeting(world, decision, panel_meetings):
    other = panel_meetings[1].agenda_items.get(number=2)
    with pytest.raises(ServiceError, match="another meeting"):
        services.update_decision(decision, by=None, reason="Moved", agenda_item=other)


# Voiding and restoring a decision


def test_a_voided_decision_leaves_the_register_the_meeting_the_minutes_and_the_api(
    world, decision, panel_meetings, client
):
    services.void_decision(decision, by=world.users.secretariat, reason="Recorded twice")
    meeting = panel_meetings[0]
    assert "the Delegations Register" not in Client().get("/decisions/").content.decode()
    assert "the Delegations Register" not in Client().get(meeting.get_absolute_url()).content.decode()
    assert "the Delegations Register" not in Client().get("/decisions/export.csv").content.decode()
    assert client.get("/api/decisions").json()["count"] == 0
    assert client.get(f"/api/decisions/{decision.pk}").status_code == 404
    minutes = services.start_minutes(meeting, by=None)
    report = reports.minutes_report(minutes, world.users.public)
    assert not [d for item in report.items for d in item.decisions]
    assert latest_reason(decision) == (world.users.secretariat, "Voided: Recorded twice")


def test_the_secretariat_sees_a_voided_decision_marked_void_and_restores_it(
    world, decision, panel_meetings, secretariat_client
):
    services.void_decision(decision, by=None, reason="Recorded twice")
    page = page_text(secretariat_client.get(panel_meetings[0].get_absolute_url()))
    assert "Void" in page and "the Delegations Register" in page and "Restore this decision" in page
    url = f"/decisions/{decision.pk}/restore/"
    assert "comes back into the register" in page_text(secretariat_client.get(url))
    assert secretariat_client.post(url, {"reason": "It was not a duplicate"}).status_code == 302
    assert "the Delegations Register" in Client().get("/decisions/").content.decode()


def test_the_void_page_says_what_will_happen_and_needs_a_reason(world, decision, secretariat_client):
    url = f"/decisions/{decision.pk}/void/"
    assert "leaves the decision register" in page_text(secretariat_client.get(url))
    assert "Say why" in page_text(secretariat_client.post(url, {"reason": ""}))
    decision.refresh_from_db()
    assert not decision.is_void


def test_a_decision_approving_minutes_cannot_be_voided(world, panel_meetings):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    services.approve_minutes(minutes, by=None, at_meeting=panel_meetings[1])
    minutes.refresh_from_db()
    with pytest.raises(ServiceError, match="approves the Minutes of Panel meeting 47"):
        services.void_decision(minutes.approval, by=None, reason="Duplicate")


def test_a_void_decision_cannot_be_corrected_until_restored(world, decision):
    services.void_decision(decision, by=None, reason="Duplicate")
    with pytest.raises(ServiceError, match="restore it before correcting it"):
        services.update_decision(decision, by=None, reason="Typo", text="x")


def test_the_api_corrects_voids_and_restores_a_decision(world, decision, client):
    auth = headers(world, "secretariat")
    url = f"/api/decisions/{decision.pk}"
    patched = client.patch(
        url, {"verb": "AGREED", "text": "the register", "reason": "Typo"}, content_type="application/json", headers=auth
    )
    assert patched.status_code == 200 and patched.json()["sentence"] == "AGREED the register"
    assert patched["ETag"] == '"2"'
    stale = client.patch(url, {"text": "x"}, content_type="application/json", headers={**auth, "If-Match": '"1"'})
    assert stale.status_code == 412
    voided = send(client, "post", f"{url}/void", {"reason": "Duplicate"}, auth)
    assert voided.status_code == 200 and voided.json()["is_void"] is True
    assert client.get(url, headers=auth).json()["void_reason"] == "Duplicate"
    assert send(client, "post", f"{url}/restore", {"reason": "Not a duplicate"}, auth).json()["is_void"] is False


# Correcting, voiding and restoring an action


def test_the_secretariat_corrects_an_action_with_a_reason_kept_in_history(world, action, secretariat_client):
    url = f"/actions/{action.pk}/edit/"
    data = {
        "text": "SECAS to publish the register by September.",
        "owner": "DCC",
        "due_date": "2017-10-01",
        "classification": "WHITE",
        "reason": "Owner misheard in the meeting",
        "revision": hidden(secretariat_client.get(url), "revision"),
    }
    assert secretariat_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.due_date) == ("DCC", dt.date(2017, 10, 1))
    assert latest_reason(action) == (world.users.secretariat, "Corrected: Owner misheard in the meeting")


def test_a_voided_action_leaves_the_log_the_papers_the_exports_and_the_api(
    world, action, panel_meetings, client, secretariat_client
):
    response = secretariat_client.post(f"/actions/{action.pk}/void/", {"reason": "Raised twice"})
    assert response.status_code == 302
    assert "SECP47/01" not in Client().get("/actions/").content.decode()
    assert "SECP47/01" not in Client().get("/actions/export.csv").content.decode()
    assert client.get("/api/actions").json()["count"] == 0
    tables = reports.actions_tables(panel_meetings[1], world.users.secretariat)
    assert not (tables.outstanding or tables.propose_to_close or tables.completed)
    assert Client().get(action.get_absolute_url()).status_code == 404
    assert client_for(world, "member").get(action.get_absolute_url()).status_code == 404
    assert client.get(f"/api/actions/{action.pk}").status_code == 404
    page = " ".join(page_text(secretariat_client.get(action.get_absolute_url())).split())
    assert "Void: Raised twice" in page and "Restore the action" in page and "Add an update" not in page
    assert "Voided: Raised twice" in page_text(secretariat_client.get(f"/history/action/{action.pk}/"))


def test_a_voided_action_takes_no_update_until_restored(world, action):
    services.void_action(action, by=None, reason="Raised twice")
    with pytest.raises(ServiceError, match="is void; restore it"):
        services.add_update(action, by=None, text="Drafted.")
    services.restore_action(action, by=None, reason="Not a duplicate")
    services.add_update(action, by=None, text="Drafted.")
    assert Action.objects.in_force().count() == 1


def test_voiding_twice_says_it_is_already_void(world, action):
    services.void_action(action, by=None, reason="Raised twice")
    with pytest.raises(ServiceError, match="already void"):
        services.void_action(action, by=None, reason="Raised twice")


def test_a_too_long_reason_is_refused_naming_the_limit(world, action):
    with pytest.raises(ServiceError, match="at most 80 characters"):
        services.void_action(action, by=None, reason="x" * 81)


# Pages for a record the user may not see answer as for a missing one


@pytest.mark.parametrize(
    "path",
    [
        "/decisions/{decision}/edit/",
        "/decisions/{decision}/void/",
        "/decisions/{decision}/restore/",
        "/actions/{action}/edit/",
        "/actions/{action}/void/",
        "/actions/{action}/restore/",
    ],
)
def test_a_correction_page_for_a_record_the_user_may_not_see_is_a_404_like_a_missing_one(
    world, panel_meetings, secretariat_client, path
):
    red = {"classification": "RED", "recipients": [world.users.recipient]}
    meeting = panel_meetings[0]
    hidden_decision = services.record_decision(by=None, meeting=meeting, verb="NOTED", text="CANARY-7f2", **red)
    hidden_action = services.raise_action(meeting, by=None, text="CANARY-7f2", owner="SECAS", **red)
    hidden_path = path.format(decision=hidden_decision.pk, action=hidden_action.pk)
    missing_path = path.format(decision=999999, action=999999)
    for send_it in (secretariat_client.get, secretariat_client.post):
        hidden_answer, missing_answer = send_it(hidden_path), send_it(missing_path)
        assert hidden_answer.status_code == missing_answer.status_code == 404
        assert page_bytes(hidden_answer, hidden_path) == page_bytes(missing_answer, missing_path)
    assert Decision.objects.get(pk=hidden_decision.pk).is_void is False


def test_a_party_user_cannot_void(world, action):
    assert client_for(world, "party").post(f"/actions/{action.pk}/void/", {"reason": "x"}).status_code == 403
    action.refresh_from_db()
    assert not action.is_void
