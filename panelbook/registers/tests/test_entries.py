"""Risks and issues: numbering, scores, reclassifying both ways, amalgamating, proposals declined,
and the refusals of bad input."""

import pytest
from django.core.exceptions import ValidationError

from panelbook.actions import services as actions
from panelbook.registers import services
from panelbook.registers.models import Entry
from panelbook.registers.tests.conftest import raise_risk


def test_risks_are_numbered_in_their_register_and_scored_from_its_bands(registers):
    risks, _ = registers
    first = raise_risk(risks, likelihood=1, impact=2)
    second = raise_risk(risks, likelihood=4, impact=4)
    assert (first.reference, first.score, first.rag) == ("Risk 1", 2, "GREEN")
    assert (second.reference, second.score, second.rag) == ("Risk 2", 16, "RED")


def test_a_correction_scores_the_risk_again(registers, world):
    risk = raise_risk(registers[0], likelihood=1, impact=2)
    services.correct_entry(risk, by=world.users.secretariat, reason="Reassessed", likelihood=3)
    risk.refresh_from_db()
    assert (risk.score, risk.rag) == (6, "AMBER")


def test_a_risk_becomes_an_issue_and_back_keeping_the_links_both_ways(registers, world):
    risks, issues = registers
    risk = raise_risk(risks, title="Modification timescales slip")
    services.add_mitigation(risk, by=None, text="Weekly plan review", status="IN_PROGRESS")
    issue = services.reclassify(risk, by=world.users.secretariat, reason="It has happened")
    risk.refresh_from_db()
    assert issue.register == issues and issue.reference == "Issue 1"
    assert risk.moved_to == issue and list(issue.moved_from.all()) == [risk]
    assert [m.text for m in issue.mitigations.all()] == ["Weekly plan review"]
    again = services.reclassify(issue, by=world.users.secretariat, reason="Resolved, may recur")
    assert again.register == risks and again.reference == "Risk 2"
    assert list(again.moved_from.all()) == [issue]
    assert list(risks.entries.live()) == [again]


def test_a_reclassified_risk_is_not_changed_again(registers, world):
    risk = raise_risk(registers[0])
    issue = services.reclassify(risk, by=None, reason="Happened")
    with pytest.raises(ValidationError, match="Risk 1 was reclassified into Issue 1"):
        services.set_status(risk, by=None, status="CLOSED")
    assert issue.moved_from.get() == risk


def test_reclassifying_a_closed_risk_is_refused_naming_it_and_the_status(registers):
    risk = raise_risk(registers[0])
    services.set_status(risk, by=None, status="CLOSED")
    with pytest.raises(ValidationError) as refused:
        services.reclassify(risk, by=None, reason="Happened")
    assert refused.value.message_dict == {
        "status": ["Risk 1 is closed; reopen it before reclassifying it as an issue."]
    }
    assert registers[1].entries.count() == 0


def test_amalgamating_keeps_the_originals_as_merged_history(registers, world):
    risks, _ = registers
    one, two = raise_risk(risks, title="Supplier exits"), raise_risk(risks, title="Provider exits")
    merged = services.amalgamate(
        [one, two],
        by=world.users.secretariat,
        title="A provider exits the market",
        likelihood=2,
        impact=5,
        reason="Similar risks",
    )
    assert merged.reference == "Risk 3"
    assert set(merged.moved_from.all()) == {one, two}
    assert all(e.moved_how == "MERGED" for e in Entry.objects.filter(pk__in=[one.pk, two.pk]))
    assert list(risks.entries.live()) == [merged]
    assert one.history.first().history_change_reason == "Amalgamated into Risk 3: Similar risks"


def test_amalgamating_entries_of_two_registers_is_refused_and_stores_nothing(registers):
    risks, issues = registers
    risk, issue = raise_risk(risks), raise_risk(issues)
    with pytest.raises(ValidationError, match="Issue 1 is in the SEC Panel Issues Register"):
        services.amalgamate([risk, issue], by=None, title="Both", likelihood=1, impact=1, reason="Alike")
    assert Entry.objects.count() == 2


def test_a_declined_proposal_is_kept_with_the_decision(registers, world, make_meeting):
    risks, _ = registers
    proposed = services.propose_entry(
        by=None, register=risks, proposed_by=world.tabasc, title="Shared provider exits", likelihood=2, impact=4
    )
    meeting = make_meeting(days_ahead=-1)
    decision = actions.record_decision(
        by=None, meeting=meeting, verb="REJECTED", text="the proposed risk, which it cannot influence"
    )
    services.decide_proposal(proposed, by=None, accepted=False, decision=decision)
    proposed.refresh_from_db()
    assert (proposed.proposal, proposed.proposal_decision) == ("DECLINED", decision)
    assert list(risks.entries.live()) == []
    assert proposed.proposed_by == world.tabasc


def test_a_likelihood_off_the_scale_is_refused_naming_the_register_and_field(registers):
    with pytest.raises(ValidationError) as refused:
        raise_risk(registers[0], likelihood=7)
    assert refused.value.message_dict == {
        "likelihood": ["The new risk: likelihood 7 is not on the SEC Panel Risk Register's scale (1, 2, 3, 4, 5)."]
    }
    assert Entry.objects.count() == 0


def test_a_status_not_in_the_set_is_refused_naming_the_entry(registers):
    risk = raise_risk(registers[0])
    with pytest.raises(ValidationError) as refused:
        services.set_status(risk, by=None, status="SHELVED")
    assert refused.value.message_dict == {
        "status": ["Risk 1: the status is one of Open, Mitigated, Closed, not “SHELVED”."]
    }


def test_a_closed_risk_comes_up_for_annual_review(registers):
    risk = raise_risk(registers[0], raised_on=__import__("datetime").date(2026, 1, 31))
    assert str(risk.next_review) == "2026-04-30"
    services.record_review(risk, by=None, on=__import__("datetime").date(2026, 2, 10))
    risk.refresh_from_db()
    assert str(risk.next_review) == "2026-05-10"
    services.set_status(risk, by=None, status="CLOSED")
    services.record_review(risk, by=None, on=__import__("datetime").date(2026, 3, 1))
    risk.refresh_from_db()
    assert str(risk.next_review) == "2027-03-01"
