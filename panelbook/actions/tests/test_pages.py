"""Pages of the actions log, decision register and minutes."""

import datetime as dt

import pytest
from django.test import Client

from panelbook.actions import services
from panelbook.actions.models import Action, Decision, Minutes


@pytest.fixture
def action(world, panel_meetings):
    return services.raise_action(
        panel_meetings[0],
        by=None,
        text="SECAS to publish the Delegations Register.",
        owner="SECAS",
        due_date=dt.date(2017, 9, 1),
    )


def test_actions_log_lists_open_actions_and_flags_overdue(world, action):
    body = Client().get("/actions/").content.decode()
    assert "SECP47/01" in body and "Overdue" in body


def test_actions_log_filters_by_owner_and_status(world, panel_meetings, action):
    services.raise_action(panel_meetings[0], by=None, text="DCC to report.", owner="DCC")
    body = Client().get("/actions/?owner=dcc").content.decode()
    assert "SECP47/02" in body and "SECP47/01" not in body
    assert "SECP47/01" not in Client().get("/actions/?status=CLOSED").content.decode()


def test_secretariat_adds_a_dated_update(world, secretariat_client, action):
    secretariat_client.post(f"/actions/{action.pk}/", {"do": "update", "text": "Drafted.", "on": "2017-08-20"})
    assert action.updates.get().on == dt.date(2017, 8, 20)


def test_secretariat_proposes_then_closes_at_a_meeting(world, secretariat_client, panel_meetings, action):
    secretariat_client.post(f"/actions/{action.pk}/", {"do": "status", "change": "propose", "reason": "Published."})
    secretariat_client.post(f"/actions/{action.pk}/close/", {"at_meeting": panel_meetings[1].pk})
    action.refresh_from_db()
    assert action.status == "CLOSED" and action.closed_at_meeting == panel_meetings[1]


def test_closing_an_open_action_shows_why_it_is_refused(world, secretariat_client, panel_meetings, action):
    response = secretariat_client.post(f"/actions/{action.pk}/close/", {"at_meeting": panel_meetings[1].pk})
    assert "only an action proposed to close can be closed" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "OPEN"


def test_party_user_cannot_change_an_action(world, action):
    client = Client()
    client.force_login(world.users.party)
    assert client.post(f"/actions/{action.pk}/", {"do": "update", "text": "x", "on": "2017-08-20"}).status_code == 403
    assert not action.updates.exists()


def test_secretariat_raises_an_action_at_a_meeting(world, secretariat_client, panel_meetings):
    meeting = panel_meetings[0]
    item = meeting.agenda_items.get(number=2)
    secretariat_client.post(
        f"/meetings/{meeting.pk}/actions/new/",
        {"agenda_item": item.pk, "text": "SECAS to publish.", "owner": "SECAS", "classification": "WHITE"},
    )
    assert Action.objects.get().reference == "SECP47/01"


def test_decision_register_filters_by_verb_and_text(world, panel_meetings):
    services.record_decision(by=None, meeting=panel_meetings[0], verb="NOTED", text="the planner")
    services.record_decision(by=None, meeting=panel_meetings[0], verb="APPROVED", text="the ToR")
    body = Client().get("/decisions/?verb=APPROVED").content.decode()
    assert "the ToR" in body and "the planner" not in body
    assert "the planner" in Client().get("/decisions/?q=planner").content.decode()


def test_decision_register_shows_ex_committee_and_dissent(world, panel_meetings):
    services.record_decision(
        by=None,
        body=world.panel,
        decided_on=dt.date(2017, 8, 20),
        verb="AGREED",
        text="the extension",
        by_majority=True,
        dissent="two Panel Members did not agree",
    )
    body = Client().get("/decisions/").content.decode()
    assert "Ex-committee" in body and "two Panel Members did not agree" in body


def test_bad_date_filter_says_how_to_write_it(world):
    assert "YYYY-MM-DD" in Client().get("/decisions/?date_from=31/02/2017", follow=True).content.decode()


def test_secretariat_records_an_ex_committee_decision(world, secretariat_client):
    secretariat_client.post(
        "/decisions/ex-committee/new/",
        {
            "body": world.panel.pk,
            "decided_on": "2017-08-25",
            "verb": "APPROVED",
            "text": "the minutes",
            "classification": "WHITE",
        },
    )
    assert Decision.objects.get().ex_committee


def test_secretariat_starts_writes_and_approves_minutes(world, secretariat_client, panel_meetings):
    m47, m48 = panel_meetings[:2]
    secretariat_client.post(f"/meetings/{m47.pk}/minutes/new/", {"classification": "WHITE"})
    minutes = Minutes.objects.get()
    item = m47.agenda_items.get(number=2)
    secretariat_client.post(f"/minutes/{minutes.pk}/items/{item.pk}/", {"narrative": "The Panel noted the register."})
    secretariat_client.post(f"/minutes/{minutes.pk}/approve/", {"at_meeting": m48.pk})
    minutes.refresh_from_db()
    assert minutes.entries.get().narrative == "The Panel noted the register."
    assert minutes.status == "APPROVED" and minutes.approval.meeting == m48
