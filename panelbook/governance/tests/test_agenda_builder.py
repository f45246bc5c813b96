"""An agenda built in one form: every item's line, new items and the order, saved in one step
through one verb; numbers follow the order until papers carry them; nothing is half saved."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.core.classification import Classification
from panelbook.core.concurrency import StaleRevision
from panelbook.core.services import ServiceError
from panelbook.core.tests.pages import hidden, page_text
from panelbook.governance import services
from panelbook.governance.models import AgendaItem
from panelbook.governance.services import AgendaRow

CANARY = "CANARY-agenda-builder-5d1a"


def line(title: str, **fields) -> dict:
    return {"title": title, "purpose": "INFORMATION", "presenter": None, "classification": "WHITE", **fields}


def agenda(meeting) -> list[tuple[int, int, str]]:
    """(position, number, title) of each item, in the order taken."""
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    return [(item.position, item.number, item.title) for item in items]


@pytest.fixture
def three(world, make_meeting):
    meeting = make_meeting(days_ahead=20)
    for title in ("Minutes", "Budget", "Security"):
        services.add_agenda_item(meeting, by=None, title=title)
    return meeting, list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))


def rows_for(items, order: list[int]) -> list[AgendaRow]:
    return [AgendaRow(line(items[i].title), item=items[i], revision=items[i].revision) for i in order]


def test_a_new_agenda_is_numbered_in_the_order_of_its_lines(world, make_meeting):
    meeting = make_meeting(days_ahead=20)
    rows = [AgendaRow(line(title)) for title in ("Minutes and actions", "Budget", "Any other business")]
    services.build_agenda(meeting, rows, by=world.users.secretariat, renumber=True)
    assert agenda(meeting) == [(1, 1, "Minutes and actions"), (2, 2, "Budget"), (3, 3, "Any other business")]
    first = AgendaItem.objects.get(meeting=meeting, number=1)
    assert first.history.first().history_change_reason == "Agenda item added"


def test_renumbering_a_reordered_agenda_swaps_numbers_without_a_clash(world, three):
    meeting, items = three
    services.build_agenda(meeting, rows_for(items, [2, 0, 1]), by=None, renumber=True)
    assert agenda(meeting) == [(1, 1, "Security"), (2, 2, "Minutes"), (3, 3, "Budget")]
    security = AgendaItem.objects.get(meeting=meeting, title="Security")
    assert security.history.first().history_change_reason == "Agenda built"


def test_without_renumbering_the_published_numbers_stay_and_a_new_item_takes_the_next(world, three):
    meeting, items = three
    rows = [*rows_for(items, [2, 0]), AgendaRow(line("Late item")), *rows_for(items, [1])]
    services.build_agenda(meeting, rows, by=None, renumber=False)
    assert agenda(meeting) == [(1, 3, "Security"), (2, 1, "Minutes"), (3, 4, "Late item"), (4, 2, "Budget")]


def test_an_item_saved_since_the_form_was_opened_refuses_the_whole_agenda(world, three):
    meeting, items = three
    services.update_agenda_item(items[1], by=None, title="Budget (revised)")
    rows = [AgendaRow(line("Minutes, retitled"), item=items[0], revision=items[0].revision), *rows_for(items, [1, 2])]
    rows.append(AgendaRow(line("New item")))
    with pytest.raises(StaleRevision):
        services.build_agenda(meeting, rows, by=None, renumber=True)
    assert agenda(meeting) == [(1, 1, "Minutes"), (2, 2, "Budget (revised)"), (3, 3, "Security")]


def test_a_withdrawn_item_stays_after_the_others_with_its_number(world, three):
    meeting, items = three
    services.withdraw_agenda_item(items[0], by=None, reason="Moved to next month")
    services.build_agenda(meeting, rows_for(items, [2, 1]), by=None, renumber=False)
    assert agenda(meeting) == [(1, 3, "Security"), (2, 2, "Budget"), (3, 1, "Minutes")]
    assert AgendaItem.objects.get(meeting=meeting, number=1).is_withdrawn


def test_a_cancelled_meetings_agenda_is_refused(world, three):
    meeting, items = three
    services.cancel_meeting(meeting, by=None, reason="Not quorate")
    with pytest.raises(ServiceError, match="cancelled"):
        services.build_agenda(meeting, [AgendaRow(line("Extra"))], by=None, renumber=True)
    assert len(agenda(meeting)) == 3


# The page


def management(total: int, initial: int) -> dict:
    return {
        "rows-TOTAL_FORMS": total,
        "rows-INITIAL_FORMS": initial,
        "rows-MIN_NUM_FORMS": 0,
        "rows-MAX_NUM_FORMS": 200,
    }


def posted_line(index: int, order: int | str, title: str, item=None) -> dict:
    data = {
        f"rows-{index}-ORDER": order,
        f"rows-{index}-title": title,
        f"rows-{index}-purpose": "INFORMATION",
        f"rows-{index}-classification": "WHITE",
    }
    if item is not None:
        data |= {f"rows-{index}-item": item.pk, f"rows-{index}-revision": item.revision}
    return data


def test_the_page_lists_each_item_then_three_empty_lines(world, three, secretariat_client):
    meeting, items = three
    page = secretariat_client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    assert re.findall(r'name="rows-\d+-title"[^>]*value="([^"]*)"', page) == ["Minutes", "Budget", "Security"]
    assert page.count("<legend>New item</legend>") == 3 + 1  # and the template of a line the script adds
    assert re.search(r'<input type="checkbox" name="renumber"[^>]* checked>', page)


def test_the_page_reads_the_people_once_however_long_the_agenda(world, three, secretariat_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting, _ = three
    url = f"/meetings/{meeting.pk}/agenda/"
    with CaptureQueriesContext(connection) as short:
        secretariat_client.get(url)
    for number in range(6):
        services.add_agenda_item(meeting, by=None, title=f"Extra {number}")
    with CaptureQueriesContext(connection) as long:
        secretariat_client.get(url)
    assert len(long.captured_queries) == len(short.captured_queries)


def test_the_page_saves_new_items_and_the_order_once_however_often_it_is_sent(world, three, secretariat_client):
    meeting, items = three
    url = f"/meetings/{meeting.pk}/agenda/"
    token = hidden(secretariat_client.get(url), "form_token")
    data = {"form_token": token, "renumber": "on", **management(5, 3)}
    data |= posted_line(0, 2, "Minutes", items[0]) | posted_line(1, 3, "Budget", items[1])
    data |= posted_line(2, 1, "Security", items[2]) | posted_line(3, 4, "Forward plan") | posted_line(4, "", "")
    assert secretariat_client.post(url, data).status_code == 302
    assert secretariat_client.post(url, data).status_code == 302
    assert agenda(meeting) == [(1, 1, "Security"), (2, 2, "Minutes"), (3, 3, "Budget"), (4, 4, "Forward plan")]


def test_a_line_without_a_title_is_named_at_the_top_and_nothing_is_saved(world, three, secretariat_client):
    meeting, items = three
    url = f"/meetings/{meeting.pk}/agenda/"
    data = {"renumber": "on", **management(4, 3)}
    data |= posted_line(0, 1, "", items[0]) | posted_line(1, 2, "Budget", items[1])
    data |= posted_line(2, 3, "Security", items[2]) | posted_line(3, 4, "Forward plan")
    response = secretariat_client.post(url, data)
    text = page_text(response)
    assert response.status_code == 200 and "<title>Error:" in response.content.decode()
    assert "Line 1, Title: An item needs a title; to take it off the agenda, withdraw it instead." in text
    assert agenda(meeting) == [(1, 1, "Minutes"), (2, 2, "Budget"), (3, 3, "Security")]


def test_once_papers_carry_the_numbers_renumbering_is_not_ticked(world, three, secretariat_client):
    meeting, items = three
    upload = SimpleUploadedFile("budget.txt", b"Budget")
    services.create_paper(by=None, agenda_item=items[1], title="Budget", paper_date=world.today, upload=upload)
    page = secretariat_client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    assert (
        not re.search(r'name="renumber"[^>]* checked>', page)
        and "Papers already carry this agenda's item numbers." in page
    )


def test_a_paper_the_secretariat_may_not_see_does_not_show_on_the_agenda_page(world, three, secretariat_client):
    meeting, items = three
    services.create_paper(
        by=None,
        agenda_item=items[1],
        title=CANARY,
        paper_date=world.today,
        classification=Classification.RED,
        recipients=[world.users.recipient],
    )
    page = secretariat_client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    assert CANARY not in page and "Papers already carry" not in page
    assert re.search(r'name="renumber"[^>]* checked>', page)


def test_a_red_item_the_secretariat_may_not_see_is_neither_shown_nor_lost(world, three, secretariat_client):
    meeting, items = three
    services.add_agenda_item(
        meeting, by=None, title=CANARY, classification=Classification.RED, recipients=[world.users.recipient]
    )
    url = f"/meetings/{meeting.pk}/agenda/"
    page = secretariat_client.get(url)
    assert CANARY not in page.content.decode()
    data = {"form_token": hidden(page, "form_token"), "renumber": "on", **management(3, 3)}
    data |= posted_line(0, 1, "Security", items[2]) | posted_line(1, 2, "Minutes", items[0])
    data |= posted_line(2, 3, "Budget", items[1])
    assert secretariat_client.post(url, data).status_code == 302
    assert agenda(meeting) == [(1, 1, "Security"), (2, 2, "Minutes"), (3, 3, "Budget"), (4, 4, CANARY)]


def test_only_the_secretariat_builds_an_agenda(world, three, client):
    from panelbook.conftest import client_for

    meeting, _ = three
    assert client_for(world, "member").get(f"/meetings/{meeting.pk}/agenda/").status_code == 403
