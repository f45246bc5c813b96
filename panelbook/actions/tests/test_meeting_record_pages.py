"""A meeting's record as read on its pages: decisions in the order of its agenda, whatever order they
were typed in; action references that lead to the actions; draft minutes that say so once."""

from __future__ import annotations

import re

from panelbook.actions import services
from panelbook.conftest import client_for
from panelbook.governance import services as governance


def test_the_decision_register_lists_a_meetings_decisions_in_agenda_order(world, make_meeting):
    meeting = make_meeting(number=60, days_ahead=-3)
    items = {n: governance.add_agenda_item(meeting, by=None, title=f"Topic {n}") for n in range(1, 11)}
    for n in (10, 2, 1):
        services.record_decision(
            by=None, verb="NOTED", text=f"the report of topic {n}", meeting=meeting, agenda_item=items[n]
        )
    page = client_for(world, "public").get("/decisions/").content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert re.findall(r"the report of topic (\d+)", table) == ["1", "2", "10"]


def test_the_meeting_page_lists_decisions_in_agenda_order(world, make_meeting):
    meeting = make_meeting(number=61, days_ahead=-3)
    items = {n: governance.add_agenda_item(meeting, by=None, title=f"Topic {n}") for n in range(1, 11)}
    for n in (10, 2, 1):
        services.record_decision(
            by=None, verb="NOTED", text=f"the report of topic {n}", meeting=meeting, agenda_item=items[n]
        )
    page = client_for(world, "public").get(f"/meetings/{meeting.pk}/").content.decode()
    decisions = page[page.index('id="decisions-heading"') :]
    assert re.findall(r"the report of topic (\d+)", decisions) == ["1", "2", "10"]


def test_action_references_in_the_meetings_tables_link_to_the_actions(world, make_meeting):
    earlier = make_meeting(number=62, days_ahead=-40)
    make_meeting(number=63, days_ahead=-10)
    action = services.raise_action(earlier, by=None, text="Circulate the revised plan", owner="SECAS")
    later = make_meeting(number=64, days_ahead=5)
    page = client_for(world, "public").get(f"/meetings/{later.pk}/").content.decode()
    assert action.reference in page
    assert f'<a href="/actions/{action.pk}/"><strong>{action.reference}</strong></a>' in page


def test_draft_minutes_say_once_that_they_are_not_yet_approved(world, make_meeting):
    meeting = make_meeting(number=65, days_ahead=-3)
    minutes = services.start_minutes(meeting, by=world.users.secretariat)
    page = client_for(world, "secretariat").get(f"/minutes/{minutes.pk}/").content.decode()
    main = page[page.index("<h1>") :]
    assert "Draft: not yet approved." in main
    assert main.count("Draft") == 1
