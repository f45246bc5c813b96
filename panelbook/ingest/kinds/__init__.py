"""The record types of the ingest, one module each, and the one list that ties them together.

``KINDS`` is the order the finders run in and the order a file's proposals are planned and accepted:
a meeting comes before the paper, and both before what happened at the meeting. Adding a record
type to the ingest is one new module here and one entry in ``KINDS``.
"""

from __future__ import annotations

from panelbook.ingest.kinds import (
    actions,
    decisions,
    incidents,
    measures,
    meetings,
    modifications,
    papers,
    recommendations,
    stability,
)
from panelbook.ingest.kinds.kind import Kind, Proposing

KINDS: tuple[Kind, ...] = (
    meetings.KIND,
    papers.KIND,
    actions.KIND,
    decisions.KIND,
    modifications.KIND,
    measures.KIND,
    incidents.KIND,
    stability.KIND,
    recommendations.KIND,
)

PROPOSED = {kind.proposing.record_type: kind.proposing for kind in KINDS if kind.proposing is not None}


def proposed_as(record_type: str) -> Proposing:
    """How records proposed as ``record_type`` are matched and accepted."""
    return PROPOSED[record_type]


__all__ = ["KINDS", "PROPOSED", "Kind", "Proposing", "proposed_as"]
