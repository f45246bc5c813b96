"""The Change Board's vote: each party category's vote and the overall outcome under a rule. Pure.

How the SEC counts the categories is reference data (``VotingRule`` in the database: the domain
reference marks the threshold and the treatment of abstentions as unconfirmed), so the rule is
passed in, never written here as a constant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Vote(StrEnum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    ABSTAIN = "ABSTAIN"
    ABSENT = "ABSENT"


@dataclass(frozen=True)
class Rule:
    """Approve when more than ``share`` of the counted categories approve, with at least
    ``quorum`` categories voting (approve or reject). ``abstain_counts`` counts an abstaining
    category in the total (so it weighs as a vote against); absent categories never count."""

    name: str
    share: float = 0.5
    quorum: int = 1
    abstain_counts: bool = False


@dataclass(frozen=True)
class Outcome:
    approved: bool
    approvals: int
    rejections: int
    abstentions: int
    absent: int
    explanation: str


def outcome(votes: Mapping[str, Vote], rule: Rule) -> Outcome:
    tally = {vote: sum(1 for cast in votes.values() if cast == vote) for vote in Vote}
    voting = tally[Vote.APPROVE] + tally[Vote.REJECT]
    counted = voting + (tally[Vote.ABSTAIN] if rule.abstain_counts else 0)
    quorate = voting >= rule.quorum
    approved = quorate and counted > 0 and tally[Vote.APPROVE] > rule.share * counted
    words = (
        f"{tally[Vote.APPROVE]} of {counted} counted categories approved"
        f" ({tally[Vote.REJECT]} rejected, {tally[Vote.ABSTAIN]} abstained, {tally[Vote.ABSENT]} absent);"
        f" under “{rule.name}” more than {rule.share:.0%} must approve"
        + ("" if quorate else f", and at least {rule.quorum} categories must vote: the vote was not quorate")
        + f". {'Approved' if approved else 'Not approved'}."
    )
    return Outcome(approved, tally[Vote.APPROVE], tally[Vote.REJECT], tally[Vote.ABSTAIN], tally[Vote.ABSENT], words)
