"""Decisions (with dissent, ex-committee) and the minutes lifecycle."""

import datetime as dt

import pytest

from panelbook.actions import services
from panelbook.actions.models import Decision, Minutes
from panelbook.actions.reports import minutes_report
from panelbook.core.services import ServiceError
from panelbook.governance import services as governance


def test_majority_decision_keeps_the_dissent(world, panel_meetings):
    m47 = panel_meetings[0]
    item = m47.agenda_items.get(number=2)
    decision = services.record_decision(
        by=None,
        meeting=m47,
        agenda_item=item,
        verb="AGREED",
        text="to extend the timetable",
        by_majority=True,
        dissent="two Panel Members did not agree",
    )
    assert decision.sentence == "AGREED by majority to extend the timetable; two Panel Members did not agree"
    assert decision.decided_on == dt.date(2017, 8, 10) and not decision.ex_committee


def test_dissent_without_majority_is_refused(world, panel_meetings):
    with pytest.raises(ServiceError, match="only for a decision taken by majority"):
        services.record_decision(by=None, meeting=panel_meetings[0], verb="NOTED", text="x", dissent="one did not")
    assert not Decision.objects.exists()


def test_ex_committee_decision_needs_body_and_date(world):
    with pytest.raises(ServiceError, match="needs its body and the date"):
        services.record_decision(by=None, verb="APPROVED", text="the ToR")
    decision = services.record_decision(
        by=None, body=world.panel, decided_on=dt.date(2017, 8, 25), verb="APPROVED", text="the ToR"
    )
    assert decision.ex_committee and decision.meeting is None


def test_decision_item_must_belong_to_the_meeting(world, panel_meetings):
    other_item = panel_meetings[1].agenda_items.first()
    with pytest.raises(ServiceError, match="belongs to another meeting"):
        services.record_decision(by=None, meeting=panel_meetings[0], agenda_item=other_item, verb="NOTED", text="x")


def test_minutes_are_approved_at_a_later_meeting_with_the_decision_recorded(world, panel_meetings):
    m47, m48 = panel_meetings[:2]
    minutes = services.start_minutes(m47, by=None)
    services.approve_minutes(minutes, by=world.users.secretariat, at_meeting=m48)
    minutes.refresh_from_db()
    assert minutes.status == "APPROVED"
    assert minutes.approval.meeting == m48 and minutes.approval.agenda_item.number == 1
    assert minutes.approval.sentence == "APPROVED the minutes of meeting 47 held on 10 August 2017"


def test_minutes_can_be_approved_ex_committee(world, panel_meetings):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    minutes = services.approve_minutes(minutes, by=None, on=dt.date(2017, 8, 30))
    assert minutes_report(minutes, world.users.public).approved == "Approved ex-committee on 30 August 2017."


def test_approving_minutes_twice_is_refused(world, panel_meetings):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    services.approve_minutes(minutes, by=None, at_meeting=panel_meetings[1])
    with pytest.raises(ServiceError, match="already approved on 10/09/2017"):
        services.approve_minutes(minutes, by=None, at_meeting=panel_meetings[2])
    assert Decision.objects.count() == 1


def test_minutes_cannot_be_approved_at_an_earlier_meeting(world, panel_meetings):
    minutes = services.start_minutes(panel_meetings[1], by=None)
    with pytest.raises(ServiceError, match="approved at a later meeting"):
        services.approve_minutes(minutes, by=None, at_meeting=panel_meetings[0])


def test_approved_minutes_cannot_be_edited(world, panel_meetings):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    item = panel_meetings[0].agenda_items.first()
    services.approve_minutes(minutes, by=None, on=dt.date(2017, 8, 30))
    with pytest.raises(ServiceError, match="are approved and can no longer be changed"):
        services.write_minute(minutes, item, by=None, narrative="Late change")


def test_second_minutes_of_the_same_kind_are_refused(world, panel_meetings):
    services.start_minutes(panel_meetings[0], by=None)
    with pytest.raises(ServiceError, match="already has minutes"):
        services.start_minutes(panel_meetings[0], by=None)
    assert Minutes.objects.count() == 1


@pytest.fixture
def confidential_meeting(world, panel_meetings):
    m47 = panel_meetings[0]
    secret = governance.add_agenda_item(m47, by=None, title="CANARY Supplier of Last Resort", classification="AMBER")
    public = services.start_minutes(m47, by=None)
    confidential = services.start_minutes(m47, by=None, confidential=True)
    services.write_minute(public, m47.agenda_items.get(number=2), by=None, narrative="The Panel noted the register.")
    services.write_minute(confidential, secret, by=None, narrative="CANARY narrative of the SoLR discussion.")
    services.record_decision(
        by=None, meeting=m47, agenda_item=secret, verb="AGREED", text="CANARY SoLR approach", classification="AMBER"
    )
    return public, confidential, secret


def test_confidential_item_cannot_be_minuted_in_the_public_minutes(world, panel_meetings, confidential_meeting):
    public, _, secret = confidential_meeting
    with pytest.raises(ServiceError, match="is confidential; minute it in the confidential minutes"):
        services.write_minute(public, secret, by=None, narrative="x")


def test_public_minutes_keep_a_placeholder_for_the_confidential_item(world, confidential_meeting):
    public, _, secret = confidential_meeting
    report = minutes_report(public, world.users.member)
    placeholder = next(item for item in report.items if item.number == secret.number)
    assert placeholder.confidential_placeholder and "CANARY" not in placeholder.title
    assert "CANARY" not in repr(report.items)


def test_confidential_minutes_hold_the_item_in_full_for_members(world, confidential_meeting):
    _, confidential, _ = confidential_meeting
    (item,) = minutes_report(confidential, world.users.member).items
    assert item.narrative == "CANARY narrative of the SoLR discussion."
    assert item.decisions == ["AGREED CANARY SoLR approach"]


def test_confidential_minutes_are_hidden_from_party_users(world, confidential_meeting):
    _, confidential, _ = confidential_meeting
    assert not Minutes.objects.visible_to(world.users.party).filter(pk=confidential.pk).exists()
    assert Minutes.objects.visible_to(world.users.member).filter(pk=confidential.pk).exists()
