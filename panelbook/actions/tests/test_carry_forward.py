"""The three actions tables of a pack, carried across meetings."""

import datetime as dt

from panelbook.actions import services
from panelbook.actions.reports import actions_tables


def references(rows):
    return [row.reference for row in rows]


def test_actions_carry_forward_across_three_meetings(world, panel_meetings):
    m47, m48, m49, m50 = panel_meetings
    a1 = services.raise_action(m47, by=None, text="SECAS to publish the Delegations Register.", owner="SECAS")
    a2 = services.raise_action(m47, by=None, text="DCC to report on SOC2 scope.", owner="DCC")
    a3 = services.raise_action(m47, by=None, text="OPSG to review the ToR.", owner="OPSG")
    b1 = services.raise_action(m48, by=None, text="SECAS to circulate the planner.", owner="SECAS")

    services.add_update(a1, by=None, text="Published on 1 September.", on=dt.date(2017, 9, 1))
    services.propose_to_close(a1, by=None, on=dt.date(2017, 9, 1))
    services.close_action(a1, by=None, at_meeting=m48)
    services.propose_to_close(a2, by=None, on=dt.date(2017, 10, 2))
    services.close_action(a2, by=None, at_meeting=m49)
    services.propose_to_close(a3, by=None, on=dt.date(2017, 10, 3))

    at48 = actions_tables(m48, world.users.secretariat)
    assert references(at48.completed) == []
    assert references(at48.propose_to_close) == ["SECP47/01"]
    assert references(at48.outstanding) == ["SECP47/02", "SECP47/03"]
    assert at48.propose_to_close[0].update == "Published on 1 September."

    at49 = actions_tables(m49, world.users.secretariat)
    assert references(at49.completed) == ["SECP47/01"]
    assert references(at49.propose_to_close) == ["SECP47/02", "SECP47/03"]
    assert references(at49.outstanding) == ["SECP48/01"]

    at50 = actions_tables(m50, world.users.secretariat)
    assert references(at50.completed) == ["SECP47/02"]
    assert references(at50.propose_to_close) == ["SECP47/03"]
    assert references(at50.outstanding) == ["SECP48/01"]
    assert b1.reference == "SECP48/01"


def test_actions_raised_at_the_meeting_itself_are_not_in_its_tables(world, panel_meetings):
    services.raise_action(panel_meetings[1], by=None, text="x", owner="SECAS")
    tables = actions_tables(panel_meetings[1], world.users.secretariat)
    assert tables.outstanding == []


def test_tables_leave_out_actions_the_reader_may_not_see(world, panel_meetings):
    services.raise_action(panel_meetings[0], by=None, text="Open to all", owner="SECAS")
    services.raise_action(panel_meetings[0], by=None, text="Members only", owner="SECAS", classification="AMBER")
    assert len(actions_tables(panel_meetings[1], world.users.public).outstanding) == 1
    assert len(actions_tables(panel_meetings[1], world.users.member).outstanding) == 2


def test_overdue_open_actions_are_marked_in_the_tables(world, panel_meetings):
    services.raise_action(panel_meetings[0], by=None, text="x", owner="SECAS", due_date=dt.date(2017, 9, 1))
    (row,) = actions_tables(panel_meetings[1], world.users.public).outstanding
    assert row.overdue


def test_an_ad_hoc_meeting_between_does_not_hide_closures(world, panel_meetings):
    m47, m48, m49, _ = panel_meetings
    from panelbook.governance import services as governance

    ad_hoc_start = m48.starts_at + dt.timedelta(days=10)
    governance.create_meeting(
        by=None,
        body=world.panel,
        number=99,
        kind="AD_HOC",
        starts_at=ad_hoc_start,
        ends_at=ad_hoc_start + dt.timedelta(hours=1),
    )
    action = services.raise_action(m47, by=None, text="x", owner="SECAS")
    services.propose_to_close(action, by=None, on=dt.date(2017, 9, 1))
    services.close_action(action, by=None, at_meeting=m48)
    assert references(actions_tables(m49, world.users.public).completed) == ["SECP47/01"]
