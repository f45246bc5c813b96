"""Quick forms: an action's owner named in one field, and a new paper started from its agenda item."""

from panelbook.actions import services
from panelbook.actions.models import Action
from panelbook.core.tests.pages import hidden
from panelbook.governance import services as governance
from panelbook.governance.models import Person


def action_data(owner: str, **extra) -> dict:
    return {"text": "To report back.", "owner": owner, "classification": "WHITE", **extra}


def test_the_action_form_has_one_owner_field_suggesting_people_parties_and_bodies(
    world, panel_meetings, secretariat_client
):
    body = secretariat_client.get(f"/meetings/{panel_meetings[0].pk}/actions/new/").content.decode()
    assert 'name="owner_person"' not in body and 'name="owner_organisation"' not in body
    assert 'name="owner_body"' not in body
    assert 'list="owner-suggestions"' in body
    for suggestion in ("Member (Northwind Energy Ltd)", "Northwind Energy Ltd", "TABASC"):
        assert f'<option value="{suggestion}">' in body


def test_picking_a_person_links_the_action_to_them(world, panel_meetings, secretariat_client):
    url = f"/meetings/{panel_meetings[0].pk}/actions/new/"
    assert secretariat_client.post(url, action_data("Member (Northwind Energy Ltd)")).status_code == 302
    action = Action.objects.get()
    assert action.owner_person == Person.objects.get(user=world.users.member) and action.owner == "Member"
    assert action.owner_organisation is None and action.owner_body is None


def test_picking_a_party_or_a_body_links_it(world, panel_meetings, secretariat_client):
    url = f"/meetings/{panel_meetings[0].pk}/actions/new/"
    secretariat_client.post(url, action_data("Northwind Energy Ltd"))
    secretariat_client.post(url, action_data("TABASC"))
    party, body = Action.objects.order_by("sequence")
    assert party.owner_organisation == world.supplier and party.owner == "Northwind Energy Ltd"
    assert body.owner_body == world.tabasc and body.owner_person is None


def test_an_owner_not_suggested_is_kept_as_written(world, panel_meetings, secretariat_client):
    secretariat_client.post(f"/meetings/{panel_meetings[0].pk}/actions/new/", action_data("All Panel members"))
    action = Action.objects.get()
    assert action.owner == "All Panel members" and action.owner_person is None


def test_correcting_the_owner_replaces_the_link(world, panel_meetings, secretariat_client):
    member = Person.objects.get(user=world.users.member)
    action = services.raise_action(panel_meetings[0], by=None, text="To report.", owner="Member", owner_person=member)
    url = f"/actions/{action.pk}/edit/"
    page = secretariat_client.get(url)
    assert 'value="Member (Northwind Energy Ltd)"' in page.content.decode()
    data = action_data("TABASC", reason="Owner misheard", revision=hidden(page, "revision"))
    assert secretariat_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.owner_body, action.owner_person, action.owner) == (world.tabasc, None, "TABASC")


def test_a_new_paper_for_an_item_takes_its_title_purpose_and_classification(world, make_meeting, secretariat_client):
    item = governance.add_agenda_item(
        make_meeting(), by=None, title="Budget for 2027", purpose="DECISION", classification="GREEN"
    )
    page = secretariat_client.get(f"/papers/new/?item={item.pk}").content.decode()
    assert 'name="title" value="Budget for 2027"' in page
    assert '<option value="DECISION" selected>' in page and '<option value="GREEN" selected>' in page


def test_a_new_paper_whose_item_is_picked_in_the_form_takes_the_items_title(world, make_meeting, secretariat_client):
    from panelbook.governance.models import Paper

    item = governance.add_agenda_item(make_meeting(), by=None, title="Budget for 2027")
    data = {"agenda_item": item.pk, "title": "", "purpose": "INFORMATION", "author": "SECAS Team"}
    data |= {"paper_date": world.today.isoformat(), "classification": "WHITE"}
    assert secretariat_client.post("/papers/new/", data).status_code == 302
    assert Paper.objects.get().title == "Budget for 2027"


def test_a_new_paper_for_no_item_and_no_title_is_asked_for_one(world, secretariat_client):
    data = {"body": world.panel.pk, "reference": "SECP_MISC_01", "title": "", "purpose": "INFORMATION"}
    data |= {"paper_date": world.today.isoformat(), "classification": "WHITE"}
    response = secretariat_client.post("/papers/new/", data)
    assert response.status_code == 200 and "Title: Give the paper a title." in response.content.decode()
