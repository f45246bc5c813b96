"""Reconcile: records are matched by reference and only what is new or different is proposed."""

from __future__ import annotations

import datetime as dt

from panelbook.actions import services as actions
from panelbook.governance import services as governance
from panelbook.ingest import matching, reconcile, services
from panelbook.ingest.tests.making import Paper, meeting_at

PACK = Paper("pack.txt", "SEC Panel pack", "SECP47/01 DCC to report.\nThe Panel NOTED it.\nSECMP0040 Scheduling")


def plan(document=None, **records):
    return reconcile.plan(PACK.processed({"body": "PANEL", "meeting": 47, **(document or {})}, **records).extraction)


def drafts_of(drafts, record_type):
    return [d for d in drafts if d.record_type == record_type]


def test_sources_are_not_compared_because_offsets_move():
    old = {"reference": "SECMP0040", "title": "Scheduling", "source": {"file": "a", "page": 1, "start": 5, "end": 9}}
    new = {"reference": "SECMP0040", "title": "Scheduling", "source": {"file": "a", "page": 2, "start": 90, "end": 94}}
    assert matching.payload_diff(old, new) == {}
    assert matching.payload_diff(old, {**new, "title": "Scheduling v2"}) == {"title": ["Scheduling", "Scheduling v2"]}


def test_nested_sources_and_spacing_are_ignored_too():
    old = {"agenda": [{"number": 1, "title": "Minutes  and\nActions", "source": {"start": 1}}]}
    new = {"agenda": [{"number": 1, "title": "Minutes and Actions", "source": {"start": 700}}]}
    assert matching.payload_diff(old, new) == {}


def test_body_codes_map_to_body_slugs():
    assert matching.body_code("SMKI PMA") == "smki-pma"
    assert matching.body_code("CHANGE BOARD") == "change-board"
    assert matching.body_code(None) == ""


def test_an_action_reference_names_the_body_meeting_and_sequence(world):
    bodies = matching.Bodies.load()
    ref = matching.parse_action_reference("TABASC 12/3", bodies)
    assert (ref.body, ref.meeting, ref.sequence, ref.reference) == (world.tabasc, 12, 3, "TABASC12/03")
    assert matching.parse_action_reference("XYZ12/03", bodies) is None
    assert matching.parse_action_reference("SECP-12", bodies) is None


def test_a_meeting_in_panelbook_on_the_same_date_proposes_nothing_and_on_another_date_an_update(world):
    meeting_at(world, 47, dt.date(2017, 8, 10))
    same = {"body": "PANEL", "number": 47, "date": "2017-08-10", "source": PACK.source("SEC Panel pack")}
    assert drafts_of(plan(meetings=[same]), "meeting") == []

    [moved] = drafts_of(plan(meetings=[{**same, "date": "2017-08-11"}]), "meeting")
    assert (moved.change, moved.target) == ("UPDATE", "Panel meeting 47")
    assert moved.diff == {"date": ["2017-08-10", "2017-08-11"]}


def test_a_decision_already_recorded_at_its_meeting_proposes_nothing(world):
    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    actions.record_decision(by=None, verb="NOTED", text="the update.", meeting=meeting)
    noted = {"body": "PANEL", "verb": "NOTED", "text": "the  update.", "item": None, "majority": False}

    assert drafts_of(plan(decisions=[noted]), "decision") == []
    [agreed] = drafts_of(plan(decisions=[{**noted, "verb": "AGREED"}]), "decision")
    assert (agreed.change, agreed.key, agreed.payload["meeting"]) == ("CREATE", "PANEL|47|AGREED|the update.", 47)


def test_a_decision_of_an_unknown_meeting_warns(world):
    noted = {"body": "TABASC", "verb": "NOTED", "text": "the update.", "item": None, "majority": False}
    [draft] = drafts_of(plan(decisions=[noted]), "decision")
    assert draft.warnings == ["The TABASC meeting of this decision is not known; give its number."]


def test_a_paper_in_panelbook_with_another_title_proposes_the_title(world):
    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    item = governance.add_agenda_item(meeting, by=None, number=5, title="Budget")
    governance.create_paper(by=None, agenda_item=item, title="SMKI budget", paper_date=dt.date(2017, 8, 1))
    document = {"reference": "SECP_47_1008_05", "date": "2017-08-01"}

    assert drafts_of(plan({**document, "title": "SMKI budget"}), "paper") == []
    [paper] = drafts_of(plan({**document, "title": "SMKI budget 2018"}), "paper")
    assert (paper.change, paper.diff) == ("UPDATE", {"title": ["SMKI budget", "SMKI budget 2018"]})


def test_a_red_action_does_not_show_its_values_in_the_differences(world):
    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    red = actions.raise_action(meeting, by=None, text="DCC to report.", owner="DCC", classification="RED")
    actions.add_update(red, by=None, text="Secret progress.")
    record = {"reference": "SECP47/01", "text": "DCC to report.", "update": "Done.", "status": "OPEN", "owner": "DCC"}

    [draft] = drafts_of(plan(actions=[record]), "action")

    assert draft.diff == {"update": ["(a RED record: not shown)", "Done."]}


def test_an_older_status_in_the_paper_is_not_a_difference(world):
    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    action = actions.raise_action(meeting, by=None, text="DCC to report.", owner="DCC")
    actions.propose_to_close(action, by=None)
    record = {"reference": "SECP47/01", "text": "DCC to report.", "update": None, "status": "OPEN", "owner": "DCC"}

    assert drafts_of(plan(actions=[record]), "action") == []


def test_held_records_match_an_accepted_proposal_of_any_earlier_file(world):
    modification = {"reference": "SECMP0040", "title": "Scheduling", "source": PACK.source("SECMP0040")}
    first = services.ingest(PACK.processed({"body": "PANEL"}, modifications=[modification]), by=None)
    accepted = services.accept_proposal(next(p for p in first.proposals if p.record_type == "modification"), by=None)

    assert drafts_of(plan(modifications=[{**modification, "source": None}]), "modification") == []
    [renamed] = drafts_of(plan(modifications=[{**modification, "title": "USA Scheduling"}]), "modification")
    assert (renamed.change, renamed.diff) == ("UPDATE", {"title": ["Scheduling", "USA Scheduling"]})
    assert renamed.target == f"accepted proposal #{accepted.pk}"


def test_a_record_repeated_in_a_file_is_proposed_once(world):
    modification = {"reference": "SECMP0040", "title": "Scheduling"}
    assert len(drafts_of(plan(modifications=[modification, dict(modification)]), "modification")) == 1
