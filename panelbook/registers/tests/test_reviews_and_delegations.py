"""Reviews falling due become a proposed agenda item; the delegation route; their refusals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from panelbook.actions import services as actions
from panelbook.governance.models import Body
from panelbook.registers import services
from panelbook.registers.models import Delegation, ReviewProposal
from panelbook.registers.tests.conftest import raise_risk


def test_reviews_due_by_the_next_meeting_are_proposed_and_accepted_onto_its_agenda(registers, world, make_meeting):
    risks, _ = registers
    due = raise_risk(risks, title="Due", raised_on=world.today - dt.timedelta(days=120))
    raise_risk(risks, title="Not due", raised_on=world.today)
    meeting = make_meeting(days_ahead=14)
    [proposal] = services.propose_reviews(by=None, today=world.today)
    assert (proposal.meeting, list(proposal.entries.all())) == (meeting, [due])
    assert services.propose_reviews(by=None, today=world.today) == []
    services.accept_review_proposal(proposal, by=world.users.secretariat)
    proposal.refresh_from_db()
    assert proposal.state == "ACCEPTED"
    assert proposal.agenda_item.meeting == meeting
    assert proposal.agenda_item.title == "SEC Panel Risk Register: review (Risk 1)"


def test_a_dismissed_proposal_keeps_its_reason_and_is_not_proposed_again(registers, world, make_meeting):
    raise_risk(registers[0], raised_on=world.today - dt.timedelta(days=120))
    make_meeting(days_ahead=14)
    [proposal] = services.propose_reviews(by=None, today=world.today)
    services.dismiss_review_proposal(proposal, by=None, reason="Reviewed in full last month")
    assert services.propose_reviews(by=None, today=world.today) == []
    assert ReviewProposal.objects.get().dismissed_because == "Reviewed in full last month"
    with pytest.raises(ValidationError, match="already dismissed"):
        services.accept_review_proposal(proposal, by=None)


def test_a_delegation_is_proposed_then_approved_by_the_panels_decision(world, make_meeting):
    delegation = services.propose_delegation(
        by=None,
        activity="Set transitional periods for new standards",
        from_body=world.panel,
        to_body=world.tabasc,
        sec_reference="G1.2–G1.4",
        referral_route="Refer to the Panel within 10 Working Days",
    )
    decision = actions.record_decision(
        by=None, meeting=make_meeting(days_ahead=-1), verb="AGREED", text="the delegation"
    )
    services.decide_delegation(delegation, by=None, status="APPROVED", decision=decision)
    delegation.refresh_from_db()
    assert (delegation.reference, delegation.status, delegation.decision) == ("Delegation 1", "APPROVED", decision)
    with pytest.raises(ValidationError, match="Delegation 1 is approved; it cannot become deferred"):
        services.decide_delegation(delegation, by=None, status="DEFERRED", decision=decision)


def test_a_delegation_to_itself_or_to_no_body_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.propose_delegation(by=None, activity="Anything", from_body=world.panel, to_body=world.panel)
    assert refused.value.message_dict == {
        "to_body": ["The new delegation: Panel cannot delegate to itself; name a Sub-Committee."]
    }
    with pytest.raises(ValidationError, match="not a body panelbook knows"):
        services.propose_delegation(by=None, activity="Anything", from_body=world.panel, to_body=Body(code="ghost"))
    assert Delegation.objects.count() == 0


def test_what_a_sub_committee_may_decide_is_on_its_page(world, make_meeting, client):
    delegation = services.propose_delegation(
        by=None, activity="Set assurance status after assessments", from_body=world.panel, to_body=world.tabasc
    )
    decision = actions.record_decision(by=None, meeting=make_meeting(days_ahead=-1), verb="AGREED", text="it")
    services.decide_delegation(delegation, by=None, status="APPROVED", decision=decision)
    page = client.get("/bodies/tabasc/").content.decode()
    assert "What TABASC may decide" in page and "Set assurance status after assessments" in page
