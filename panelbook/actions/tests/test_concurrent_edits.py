"""Actions and minutes edited by two people at once, and their create forms sent twice."""

import pytest

from panelbook.actions import services
from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes
from panelbook.conftest import make_user, signed_in
from panelbook.core.classification import Classification
from panelbook.core.concurrency import ALREADY_SENT
from panelbook.core.models import ApiToken
from panelbook.core.tests.pages import conflict_rows, hidden, page_text
from panelbook.governance import services as governance


@pytest.fixture
def action(world, panel_meetings):
    return services.raise_action(panel_meetings[0], by=None, text="SECAS to publish the register.", owner="SECAS")


@pytest.fixture
def second(world):
    return signed_in(make_user("second_secretary", is_secretariat=True))


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def send(client, method: str, url: str, data: dict, auth: dict, if_match: str | None = None):
    extra = {"If-Match": if_match} if if_match is not None else {}
    return getattr(client, method)(url, data, content_type="application/json", headers={**auth, **extra})


# Actions through the API


def test_a_stale_action_edit_is_refused_with_412_and_keeps_the_first(world, client, action):
    url = f"/api/actions/{action.pk}"
    auth = bearer(world.users.secretariat)
    etag = f'"{client.get(url, headers=auth).json()["revision"]}"'

    first = send(client, "patch", url, {"owner": "DCC"}, auth, if_match=etag)
    refused = send(client, "patch", url, {"owner": "SECAS Team"}, auth, if_match=etag)

    assert (first.status_code, first["ETag"]) == (200, '"2"')
    assert refused.status_code == 412
    assert refused.json()["changes"] == [{"field": "owner", "was": "SECAS", "now": "DCC"}]
    assert Action.objects.get(pk=action.pk).owner == "DCC"


def test_a_stale_action_edit_does_not_name_a_meeting_the_caller_may_not_see(world, client, panel_meetings, action):
    red_secretary = make_user("red_secretary", is_secretariat=True)
    hidden_meeting = governance.create_meeting(
        by=red_secretary,
        body=world.panel,
        number=99,
        starts_at=panel_meetings[3].starts_at.replace(year=2018),
        ends_at=panel_meetings[3].ends_at.replace(year=2018),
        classification=Classification.RED,
    )
    services.update_action(action, by=red_secretary, target_meeting=hidden_meeting)

    refused = send(
        client, "patch", f"/api/actions/{action.pk}", {"owner": "DCC"}, bearer(world.users.secretariat), '"1"'
    )

    assert refused.status_code == 412
    assert refused.json()["changes"] == [{"field": "target_meeting", "was": None, "now": None}]


# Minutes, on the page and through the API


def test_two_people_minuting_the_same_item_the_second_is_refused(world, panel_meetings, secretariat_client, second):
    minutes = services.start_minutes(panel_meetings[0], by=world.users.secretariat)
    item = panel_meetings[0].agenda_items.get(number=2)
    url = f"/minutes/{minutes.pk}/items/{item.pk}/"
    opened = hidden(second.get(url), "revision")
    assert opened == hidden(secretariat_client.get(url), "revision") == "0"

    secretariat_client.post(url, {"narrative": "The Panel noted the register.", "revision": opened})
    refused = second.post(url, {"narrative": "The Panel approved the register.", "revision": opened})
    assert refused.status_code == 200
    assert conflict_rows(refused) == [
        ["Narrative", "(empty)", "The Panel noted the register.", "The Panel approved the register."]
    ]
    assert MinuteEntry.objects.get().narrative == "The Panel noted the register."

    again = second.post(url, {"narrative": "The Panel approved the register.", "revision": hidden(refused, "revision")})
    assert again.status_code == 302
    assert MinuteEntry.objects.get().narrative == "The Panel approved the register."


def test_a_stale_minute_through_the_api_is_refused_with_412(world, client, panel_meetings):
    minutes = services.start_minutes(panel_meetings[0], by=world.users.secretariat)
    item = panel_meetings[0].agenda_items.get(number=2)
    url = f"/api/minutes/{minutes.pk}/items/{item.pk}"
    auth = bearer(world.users.secretariat)

    first = send(client, "put", url, {"narrative": "Noted."}, auth, if_match='"0"')
    refused = send(client, "put", url, {"narrative": "Approved."}, auth, if_match='"0"')

    assert (first.status_code, first["ETag"], first.json()["revision"]) == (200, '"1"', 1)
    assert refused.status_code == 412
    assert refused.json()["changes"] == [{"field": "narrative", "was": "", "now": "Noted."}]
    assert send(client, "put", url, {"narrative": "Approved."}, auth, if_match='"1"').status_code == 200


# Create forms sent twice


def test_an_action_form_sent_twice_raises_one_action(world, panel_meetings, secretariat_client):
    url = f"/meetings/{panel_meetings[0].pk}/actions/new/"
    data = {"text": "DCC to report.", "owner": "DCC", "classification": "WHITE"}
    data["form_token"] = hidden(secretariat_client.get(url), "form_token")
    first = secretariat_client.post(url, data)
    again = secretariat_client.post(url, data, follow=True)
    assert Action.objects.count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert ALREADY_SENT in page_text(again)


def test_an_update_sent_twice_is_added_once(world, action, secretariat_client):
    url = f"/actions/{action.pk}/"
    token = hidden(secretariat_client.get(url), "form_token")
    data = {"do": "update", "text": "Drafted.", "on": "2017-08-20", "form_token": token}
    secretariat_client.post(url, data)
    again = secretariat_client.post(url, data, follow=True)
    assert ActionUpdate.objects.filter(action=action).count() == 1
    assert ALREADY_SENT in page_text(again)


def test_a_decision_form_sent_twice_records_one_decision(world, panel_meetings, secretariat_client):
    meeting = panel_meetings[0]
    url = f"/meetings/{meeting.pk}/decisions/new/"
    data = {
        "agenda_item": meeting.agenda_items.get(number=2).pk,
        "verb": "NOTED",
        "text": "the register",
        "classification": "WHITE",
        "form_token": hidden(secretariat_client.get(url), "form_token"),
    }
    assert secretariat_client.post(url, data).status_code == 302
    assert secretariat_client.post(url, data).status_code == 302
    assert Decision.objects.filter(meeting=meeting).count() == 1


def test_a_minutes_form_sent_twice_starts_them_once_and_says_so(world, panel_meetings, secretariat_client):
    url = f"/meetings/{panel_meetings[0].pk}/minutes/new/"
    data = {"classification": "WHITE", "form_token": hidden(secretariat_client.get(url), "form_token")}
    first = secretariat_client.post(url, data)
    again = secretariat_client.post(url, data)
    assert (
        again.status_code == 302 and again["Location"] == first["Location"] == Minutes.objects.get().get_absolute_url()
    )
