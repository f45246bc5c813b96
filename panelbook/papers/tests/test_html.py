"""The HTML includes other pages use, and the cost of a paper in queries."""

import re

from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext

from panelbook.actions import services
from panelbook.actions.reports import actions_tables, minutes_report
from panelbook.papers.tests.conftest import raise_action


def test_actions_tables_include_renders_the_three_tables(world, meeting_49):
    html = render_to_string("papers/_actions_tables.html", {"tables": actions_tables(meeting_49, world.users.public)})
    assert html.count("<table") == 3 and html.count('<th scope="col">Action Reference</th>') == 3
    assert "<h2>Actions – propose to close</h2>" in html
    assert re.search(r'<td><a href="/actions/\d+/"><strong>SECP47/03</strong></a></td>', html)
    assert "Paper Reference" not in html  # The including page has its own heading and front matter.


def test_minutes_body_include_renders_items_decisions_and_actions(world, panel_meetings):
    item = panel_meetings[0].agenda_items.get(number=2)
    minutes = services.start_minutes(panel_meetings[0], by=None)
    services.write_minute(minutes, item, by=None, narrative="SECAS presented the register.")
    services.record_decision(by=None, meeting=panel_meetings[0], agenda_item=item, verb="NOTED", text="the paper")
    raise_action(panel_meetings[0], "SECAS to publish it.", agenda_item=item)
    html = render_to_string("papers/_minutes_body.html", {"report": minutes_report(minutes, world.users.public)})
    assert "<h2>2. Delegations Register</h2>" in html
    assert '<p class="lead">The Panel:</p>' in html and "<li>NOTED the paper.</li>" in html
    assert '<p class="action-line"><strong>ACTION SECP47/01:</strong> SECAS to publish it.</p>' in html


def test_amber_row_shows_its_level_on_the_page(world, panel_meetings):
    raise_action(panel_meetings[0], "SECAS to brief members.", classification="AMBER")
    tables = actions_tables(panel_meetings[1], world.users.member)
    html = render_to_string("papers/_actions_tables.html", {"tables": tables})
    assert 'class="badge badge-amber"' in html


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_download_queries_do_not_grow_with_the_actions(world, panel_meetings):
    client = Client()
    client.force_login(world.users.member)
    m47, m48, _, m50 = panel_meetings
    for meeting in (m47, m48):
        action = raise_action(meeting, "SECAS to report.")
        services.add_update(action, by=None, text="Drafting.", on=meeting.date)
    for _ in range(8):
        raise_action(m48, "SECAS to report.")
    few = queries_for(client, f"/meetings/{m48.pk}/actions-outstanding.docx")
    many = queries_for(client, f"/meetings/{m50.pk}/actions-outstanding.docx")
    assert few == many
