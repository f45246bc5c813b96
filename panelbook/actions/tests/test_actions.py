"""The action lifecycle and its refusals."""

import datetime as dt

import pytest

from panelbook.actions import services
from panelbook.actions.models import Action
from panelbook.core.services import ServiceError


def raise_one(meeting, **extra):
    return services.raise_action(meeting, by=None, text="SECAS to publish the register.", owner="SECAS", **extra)


def test_references_number_actions_within_their_meeting(world, panel_meetings):
    m47 = panel_meetings[0]
    assert [raise_one(m47).reference for _ in range(3)] == ["SECP47/01", "SECP47/02", "SECP47/03"]


def test_each_body_uses_its_own_prefix(world, make_meeting):
    meeting = make_meeting(body=world.tabasc, number=64, days_ahead=-1)
    assert raise_one(meeting).reference == "TABASC64/01"


def test_duplicate_reference_is_refused_and_nothing_is_stored(world, panel_meetings):
    raise_one(panel_meetings[0], sequence=2)
    with pytest.raises(ServiceError, match="Action SECP47/02 already exists"):
        raise_one(panel_meetings[0], sequence=2)
    assert Action.objects.count() == 1


def test_open_to_propose_to_close_to_closed_at_a_meeting(world, panel_meetings):
    m47, m48 = panel_meetings[:2]
    action = raise_one(m47)
    services.propose_to_close(action, by=None, update="Published on the website.", on=dt.date(2017, 9, 1))
    services.close_action(action, by=world.users.secretariat, at_meeting=m48)
    action.refresh_from_db()
    assert (action.status, action.closed_at_meeting, action.closed_on) == ("CLOSED", m48, dt.date(2017, 9, 10))
    assert action.history.first().history_user == world.users.secretariat


def test_closing_an_open_action_is_refused(world, panel_meetings):
    action = raise_one(panel_meetings[0])
    with pytest.raises(ServiceError, match="only an action proposed to close can be closed"):
        services.close_action(action, by=None, at_meeting=panel_meetings[1])
    action.refresh_from_db()
    assert action.status == "OPEN"


def test_closing_at_another_bodys_meeting_is_refused(world, panel_meetings, make_meeting):
    action = raise_one(panel_meetings[0])
    services.propose_to_close(action, by=None)
    with pytest.raises(ServiceError, match="Only a meeting of Panel can close SECP47/01"):
        services.close_action(action, by=None, at_meeting=make_meeting(body=world.tabasc))


def test_update_on_a_closed_action_is_refused(world, panel_meetings):
    action = raise_one(panel_meetings[0])
    services.propose_to_close(action, by=None)
    services.close_action(action, by=None, at_meeting=panel_meetings[1])
    with pytest.raises(ServiceError, match="SECP47/01 is closed"):
        services.add_update(action, by=None, text="More news")
    assert action.updates.count() == 0


def test_updates_accumulate_with_cited_papers(world, panel_meetings):
    from panelbook.governance import services as governance

    action = raise_one(panel_meetings[0])
    item = panel_meetings[1].agenda_items.get(number=2)
    paper = governance.create_paper(by=None, agenda_item=item, title="Register", paper_date=dt.date(2017, 9, 1))
    services.add_update(action, by=None, text="Drafted.", on=dt.date(2017, 8, 20))
    services.add_update(action, by=None, text="See the paper.", on=dt.date(2017, 9, 1), papers=[paper])
    assert [u.text for u in action.updates.all()] == ["Drafted.", "See the paper."]
    assert list(action.updates.last().papers.all()) == [paper]


def test_reopened_action_is_open_again_with_the_reason_as_an_update(world, panel_meetings):
    action = raise_one(panel_meetings[0])
    services.propose_to_close(action, by=None)
    services.close_action(action, by=None, at_meeting=panel_meetings[1])
    services.reopen_action(action, by=None, reason="The register was not published after all.")
    action.refresh_from_db()
    assert action.status == "OPEN" and action.closed_at_meeting is None
    assert action.updates.last().text == "Reopened: The register was not published after all."


def test_overdue_actions_are_flagged(world, panel_meetings):
    late = raise_one(panel_meetings[0], due_date=dt.date(2017, 9, 1))
    raise_one(panel_meetings[0], due_date=dt.date(2030, 1, 1))
    raise_one(panel_meetings[0])
    assert list(Action.objects.overdue(today=dt.date(2017, 10, 1))) == [late]
    assert late.is_overdue(today=dt.date(2017, 10, 1))


def test_target_meeting_counts_as_the_deadline(world, panel_meetings):
    action = raise_one(panel_meetings[0], target_meeting=panel_meetings[1])
    assert action.is_overdue(today=dt.date(2017, 9, 11))
    assert not action.is_overdue(today=dt.date(2017, 9, 10))
