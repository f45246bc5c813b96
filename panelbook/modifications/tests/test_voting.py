"""The Change Board's vote by party category, under a voting rule held as reference data."""

import datetime as dt

import pytest

from panelbook.core.services import ServiceError
from panelbook.modifications import services
from panelbook.modifications.models import VotingRule
from panelbook.modifications.voting import Rule, Vote, outcome

A, R, X, N = Vote.APPROVE, Vote.REJECT, Vote.ABSTAIN, Vote.ABSENT


@pytest.mark.parametrize(
    ("votes", "rule", "approved"),
    [
        ([A, A, R], Rule("majority"), True),  # 2 of 3
        ([A, R], Rule("majority"), False),  # a tie is not more than half
        ([A, A, R, X, X], Rule("majority"), True),  # abstentions left out: 2 of 3
        ([A, A, R, X, X], Rule("abstentions count", abstain_counts=True), False),  # 2 of 5
        ([A, N, N, N], Rule("quorum of three", quorum=3), False),  # only one category voted
        ([A, A, A, R], Rule("two thirds", share=0.66), True),  # 3 of 4
        ([A, A, R], Rule("two thirds", share=0.67), False),  # 2 of 3 is 0.666…
        ([N, N], Rule("majority"), False),  # nobody voted
    ],
)
def test_the_outcome_follows_the_rule(votes, rule, approved):
    result = outcome({f"category {n}": vote for n, vote in enumerate(votes)}, rule)
    assert result.approved == approved
    assert rule.name in result.explanation


def at_change_board(world, path="PATH_3"):
    modification = services.raise_modification(
        by=None,
        reference="MP150",
        title="Votes",
        body=world.panel,
        issue="An issue.",
        path=path,
        raised_on=dt.date(2025, 1, 6),
    )
    for step, stage in enumerate(["REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"], start=1):
        modification = services.move_to_stage(modification, by=None, stage=stage, on=dt.date(2025, 1 + step, 3))
    return modification


VOTES = {
    "LARGE_SUPPLIER": "APPROVE",
    "SMALL_SUPPLIER": "APPROVE",
    "ELECTRICITY_NETWORK": "REJECT",
    "CONSUMER": "ABSTAIN",
}


def test_a_self_governance_vote_decides_under_the_rule_in_force(world):
    VotingRule.objects.create(name="Abstentions count", effective_from=dt.date(2024, 1, 1), abstain_counts=True)
    modification, result = services.record_votes(at_change_board(world), by=None, votes=VOTES, on=dt.date(2025, 5, 7))
    assert not result.approved  # 2 of 4 counted
    assert modification.stage == "REJECTED"
    assert "Abstentions count" in modification.stage_changes.last().note
    assert modification.votes.count() == 4


def test_an_authority_path_vote_is_a_recommendation(world):
    modification, result = services.record_votes(
        at_change_board(world, path="PATH_2"), by=None, votes=VOTES, on=dt.date(2025, 5, 7)
    )
    assert result.approved  # 2 of 3 voting, abstention not counted, no rule stored
    assert modification.stage == "WITH_AUTHORITY"
    assert modification.stage_changes.last().note.startswith("Change Board recommends approval")


def test_a_second_vote_from_one_category_and_a_vote_too_early_are_refused(world):
    modification = at_change_board(world)
    early = services.raise_modification(
        by=None,
        reference="MP151",
        title="Early",
        body=world.panel,
        issue="I",
        path="PATH_3",
        raised_on=dt.date(2025, 1, 6),
    )
    with pytest.raises(ServiceError) as refused:
        services.record_votes(early, by=None, votes=VOTES, on=dt.date(2025, 5, 7))
    assert "MP151" in refused.value.message_dict["votes"][0]
    services.record_votes(modification, by=None, votes={"LARGE_SUPPLIER": "APPROVE"}, on=dt.date(2025, 5, 7))
    modification.refresh_from_db()
    assert modification.stage == "APPROVED"
    with pytest.raises(ServiceError):
        services.record_votes(modification, by=None, votes={"LARGE_SUPPLIER": "REJECT"}, on=dt.date(2025, 5, 8))


def test_an_unknown_category_or_vote_stores_nothing(world):
    modification = at_change_board(world)
    with pytest.raises(ServiceError) as refused:
        services.record_votes(
            modification, by=None, votes={"PLUMBERS": "APPROVE", "CONSUMER": "MAYBE"}, on=dt.date(2025, 5, 7)
        )
    message = refused.value.message_dict["votes"][0]
    assert "“PLUMBERS” is not a party category" in message and "“MAYBE” is not a vote" in message
    assert not modification.votes.exists()
