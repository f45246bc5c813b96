"""The actions API: what each role reads, and what the secretariat's token may change."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panelbook.actions import services
from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes
from panelbook.conftest import ENTITLED_LEVELS
from panelbook.core.models import ApiToken
from panelbook.governance import services as governance

LEVELS = ("WHITE", "AMBER", "RED")


def headers(world, role: str) -> dict[str, str]:
    if role == "public":
        return {}
    return {"Authorization": f"Bearer {ApiToken.issue(getattr(world.users, role), 'test')[1]}"}


def send(client, method: str, url: str, data: dict, auth: dict[str, str]):
    return getattr(client, method)(url, data, content_type="application/json", headers=auth)


def refusal(response) -> tuple[int, list[tuple[str, str]]]:
    return response.status_code, [(p["loc"][-1], p["msg"]) for p in response.json()["detail"]]


def queries_for(client, url: str, auth: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=auth).status_code == 200
    return len(captured)


def raise_one(meeting, text="SECAS to publish the register.", **extra):
    return services.raise_action(meeting, by=None, text=text, owner="SECAS", **extra)


def proposed(action):
    return services.propose_to_close(action, by=None, on=dt.date(2017, 9, 1))


@pytest.fixture
def secretariat(world):
    return headers(world, "secretariat")


@pytest.fixture
def actions(world, panel_meetings):
    """One action of Panel meeting 47 at each level, its text a canary naming the level."""
    return {
        level: raise_one(
            panel_meetings[0],
            text=f"canary-{level} SECAS to act.",
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
        for level in LEVELS
    }


@pytest.fixture
def decisions(world, panel_meetings):
    return {
        level: services.record_decision(
            by=None,
            verb="AGREED",
            text=f"canary-{level} the extension.",
            meeting=panel_meetings[0],
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
        for level in LEVELS
    }


# Reading actions


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_each_role_lists_exactly_the_actions_it_may_see(world, client, actions, role):
    response = client.get("/api/actions", headers=headers(world, role))
    visible = {level for level in LEVELS if level in ENTITLED_LEVELS[role]}
    assert {a["classification"] for a in response.json()["items"]} == visible
    for level in set(LEVELS) - visible:
        assert f"canary-{level}" not in response.content.decode()


@pytest.mark.parametrize("role", ["public", "party", "member", "recipient"])
def test_each_role_gets_404_for_each_action_it_may_not_see(world, client, actions, role):
    auth = headers(world, role)
    answers = {level: client.get(f"/api/actions/{a.pk}", headers=auth).status_code for level, a in actions.items()}
    assert answers == {level: 200 if level in ENTITLED_LEVELS[role] else 404 for level in actions}


def test_it_hides_an_amber_action_exactly_like_a_missing_one(world, client, actions):
    auth = headers(world, "party")
    hidden = client.get(f"/api/actions/{actions['AMBER'].pk}", headers=auth)
    missing = client.get("/api/actions/999999", headers=auth)
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_it_filters_actions_by_body_status_owner_meeting_and_overdue(world, client, panel_meetings, make_meeting):
    m47, m48 = panel_meetings[:2]
    late = raise_one(m47, due_date=dt.date(2017, 9, 1))
    services.raise_action(m47, by=None, text="DCC to report.", owner="DCC", due_date=world.today + dt.timedelta(5))
    proposed(raise_one(m48))
    raise_one(make_meeting(body=world.tabasc, days_ahead=-1))

    def refs(query):
        return [a["reference"] for a in client.get(f"/api/actions?{query}").json()["items"]]

    assert refs("body=panel&owner=secas&meeting=" + str(m47.pk)) == ["SECP47/01"]
    assert refs("status=PROPOSE_TO_CLOSE") == ["SECP48/01"]
    assert refs("overdue=true") == [late.reference]
    assert refs("overdue=false&body=panel") == ["SECP47/02", "SECP48/01"]
    assert client.get("/api/actions?overdue=true").json()["items"][0]["overdue"] is True


def test_a_target_meeting_in_the_past_makes_an_action_overdue(world, client, panel_meetings):
    raise_one(panel_meetings[0], target_meeting=panel_meetings[1])
    item = client.get("/api/actions?overdue=true").json()["items"][0]
    assert (item["deadline"], item["overdue"]) == ("2017-09-10", True)


def test_an_update_cites_only_the_papers_the_caller_may_see(world, client, panel_meetings):
    action = raise_one(panel_meetings[0])
    open_item = panel_meetings[1].agenda_items.get(number=2)
    secret_item = governance.add_agenda_item(panel_meetings[1], by=None, title="Incident", classification="AMBER")
    papers = [
        governance.create_paper(by=None, agenda_item=item, title=title, paper_date=dt.date(2017, 9, 1))
        for item, title in [(open_item, "Register"), (secret_item, "canary-AMBER report")]
    ]
    services.add_update(action, by=None, text="See the papers.", on=dt.date(2017, 9, 1), papers=papers)
    for role, titles in [("party", ["Register"]), ("member", ["Register", "canary-AMBER report"])]:
        response = client.get(f"/api/actions/{action.pk}", headers=headers(world, role))
        (update,) = response.json()["updates"]
        assert sorted(p["title"] for p in update["papers"]) == titles


def test_actions_outstanding_gives_the_three_tables_the_caller_may_see(world, client, panel_meetings):
    m47, m48 = panel_meetings[:2]
    proposed(raise_one(m47, text="Done"))
    raise_one(m47, text="Open")
    raise_one(m47, text="canary-AMBER Members only", classification="AMBER")
    response = client.get(f"/api/meetings/{m48.pk}/actions-outstanding", headers=headers(world, "party"))
    body = response.json()
    assert (body["meeting"], body["previous_meeting"], body["reference"]) == (m48.pk, m47.pk, "SECP_48_1009_01")
    assert [r["text"] for r in body["propose_to_close"]] == ["Done"]
    assert [r["text"] for r in body["outstanding"]] == ["Open"]
    assert "canary-AMBER" not in response.content.decode()
    member = client.get(f"/api/meetings/{m48.pk}/actions-outstanding", headers=headers(world, "member")).json()
    assert len(member["outstanding"]) == 2


def test_actions_outstanding_of_a_hidden_meeting_is_404(world, client, make_meeting):
    meeting = make_meeting(classification="AMBER")
    response = client.get(f"/api/meetings/{meeting.pk}/actions-outstanding", headers=headers(world, "party"))
    assert response.status_code == 404


# Who may write


def test_it_answers_401_to_a_write_without_a_token(world, client, panel_meetings):
    response = client.post(f"/api/meetings/{panel_meetings[0].pk}/actions", {"text": "x", "owner": "SECAS"})
    assert response.status_code == 401
    assert not Action.objects.exists()


def test_it_answers_403_to_a_write_with_a_members_token(world, client, panel_meetings):
    payload = {"text": "x", "owner": "SECAS"}
    response = send(client, "post", f"/api/meetings/{panel_meetings[0].pk}/actions", payload, headers(world, "member"))
    assert response.status_code == 403
    assert not Action.objects.exists()


def test_it_answers_403_to_closing_with_a_party_token_and_changes_nothing(world, client, panel_meetings):
    action = proposed(raise_one(panel_meetings[0]))
    url = f"/api/actions/{action.pk}/close"
    response = send(client, "post", url, {"at_meeting": panel_meetings[1].pk}, headers(world, "party"))
    assert response.status_code == 403
    assert Action.objects.get().status == "PROPOSE_TO_CLOSE"


def test_it_answers_404_to_the_secretariat_for_a_red_action_they_are_not_named_on(world, client, actions, secretariat):
    response = send(client, "patch", f"/api/actions/{actions['RED'].pk}", {"owner": "DCC"}, secretariat)
    assert response.status_code == 404
    assert Action.objects.get(pk=actions["RED"].pk).owner == "SECAS"


# Writing actions


def test_it_raises_an_action_with_the_next_reference(world, client, panel_meetings, secretariat):
    m47 = panel_meetings[0]
    raise_one(m47)
    payload = {"text": "DCC to report.", "owner": "DCC", "owner_person": world.users.member.person.pk}
    response = send(client, "post", f"/api/meetings/{m47.pk}/actions", payload, secretariat)
    assert (response.status_code, response.json()["reference"]) == (201, "SECP47/02")
    action = Action.objects.get(reference="SECP47/02")
    assert (action.owner_person, action.history.get().history_user) == (
        world.users.member.person,
        world.users.secretariat,
    )


def test_it_refuses_a_duplicate_action_reference(world, client, panel_meetings, secretariat):
    raise_one(panel_meetings[0])
    payload = {"text": "Again", "owner": "SECAS", "sequence": 1}
    response = send(client, "post", f"/api/meetings/{panel_meetings[0].pk}/actions", payload, secretariat)
    assert refusal(response) == (400, [("sequence", "Action SECP47/01 already exists.")])
    assert Action.objects.count() == 1


def test_it_refuses_an_owner_person_that_does_not_exist(world, client, panel_meetings, secretariat):
    payload = {"text": "x", "owner": "SECAS", "owner_person": 999999}
    response = send(client, "post", f"/api/meetings/{panel_meetings[0].pk}/actions", payload, secretariat)
    assert (response.status_code, refusal(response)[1][0][0]) == (400, "owner_person")
    assert not Action.objects.exists()


def test_it_changes_only_the_fields_sent(world, client, panel_meetings, secretariat):
    action = raise_one(panel_meetings[0])
    response = send(client, "patch", f"/api/actions/{action.pk}", {"due_date": "2017-12-01"}, secretariat)
    assert response.status_code == 200
    action.refresh_from_db()
    assert (action.due_date, action.owner) == (dt.date(2017, 12, 1), "SECAS")


def test_it_adds_an_update_citing_a_paper(world, client, panel_meetings, secretariat):
    action = raise_one(panel_meetings[0])
    item = panel_meetings[1].agenda_items.get(number=2)
    paper = governance.create_paper(by=None, agenda_item=item, title="Register", paper_date=dt.date(2017, 9, 1))
    payload = {"text": "Drafted.", "on": "2017-09-01", "papers": [paper.pk]}
    response = send(client, "post", f"/api/actions/{action.pk}/updates", payload, secretariat)
    assert response.status_code == 201
    assert response.json()["papers"] == [{"id": paper.pk, "reference": paper.reference, "title": "Register"}]
    assert list(ActionUpdate.objects.get().papers.all()) == [paper]


def test_it_refuses_an_update_on_a_closed_action(world, client, panel_meetings, secretariat):
    action = services.close_action(proposed(raise_one(panel_meetings[0])), by=None, at_meeting=panel_meetings[1])
    response = send(client, "post", f"/api/actions/{action.pk}/updates", {"text": "More news"}, secretariat)
    assert refusal(response) == (400, [("body", "Action SECP47/01 is closed; reopen it to add an update.")])
    assert not ActionUpdate.objects.exists()


def test_it_proposes_to_close_closes_and_reopens_an_action(world, client, panel_meetings, secretariat):
    action = raise_one(panel_meetings[0])
    url = f"/api/actions/{action.pk}"
    body = send(client, "post", f"{url}/propose-to-close", {"update": "Published.", "on": "2017-09-01"}, secretariat)
    assert (body.json()["status"], body.json()["updates"][0]["text"]) == ("PROPOSE_TO_CLOSE", "Published.")
    body = send(client, "post", f"{url}/close", {"at_meeting": panel_meetings[1].pk}, secretariat).json()
    assert (body["status"], body["closed_at_meeting"], body["closed_on"]) == (
        "CLOSED",
        panel_meetings[1].pk,
        "2017-09-10",
    )
    body = send(client, "post", f"{url}/reopen", {"reason": "Link broken."}, secretariat).json()
    assert (body["status"], body["updates"][-1]["text"]) == ("OPEN", "Reopened: Link broken.")


def test_it_refuses_to_close_an_open_action_and_changes_nothing(world, client, panel_meetings, secretariat):
    action = raise_one(panel_meetings[0])
    response = send(
        client, "post", f"/api/actions/{action.pk}/close", {"at_meeting": panel_meetings[1].pk}, secretariat
    )
    status, problems = refusal(response)
    assert (status, problems[0][0]) == (400, "body")
    assert "only an action proposed to close can be closed" in problems[0][1]
    assert Action.objects.get().status == "OPEN"


def test_it_refuses_to_close_at_a_meeting_that_does_not_exist(world, client, panel_meetings, secretariat):
    action = proposed(raise_one(panel_meetings[0]))
    response = send(client, "post", f"/api/actions/{action.pk}/close", {"at_meeting": 999999}, secretariat)
    assert refusal(response) == (400, [("at_meeting", "There is no meeting 999999 that you can see.")])
    assert Action.objects.get().status == "PROPOSE_TO_CLOSE"


def test_it_refuses_to_reopen_without_a_reason(world, client, panel_meetings, secretariat):
    action = services.close_action(proposed(raise_one(panel_meetings[0])), by=None, at_meeting=panel_meetings[1])
    response = send(client, "post", f"/api/actions/{action.pk}/reopen", {"reason": " "}, secretariat)
    assert refusal(response) == (400, [("reason", "Say why the action is reopened.")])
    assert (Action.objects.get().status, ActionUpdate.objects.count()) == ("CLOSED", 0)


# Decisions


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_each_role_lists_exactly_the_decisions_it_may_see(world, client, decisions, role):
    response = client.get("/api/decisions", headers=headers(world, role))
    visible = {level for level in LEVELS if level in ENTITLED_LEVELS[role]}
    assert {d["classification"] for d in response.json()["items"]} == visible
    for level in set(LEVELS) - visible:
        assert f"canary-{level}" not in response.content.decode()
        assert client.get(f"/api/decisions/{decisions[level].pk}", headers=headers(world, role)).status_code == 404


def test_it_filters_decisions_by_verb_date_text_and_ex_committee(world, client, panel_meetings):
    services.record_decision(by=None, verb="NOTED", text="the report.", meeting=panel_meetings[0])
    services.record_decision(by=None, verb="APPROVED", text="the ToR.", meeting=panel_meetings[1])
    services.record_decision(
        by=None, verb="AGREED", text="the plan.", body=world.panel, decided_on=dt.date(2017, 9, 20)
    )

    def texts(query):
        return [d["text"] for d in client.get(f"/api/decisions?{query}").json()["items"]]

    assert texts("verb=APPROVED") == ["the ToR."]
    assert texts("date_from=2017-09-01&date_to=2017-09-15") == ["the ToR."]
    assert texts("q=REPORT&body=panel") == ["the report."]
    assert texts("ex_committee=true") == ["the plan."]
    assert texts("body=tabasc") == []


def test_it_records_a_decision_under_an_agenda_item(world, client, panel_meetings, secretariat):
    meeting = panel_meetings[0]
    item = meeting.agenda_items.get(number=2)
    payload = {"meeting": meeting.pk, "agenda_item": item.pk, "verb": "APPROVED", "text": "the Delegations Register."}
    response = send(client, "post", "/api/decisions", payload, secretariat)
    assert response.status_code == 201
    assert (response.json()["sentence"], response.json()["decided_on"]) == (
        "APPROVED the Delegations Register.",
        "2017-08-10",
    )


def test_it_records_an_ex_committee_decision_by_majority(world, client, secretariat):
    payload = {
        "body": "panel",
        "decided_on": "2017-09-20",
        "verb": "AGREED",
        "text": "the extension.",
        "by_majority": True,
        "dissent": "two Panel Members did not agree",
    }
    body = send(client, "post", "/api/decisions", payload, secretariat).json()
    assert (body["ex_committee"], body["meeting"], body["dissent"]) == (True, None, "two Panel Members did not agree")


def test_it_refuses_an_ex_committee_decision_without_its_date(world, client, secretariat):
    payload = {"body": "panel", "verb": "AGREED", "text": "the extension."}
    response = send(client, "post", "/api/decisions", payload, secretariat)
    assert refusal(response)[1][0][0] == "decided_on"
    assert not Decision.objects.exists()


def test_it_refuses_dissent_on_a_unanimous_decision(world, client, panel_meetings, secretariat):
    payload = {"meeting": panel_meetings[0].pk, "verb": "AGREED", "text": "x", "dissent": "one member"}
    response = send(client, "post", "/api/decisions", payload, secretariat)
    assert refusal(response) == (400, [("dissent", "Dissent is recorded only for a decision taken by majority.")])
    assert not Decision.objects.exists()


# Minutes


def test_it_starts_writes_and_approves_minutes_at_the_next_meeting(world, client, panel_meetings, secretariat):
    m47, m48 = panel_meetings[:2]
    item = m47.agenda_items.get(number=2)
    minutes = send(client, "post", f"/api/meetings/{m47.pk}/minutes", {}, secretariat).json()
    entry = send(
        client, "put", f"/api/minutes/{minutes['id']}/items/{item.pk}", {"narrative": "The Panel noted."}, secretariat
    )
    assert entry.json() == {
        "agenda_item": item.pk,
        "number": 2,
        "title": "Delegations Register",
        "narrative": "The Panel noted.",
        "revision": 1,
    }
    response = send(client, "post", f"/api/minutes/{minutes['id']}/approve", {"at_meeting": m48.pk}, secretariat)
    body = response.json()
    assert (body["status"], body["approved_on"], body["reference"]) == (
        "APPROVED",
        "2017-09-10",
        "SECP_47_1008_MINUTES",
    )
    assert Decision.objects.get().sentence == "APPROVED the minutes of meeting 47 held on 10 August 2017"


def test_it_refuses_to_approve_minutes_twice(world, client, panel_meetings, secretariat):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    services.approve_minutes(minutes, by=None, at_meeting=panel_meetings[1])
    response = send(
        client, "post", f"/api/minutes/{minutes.pk}/approve", {"at_meeting": panel_meetings[2].pk}, secretariat
    )
    msg = "The Minutes of Panel meeting 47 were already approved on 10/09/2017."
    assert refusal(response) == (400, [("body", msg)])
    assert Decision.objects.count() == 1


def test_it_refuses_an_ex_committee_approval_without_a_date(world, client, panel_meetings, secretariat):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    response = send(client, "post", f"/api/minutes/{minutes.pk}/approve", {}, secretariat)
    assert refusal(response) == (400, [("on", "Give the date of the ex-committee approval.")])
    assert Minutes.objects.get().status == "DRAFT"


def test_it_refuses_second_minutes_of_the_same_kind(world, client, panel_meetings, secretariat):
    services.start_minutes(panel_meetings[0], by=None)
    response = send(client, "post", f"/api/meetings/{panel_meetings[0].pk}/minutes", {}, secretariat)
    assert refusal(response) == (400, [("body", "Panel meeting 47 already has minutes.")])


def test_it_refuses_to_minute_a_confidential_item_in_the_public_minutes(world, client, panel_meetings, secretariat):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    item = governance.add_agenda_item(panel_meetings[0], by=None, title="Incident", classification="AMBER")
    response = send(client, "put", f"/api/minutes/{minutes.pk}/items/{item.pk}", {"narrative": "x"}, secretariat)
    assert (response.status_code, refusal(response)[1][0][0]) == (400, "agenda_item")
    assert not MinuteEntry.objects.exists()


def test_confidential_minutes_are_hidden_from_a_party_user_and_shown_to_a_member(world, client, panel_meetings):
    meeting = panel_meetings[0]
    item = governance.add_agenda_item(meeting, by=None, title="Incident", classification="AMBER")
    minutes = services.start_minutes(meeting, by=None, confidential=True)
    services.write_minute(minutes, item, by=None, narrative="canary-AMBER The Panel discussed the incident.")
    party = headers(world, "party")
    assert client.get(f"/api/minutes/{minutes.pk}", headers=party).status_code == 404
    assert "canary-AMBER" not in client.get("/api/minutes", headers=party).content.decode()
    body = client.get(f"/api/minutes/{minutes.pk}", headers=headers(world, "member")).json()
    assert [e["narrative"] for e in body["entries"]] == ["canary-AMBER The Panel discussed the incident."]


def test_it_lists_minutes_by_meeting(world, client, panel_meetings):
    for meeting in panel_meetings[:2]:
        services.start_minutes(meeting, by=None)
    items = client.get(f"/api/minutes?meeting={panel_meetings[1].pk}&body=panel").json()["items"]
    assert [m["meeting"] for m in items] == [panel_meetings[1].pk]


def test_the_status_filter_takes_outstanding_and_all(world, client, panel_meetings):
    proposed(raise_one(panel_meetings[0]))
    services.close_action(proposed(raise_one(panel_meetings[0])), by=None, at_meeting=panel_meetings[1])
    assert client.get("/api/actions?status=outstanding").json()["count"] == 1
    assert client.get("/api/actions?status=all").json()["count"] == 2


def test_list_queries_do_not_grow_with_the_rows(world, client, panel_meetings):
    auth = headers(world, "member")
    urls = ["/api/actions", "/api/decisions", "/api/minutes"]

    def add_rows(meeting):
        action = raise_one(meeting, target_meeting=panel_meetings[3], owner_body=world.panel)
        services.add_update(action, by=None, text="Done.")
        services.record_decision(by=None, verb="NOTED", text="x", meeting=meeting)
        services.approve_minutes(services.start_minutes(meeting, by=None), by=None, on=dt.date(2017, 12, 1))

    add_rows(panel_meetings[0])
    queries_for(client, urls[0], auth)  # The token's first use records when it was used.
    few = [queries_for(client, url, auth) for url in urls]
    for meeting in panel_meetings[1:]:
        add_rows(meeting)
    assert [queries_for(client, url, auth) for url in urls] == few
