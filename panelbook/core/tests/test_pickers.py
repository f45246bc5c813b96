"""Searchable pickers: long lists of people, papers and agenda items filter as you type, with Tom
Select installed from the npm registry and served by panelbook itself."""

import re

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from panelbook.actions import services as actions
from panelbook.governance import services


def test_tom_select_is_installed_and_served_by_panelbook():
    assert finders.find("tom-select/js/tom-select.complete.min.js")
    assert finders.find("tom-select/css/tom-select.default.min.css")
    assert finders.find("core/pickers.js")


def test_the_new_paper_form_offers_its_agenda_items_and_recipients_as_pickers(world, secretariat_client):
    page = secretariat_client.get("/papers/new/").content.decode()
    assert '<select name="agenda_item" data-picker' in page
    recipients = re.search(r'<select name="recipients"[^>]*>', page)
    assert recipients and "data-picker" in recipients[0]
    assert f'<script src="{static("tom-select/js/tom-select.complete.min.js")}" defer></script>' in page
    assert static("tom-select/js/tom-select.complete.min.js").startswith("/static/")  # served here, no CDN


def test_the_agenda_item_form_offers_its_presenter_as_a_picker(world, make_meeting, secretariat_client):
    page = secretariat_client.get(f"/meetings/{make_meeting().pk}/items/new/").content.decode()
    assert '<select name="presenter" data-picker' in page


def test_an_updates_papers_are_a_picker(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=-1)
    action = actions.raise_action(meeting, by=None, text="To report.", owner="SECAS")
    services.add_agenda_item(meeting, by=None, title="Item")
    page = secretariat_client.get(action.get_absolute_url()).content.decode()
    assert '<select name="papers" data-picker' in page
    assert static("core/pickers.js") in page


def test_the_action_and_decision_forms_pick_meetings_and_bodies_as_you_type(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=-1)
    make_meeting(days_ahead=30)
    for title in ("First", "Second"):
        services.add_agenda_item(meeting, by=None, title=title)
    action_form = secretariat_client.get(f"/meetings/{meeting.pk}/actions/new/").content.decode()
    decision_form = secretariat_client.get(f"/meetings/{meeting.pk}/decisions/new/").content.decode()
    ex_committee = secretariat_client.get("/decisions/ex-committee/new/").content.decode()
    assert '<select name="target_meeting" data-picker' in action_form
    assert '<select name="body" data-picker' in ex_committee
    # A meeting's own short agenda stays a plain list, quickest by keyboard.
    assert '<select name="agenda_item" id="id_agenda_item">' in action_form + decision_form


def test_recipients_are_named_as_people_not_by_their_user_names(world, secretariat_client):
    from panelbook.governance.models import Person

    person = Person.objects.get(user=world.users.member)
    person.name = "Morgan Ashby"
    person.save()
    page = secretariat_client.get("/papers/new/").content.decode()
    recipients = page[page.index('<select name="recipients"') :]
    recipients = recipients[: recipients.index("</select>")]
    assert f'<option value="{world.users.member.pk}">Morgan Ashby (Northwind Energy Ltd)</option>' in recipients
