"""How a measure stood each month, worked out from its results and its service levels (no Django).

Nothing here is typed in by anyone: the status against the levels in force that month, the change
from the month before, the run of months in a row below Target (or Minimum), and which provider
measures pulled a Code Performance Measure down. A month with no result ends a run: a gap is not
known to be a breach.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


class Direction(enum.StrEnum):
    HIGHER = "HIGHER"  # higher is better (a percentage delivered on time)
    LOWER = "LOWER"  # lower is better (a count of failures)


class Status(enum.StrEnum):
    MET = "MET"
    BELOW_TARGET = "BELOW_TARGET"
    BELOW_MINIMUM = "BELOW_MINIMUM"
    NO_LEVELS = "NO_LEVELS"


STATUS_LABELS = {
    Status.MET: "Met",
    Status.BELOW_TARGET: "Below Target",
    Status.BELOW_MINIMUM: "Below Minimum",
    Status.NO_LEVELS: "No service levels in force",
}


@dataclass(frozen=True)
class Levels:
    """The Target and Minimum Service Levels in force from a day on."""

    effective_from: dt.date
    target: Decimal
    minimum: Decimal


@dataclass(frozen=True)
class Standing:
    """One month of one measure, as computed."""

    month: dt.date
    value: Decimal
    previous: Decimal | None
    levels: Levels | None
    status: Status
    months_below_target: int  # this month and those in a row before it below Target (0 when met)
    months_below_minimum: int

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def run(self) -> int:
        """The run that the status names: below Minimum for n months, else below Target for n."""
        return self.months_below_minimum if self.status == Status.BELOW_MINIMUM else self.months_below_target


def in_force(levels: Iterable[Levels], month: dt.date) -> Levels | None:
    """The levels whose effective date is the latest on or before the month's last day."""
    last_day = next_month(month) - dt.timedelta(days=1)
    started = [level for level in levels if level.effective_from <= last_day]
    return max(started, key=lambda level: level.effective_from, default=None)


def status(value: Decimal, levels: Levels | None, direction: Direction) -> Status:
    if levels is None:
        return Status.NO_LEVELS
    if _worse(value, levels.minimum, direction):
        return Status.BELOW_MINIMUM
    if _worse(value, levels.target, direction):
        return Status.BELOW_TARGET
    return Status.MET


def _worse(value: Decimal, level: Decimal, direction: Direction) -> bool:
    return value < level if direction == Direction.HIGHER else value > level


def standings(results: Mapping[dt.date, Decimal], levels: Sequence[Levels], direction: Direction) -> list[Standing]:
    """Every month with a result, oldest first, each against the levels in force that month."""
    out: list[Standing] = []
    for month in sorted(results):
        before = out[-1] if out and out[-1].month == previous_month(month) else None
        value = results[month]
        force = in_force(levels, month)
        state = status(value, force, direction)
        below_target = state in (Status.BELOW_TARGET, Status.BELOW_MINIMUM)
        out.append(
            Standing(
                month=month,
                value=value,
                previous=before.value if before else None,
                levels=force,
                status=state,
                months_below_target=(1 + (before.months_below_target if before else 0)) if below_target else 0,
                months_below_minimum=(
                    (1 + (before.months_below_minimum if before else 0)) if state == Status.BELOW_MINIMUM else 0
                ),
            )
        )
    return out


def contributors(cpm: Standing | None, feeders: Mapping[str, Standing | None]) -> list[str]:
    """The names of the feeding measures that missed their own levels in a month the CPM missed
    its Target, worst first (below Minimum, then below Target), as given otherwise."""
    if cpm is None or cpm.status not in (Status.BELOW_TARGET, Status.BELOW_MINIMUM):
        return []
    missed = [(name, s) for name, s in feeders.items() if s and s.status in (Status.BELOW_TARGET, Status.BELOW_MINIMUM)]
    return [name for name, s in sorted(missed, key=lambda pair: pair[1].status != Status.BELOW_MINIMUM)]


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def run_in_words(standing: Standing) -> str:
    """“below Target for the last 17 months”, or empty when the month met its levels."""
    if standing.status not in (Status.BELOW_TARGET, Status.BELOW_MINIMUM):
        return ""
    level = "Minimum" if standing.status == Status.BELOW_MINIMUM else "Target"
    months = standing.run
    return f"below {level} for the last {months} months" if months > 1 else f"below {level} this month"
