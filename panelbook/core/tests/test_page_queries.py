"""The pages' database work does not grow with the rows they show: each list page, the meeting page
and the API lists run the same queries for a few rows as for three times as many, for every role,
and a meeting page reads no more rows for a longer past."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from panelbook.actions import services as actions
from panelbook.actions.models import Action
from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.core.tests.rows import add_items, add_meetings

LISTS = [
    "/",
    "/bodies/",
    "/bodies/panel/",
    "/meetings/",
    "/papers/",
    "/actions/",
    "/actions/?status=all",
    "/decisions/",
    "/calendar.ics",
    "/api/meetings",
    "/api/papers",
    "/api/actions",
    "/api/decisions",
    "/api/minutes",
]
ROLES = ["public", "member", "secretariat"]


def queries_for(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def counts(client, urls: list[str]) -> dict[str, int]:
    return {url: len(queries_for(client, url)) for url in urls}


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_take_the_same_queries_for_three_times_the_rows(world, role):
    client = client_for(world, role)
    add_meetings(world, 2)
    few = counts(client, LISTS)
    add_meetings(world, 4, first_number=3)
    assert counts(client, LISTS) == few


@pytest.mark.parametrize("role", ROLES)
def test_a_meeting_page_takes_the_same_queries_for_three_times_the_agenda(world, role):
    client = client_for(world, role)
    meeting = add_meetings(world, 1)[0]
    url = meeting.get_absolute_url()
    few = len(queries_for(client, url))
    for level in (Classification.GREEN, Classification.AMBER):
        add_items(world, meeting, level)
    assert len(queries_for(client, url)) == few


def actions_read_for(client, url: str) -> int:
    """How many actions the page loads from the database (each loaded row makes an instance)."""
    loaded = []

    def count(sender, **kwargs):
        loaded.append(sender)

    post_init.connect(count, sender=Action)
    try:
        assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(count, sender=Action)
    return len(loaded)


def close_at(meeting) -> None:
    for action in Action.objects.filter(meeting=meeting):
        actions.propose_to_close(action, by=None, on=meeting.date)
        actions.close_action(action, by=None, at_meeting=meeting)


def test_a_meeting_page_reads_no_more_actions_for_a_longer_closed_past(world):
    client = client_for(world, "secretariat")
    meeting, previous = add_meetings(world, 2)
    url = meeting.get_absolute_url()
    few = actions_read_for(client, url)
    for older in add_meetings(world, 3, first_number=3):
        close_at(older)
    assert actions_read_for(client, url) == few
