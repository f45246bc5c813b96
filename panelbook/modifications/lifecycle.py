"""The Section D lifecycle: which stage may follow which, on which path. Pure, no Django.

The states follow the SEC's modification process (domain reference, section 4.4). Any stage
before a decision can end in withdrawal; a Change Board vote decides a Self-Governance (Path 3)
modification and recommends an Authority-led or Authority Determination one (Paths 1 and 2) to
the Authority, which approves, rejects or sends it back to the Report Phase (how the SEC sends back is
not confirmed: this follows the other GB codes); the Panel decides a Fast-Track one itself, without a
Change Board vote.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    DRAFT_PROPOSAL = "DRAFT_PROPOSAL"
    MODIFICATION_PROPOSAL = "MODIFICATION_PROPOSAL"
    REFINEMENT = "REFINEMENT"
    REPORT_PHASE = "REPORT_PHASE"
    REPORT_CONSULTATION = "REPORT_CONSULTATION"
    CHANGE_BOARD = "CHANGE_BOARD"
    WITH_AUTHORITY = "WITH_AUTHORITY"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    AWAITING_IMPLEMENTATION = "AWAITING_IMPLEMENTATION"
    IMPLEMENTED = "IMPLEMENTED"
    WITHDRAWN = "WITHDRAWN"


class Path(StrEnum):
    AUTHORITY_LED = "PATH_1"
    AUTHORITY_DETERMINATION = "PATH_2"
    SELF_GOVERNANCE = "PATH_3"
    FAST_TRACK = "FAST_TRACK"


STAGE_LABELS = {
    Stage.DRAFT_PROPOSAL: "Draft Proposal",
    Stage.MODIFICATION_PROPOSAL: "Modification Proposal",
    Stage.REFINEMENT: "Refinement Process",
    Stage.REPORT_PHASE: "Report Phase",
    Stage.REPORT_CONSULTATION: "Modification Report Consultation",
    Stage.CHANGE_BOARD: "Change Board vote",
    Stage.WITH_AUTHORITY: "With the Authority",
    Stage.APPROVED: "Approved",
    Stage.REJECTED: "Rejected",
    Stage.AWAITING_IMPLEMENTATION: "Awaiting implementation",
    Stage.IMPLEMENTED: "Implemented",
    Stage.WITHDRAWN: "Withdrawn",
}
PATH_LABELS = {
    Path.AUTHORITY_LED: "Path 1: Authority-led",
    Path.AUTHORITY_DETERMINATION: "Path 2: Authority Determination",
    Path.SELF_GOVERNANCE: "Path 3: Self-Governance",
    Path.FAST_TRACK: "Fast-Track Self-Governance",
}

FINISHED = frozenset({Stage.REJECTED, Stage.IMPLEMENTED, Stage.WITHDRAWN})
DECIDED = frozenset({Stage.APPROVED, Stage.REJECTED, Stage.AWAITING_IMPLEMENTATION, Stage.IMPLEMENTED})
AUTHORITY_DECIDES = frozenset({Path.AUTHORITY_LED, Path.AUTHORITY_DETERMINATION})
# The stages at which a modification has a release it went, or is going, live in (its actual release).
HAS_ACTUAL_RELEASE = frozenset({Stage.AWAITING_IMPLEMENTATION, Stage.IMPLEMENTED})

_COMMON: dict[Stage, frozenset[Stage]] = {
    Stage.DRAFT_PROPOSAL: frozenset({Stage.MODIFICATION_PROPOSAL}),
    Stage.MODIFICATION_PROPOSAL: frozenset({Stage.REFINEMENT, Stage.REPORT_PHASE}),
    Stage.REFINEMENT: frozenset({Stage.REPORT_PHASE}),
    Stage.REPORT_PHASE: frozenset({Stage.REPORT_CONSULTATION}),
    Stage.REPORT_CONSULTATION: frozenset({Stage.CHANGE_BOARD}),
    # The Authority approves, rejects or sends the Modification Report back (SENT_BACK: to the Report Phase).
    Stage.WITH_AUTHORITY: frozenset({Stage.APPROVED, Stage.REJECTED, Stage.REPORT_PHASE}),
    Stage.APPROVED: frozenset({Stage.AWAITING_IMPLEMENTATION, Stage.IMPLEMENTED}),
    Stage.AWAITING_IMPLEMENTATION: frozenset({Stage.IMPLEMENTED}),
}


def next_stages(stage: Stage, path: Path) -> frozenset[Stage]:
    """The stages a modification at ``stage`` on ``path`` may move to."""
    if stage == Stage.CHANGE_BOARD:
        following = (
            frozenset({Stage.WITH_AUTHORITY})
            if path in AUTHORITY_DECIDES
            else frozenset({Stage.APPROVED, Stage.REJECTED})
        )
    elif stage == Stage.MODIFICATION_PROPOSAL and path == Path.FAST_TRACK:
        following = frozenset({Stage.APPROVED, Stage.REJECTED})
    else:
        following = _COMMON.get(stage, frozenset())
    if stage not in FINISHED and stage not in DECIDED:
        following |= {Stage.WITHDRAWN}
    return following


def refusal(stage: Stage, path: Path, wanted: Stage) -> str:
    """Why ``wanted`` cannot follow ``stage`` on ``path``, and what can; '' when it can."""
    allowed = next_stages(stage, path)
    if wanted in allowed:
        return ""
    here = f"A modification at “{STAGE_LABELS[stage]}” on {PATH_LABELS[path]}"
    if not allowed:
        return f"{here} has finished: it moves to no other stage."
    options = ", ".join(f"“{STAGE_LABELS[s]}”" for s in sorted(allowed, key=list(Stage).index))
    return f"{here} cannot move to “{STAGE_LABELS[wanted]}”; it can move to {options}."
