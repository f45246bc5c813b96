"""Reconcile: match what a file says against panelbook and plan the proposals (database reads only).

Each record type's module in ``kinds/`` proposes one draft per record and matches it (the pieces
they share are in ``matching.py``); ``plan`` runs them in ``kinds.KINDS`` order. Records are
matched by reference: a paper by ``Paper.reference``, a meeting by body and number, an action by
``Action.reference``, a decision by meeting, verb and text; modifications, measures and incidents
(whose apps do not exist yet) by the key of an earlier accepted proposal. A record that matches
with nothing different proposes nothing; one that differs proposes an UPDATE showing the
differences; one without a match proposes a CREATE. An earlier version of the same document
counts as a match too, so a changed file proposes only what changed. ``source`` offsets are never
compared: they move when the text above them moves.

Reconcile runs for a person (``by``): it reads classified records and proposals only through
``visible_to(by)``. Whether a record it may not see holds a reference is asked as yes or no, and
the proposal then says only that (``HIDDEN``). What a draft shows of a record it matched is stored
with that record's reference (``core.records.reference``) in ``Draft.records``, which every page
re-checks for its reader (``withheld``): a proposal is read later by other people than the one it
was planned for.
"""

from __future__ import annotations

from panelbook.core.models import User
from panelbook.core.records import hidden_references
from panelbook.ingest.kinds import KINDS, proposed_as
from panelbook.ingest.matching import Bodies, Draft, FileContext, Known
from panelbook.ingest.models import IngestedFile, Proposal
from panelbook.ingest.records import Extraction


def withheld(proposals: list[Proposal], user: User | None) -> set[int]:
    """The ids of the proposals that show something of a record ``user`` may not see (one query a model)."""
    hidden = hidden_references({each for proposal in proposals for each in proposal.records}, user)
    return {proposal.pk for proposal in proposals if hidden.intersection(proposal.records)}


# Planning


def candidates(extraction: Extraction, context: FileContext, bodies: Bodies) -> list[Draft]:
    """One draft per record, each kind's in ``KINDS`` order (a meeting comes before the paper, and both
    before what happened at the meeting)."""
    proposing = [kind.proposing for kind in KINDS if kind.proposing is not None]
    return [draft for each in proposing for draft in each.propose(extraction, context, bodies)]


def plan(
    extraction: Extraction,
    *,
    previous: IngestedFile | None = None,
    bodies: Bodies | None = None,
    by: User | None = None,
) -> list[Draft]:
    """The proposals for one file, planned for ``by``: what is new or changed against the records and
    earlier versions ``by`` may see."""
    bodies = bodies or Bodies.load()
    if bodies.default is None:
        return []
    context = FileContext.of(extraction, bodies)
    drafts = candidates(extraction, context, bodies)
    known = Known.load(drafts, context, bodies, previous, by)
    planned = []
    for draft in _unique(drafts):
        matched = proposed_as(draft.record_type).match(draft, known, context)
        if matched is not None:
            planned.append(matched)
    return planned


def _unique(drafts: list[Draft]) -> list[Draft]:
    """One draft per key: a record repeated in the file is proposed once, where it first appears."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for draft in drafts:
        if (draft.record_type, draft.key) not in seen:
            seen.add((draft.record_type, draft.key))
            unique.append(draft)
    return unique
