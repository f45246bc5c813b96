import datetime as dt

from panelbook.assurance.tests.helpers import party
from panelbook.conftest import client_for
from panelbook.governance import services as governance
from panelbook.governance.models import Paper


def test_the_party_update_page_and_api_list_the_parties_admitted_since_the_last_meeting(world, make_meeting):
    first = make_meeting(days_ahead=-60, number=100)
    second = make_meeting(days_ahead=-10, number=101)
    party("Between Energy", acceded=first.date, countersigned=first.date + dt.timedelta(days=3))
    page = client_for(world, "public").get(f"/meetings/{second.pk}/party-update/").content.decode()
    assert "Between Energy" in page and "Write the update" not in page
    api = client_for(world, "public").get(f"/api/meetings/{second.pk}/party-update").json()
    assert [p["name"] for p in api["admitted"]] == ["Between Energy"]
    assert api["since"] == first.date.isoformat()


def test_the_secretariat_writes_the_update_into_an_agenda_item(world, make_meeting):
    meeting = make_meeting(days_ahead=-10, number=101)
    item = governance.add_agenda_item(meeting, by=None, title="SEC Party update")
    party("Between Energy", acceded=meeting.date, countersigned=meeting.date)
    response = client_for(world, "secretariat").post(f"/meetings/{meeting.pk}/party-update/", {"agenda_item": item.pk})
    assert response.status_code == 302
    assert "Between Energy" in Paper.objects.get(agenda_item=item).summary


def test_a_counts_period_that_ends_before_it_begins_is_refused_by_field(world):
    page = client_for(world, "member").get("/assurance/counts/?since=2024-05-01&until=2024-01-01").content.decode()
    assert "The period begins after it ends" in page
    api = client_for(world, "member").get("/api/assurance/counts?since=2024-05-01&until=2024-01-01")
    assert api.status_code == 400 and api.json()["detail"][0]["loc"] == ["query", "since"]


def test_only_the_secretariat_may_admit_a_party(world):
    assert client_for(world, "member").get("/parties/new/").status_code == 403
    assert client_for(world, "secretariat").get("/parties/new/").status_code == 200


def test_a_panel_meetings_page_links_to_its_party_update_and_a_sub_committees_does_not(world, make_meeting):
    panel = make_meeting(days_ahead=-10, number=102)
    tabasc = make_meeting(body=world.tabasc, days_ahead=-10, number=103)
    client = client_for(world, "public")
    assert f'href="/meetings/{panel.pk}/party-update/"' in client.get(panel.get_absolute_url()).text
    assert "party-update" not in client.get(tabasc.get_absolute_url()).text
