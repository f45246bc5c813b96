"""The minutes written item by item on one page: every item the minutes record has its text box,
one sending saves the texts that changed, and a minute saved meanwhile by someone else refuses
the sending without losing what was typed."""

from __future__ import annotations

import pytest

from panelbook.actions import services
from panelbook.actions.models import MinuteEntry
from panelbook.core.classification import Classification
from panelbook.core.tests.pages import page_text
from panelbook.governance import services as governance

CANARY = "CANARY-minutes-page-7f30"


@pytest.fixture
def minuted(world, make_meeting):
    meeting = make_meeting(days_ahead=-2)
    items = [governance.add_agenda_item(meeting, by=None, title=t) for t in ("Minutes", "Budget", "Security")]
    governance.add_agenda_item(meeting, by=None, title="Supplier exit", classification=Classification.AMBER)
    return services.start_minutes(meeting, by=None), items


def sent(items, texts: list[str], revisions: list[int] | None = None) -> dict:
    data: dict[str, str | int] = {}
    for index, (item, text) in enumerate(zip(items, texts, strict=True)):
        data[f"minute_{item.pk}"] = text
        data[f"revision_{item.pk}"] = revisions[index] if revisions else 0
    return data


def test_every_open_item_has_its_box_and_a_confidential_one_does_not(world, minuted, secretariat_client):
    minutes, items = minuted
    page = secretariat_client.get(f"/minutes/{minutes.pk}/write/").content.decode()
    assert [f'name="minute_{item.pk}"' in page for item in items] == [True, True, True]
    assert "Supplier exit" not in page


def test_one_sending_saves_every_minute_that_changed(world, minuted, secretariat_client):
    minutes, items = minuted
    url = f"/minutes/{minutes.pk}/write/"
    response = secretariat_client.post(url, sent(items, ["The minutes were approved.", "", "The SSC reported."]))
    assert response.status_code == 302
    written = {e.agenda_item.title: e.narrative for e in MinuteEntry.objects.filter(minutes=minutes)}
    assert written == {"Minutes": "The minutes were approved.", "Security": "The SSC reported."}


def test_sending_the_same_texts_again_changes_nothing(world, minuted, secretariat_client):
    minutes, items = minuted
    url = f"/minutes/{minutes.pk}/write/"
    secretariat_client.post(url, sent(items, ["Approved.", "", ""]))
    again = secretariat_client.post(url, sent(items, ["Approved.", "", ""]))
    assert again.status_code == 302
    assert MinuteEntry.objects.get(minutes=minutes).history.count() == 1


def test_a_minute_saved_meanwhile_refuses_the_sending_and_keeps_the_typed_text(world, minuted, secretariat_client):
    minutes, items = minuted
    services.write_minute(minutes, items[1], by=None, narrative="Written by a colleague.")
    url = f"/minutes/{minutes.pk}/write/"
    response = secretariat_client.post(url, sent(items, ["Approved.", "My budget text.", ""]))
    text = page_text(response)
    assert response.status_code == 200 and "<title>Error:" in response.content.decode()
    assert "The minute of item 2 was saved by someone else after you opened this page" in text
    assert "My budget text." in text
    assert list(MinuteEntry.objects.filter(minutes=minutes).values_list("narrative", flat=True)) == [
        "Written by a colleague."
    ]


def test_approved_minutes_offer_no_box_to_save(world, minuted, secretariat_client, make_meeting):
    minutes, items = minuted
    services.approve_minutes(minutes, by=None, on=world.today)
    response = secretariat_client.post(f"/minutes/{minutes.pk}/write/", sent(items, ["Changed.", "", ""]))
    assert "are approved and can no longer be changed" in page_text(response)
    assert not MinuteEntry.objects.filter(minutes=minutes).exists()


def test_an_item_the_writer_may_not_see_is_not_on_the_page(world, make_meeting, secretariat_client):
    meeting = make_meeting(days_ahead=-2)
    governance.add_agenda_item(meeting, by=None, title="Budget")
    governance.add_agenda_item(
        meeting, by=None, title=CANARY, classification=Classification.RED, recipients=[world.users.recipient]
    )
    minutes = services.start_minutes(meeting, by=None, confidential=True, classification=Classification.AMBER)
    response = secretariat_client.get(f"/minutes/{minutes.pk}/write/")
    assert response.status_code == 200 and "Budget" in response.content.decode()
    assert CANARY not in response.content.decode()


def test_the_minutes_page_links_to_writing_them_all_on_one_page(world, minuted, secretariat_client):
    minutes, _ = minuted
    page = secretariat_client.get(f"/minutes/{minutes.pk}/").content.decode()
    assert f'href="/minutes/{minutes.pk}/write/"' in page
