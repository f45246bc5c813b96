"""Whether a modification in a release's scope is on track for it. Pure, no Django.

A modification is on track for its release while it is not behind its agreed timetable and no
milestone it has still to reach is planned after the release's day. What counts as "in scope" is
the register's: the modifications whose target or actual release it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from panelbook.modifications.lifecycle import STAGE_LABELS, Stage


@dataclass(frozen=True)
class Standing:
    on_track: bool
    words: str


def standing(
    *,
    stage: Stage,
    release_date: dt.date,
    delivered: bool,
    late: bool,
    unreached: list[tuple[str, dt.date]],
) -> Standing:
    """How a modification at ``stage`` stands against a release on ``release_date``; ``unreached`` are
    its milestones not yet reached, each (name, planned date), and ``late`` whether one is overdue."""
    if stage == Stage.IMPLEMENTED:
        return Standing(True, "Implemented")
    if stage in (Stage.REJECTED, Stage.WITHDRAWN):
        return Standing(False, f"{STAGE_LABELS[stage]}: it will not go into this release")
    if delivered:
        return Standing(False, "Not implemented: the release has gone live without it")
    if late:
        return Standing(False, "Behind its timetable")
    after = [(name, planned) for name, planned in unreached if planned > release_date]
    if after:
        name, planned = after[0]
        return Standing(False, f"At risk: “{name}” is planned for {planned:%d/%m/%Y}, after the release")
    return Standing(True, "On track")
