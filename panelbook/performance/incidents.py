"""What an incident's record means, worked out and never stored (no Django): its most severe
category, how long each affected service was down against the target resolution time, the counts
per category per month, and the days of stable service of a service line.

Categories run from 1 (most severe) to 5 (least). An incident is judged by the **most severe
category it reached**: the DCC's Major Incident reports escalate (Severity 3 → 2 → 1) and report
the incident at its worst, and CPM4 and CPM5 split incidents by the category they are resolved
under, which an escalation moves up, never back. So an incident raised to Category 1 counts as a
Category 1 incident in its month and is held to Category 1's target, even if it was lowered later.
Moments are the caller's local time: a day is the date of the moment in hand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

CATEGORIES = (1, 2, 3, 4, 5)
MAJOR_CATEGORIES = (1, 2)


@dataclass(frozen=True)
class Change:
    """The incident's category from a moment on (the first is when it was opened)."""

    at: dt.datetime
    category: int


@dataclass(frozen=True)
class Facts:
    """An incident as the rules need it: when it opened, its categories over time, when each
    affected service line was restored and when it closed."""

    reference: str
    opened: dt.datetime
    changes: tuple[Change, ...]
    lines: tuple[str, ...]
    restored: Mapping[str, dt.datetime] = field(default_factory=dict)
    closed: dt.datetime | None = None

    def worst(self, by: dt.date | None = None) -> int:
        """The most severe category reached (by the end of the day ``by``, when given)."""
        reached = [c.category for c in self.changes if by is None or c.at.date() <= by]
        return min(reached) if reached else self.changes[0].category

    def current(self) -> int:
        return self.changes[-1].category

    def end_for(self, line: str) -> dt.datetime | None:
        """When the line's service came back: its own restoration time, or else the closing."""
        return self.restored.get(line) or self.closed

    def end(self) -> dt.datetime | None:
        """When the last affected service came back (or the incident closed)."""
        ends = [self.end_for(line) for line in self.lines]
        if ends and all(ends):
            return max(e for e in ends if e)
        return self.closed


@dataclass(frozen=True)
class Target:
    """A category's target resolution time from a day on: in hours, or in Working Days."""

    category: int
    effective_from: dt.date
    hours: Decimal | None = None
    working_days: int | None = None

    def deadline(self, opened: dt.datetime, add_working_days: Callable[[dt.date, int], dt.date]) -> dt.datetime:
        if self.working_days is not None:
            # The same time of day, that many Working Days on.
            return dt.datetime.combine(add_working_days(opened.date(), self.working_days), opened.timetz())
        return opened + dt.timedelta(hours=float(self.hours or 0))

    def in_words(self) -> str:
        if self.working_days is not None:
            return f"{self.working_days} Working Day{'s' if self.working_days != 1 else ''}"
        hours = f"{(self.hours or Decimal(0)).normalize():f}"
        return f"{hours} hour{'' if hours == '1' else 's'}"


def target_in_force(targets: Iterable[Target], category: int, on: dt.date) -> Target | None:
    """The category's target whose start is the latest on or before ``on``."""
    found = [t for t in targets if t.category == category and t.effective_from <= on]
    return max(found, key=lambda t: t.effective_from) if found else None


@dataclass(frozen=True)
class Duration:
    """How long one service line (or, with ``line`` None, the whole incident) was down, against
    the target of the incident's most severe category."""

    line: str | None
    opened: dt.datetime
    end: dt.datetime | None  # None while not restored
    target: Target | None
    deadline: dt.datetime | None

    @property
    def took(self) -> dt.timedelta | None:
        return self.end - self.opened if self.end else None

    @property
    def within_target(self) -> bool | None:
        """Whether it came back by the deadline: None while it is down or without a target."""
        if self.end is None or self.deadline is None:
            return None
        return self.end <= self.deadline


def durations(
    incident: Facts, targets: Iterable[Target], add_working_days: Callable[[dt.date, int], dt.date]
) -> list[Duration]:
    """One duration per affected line, then the incident's own (opened to the last restoration, or
    the closing)."""
    target = target_in_force(targets, incident.worst(), incident.opened.date())
    deadline = target.deadline(incident.opened, add_working_days) if target else None
    ends = [*((line, incident.end_for(line)) for line in incident.lines), (None, incident.end())]
    return [Duration(line, incident.opened, end, target, deadline) for line, end in ends]


def in_words(took: dt.timedelta) -> str:
    """A duration as a person says it: "3 h 25 min", "2 days 4 h"."""
    minutes = int(took.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes} min")
    return " ".join(parts)


def month_of(moment: dt.datetime) -> dt.date:
    return moment.date().replace(day=1)


def counts_by_month(incidents: Iterable[Facts]) -> dict[dt.date, Counter[int]]:
    """How many incidents opened in each month, by the most severe category each reached."""
    found: dict[dt.date, Counter[int]] = {}
    for incident in incidents:
        found.setdefault(month_of(incident.opened), Counter())[incident.worst()] += 1
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Stability:
    """A service line's days of stable service on a day, since its last incident of the chosen
    category or worse: ``days`` is None when it had none (``since`` then too), and 0 while one is
    still open."""

    line: str
    on: dt.date
    category: int
    days: int | None
    since: Facts | None
    still_open: bool = False

    def in_words(self) -> str:
        worse = "" if self.category == 1 else " or worse"
        if self.since is None:
            return f"no Category {self.category}{worse} incident on record"
        if self.still_open:
            return f"not stable: {self.since.reference} is still affecting it"
        plural = "" if self.days == 1 else "s"
        return f"{self.days} day{plural} since {self.since.reference}"


def days_stable(incidents: Iterable[Facts], line: str, *, category: int, on: dt.date) -> Stability:
    """Whole days from the restoration of ``line`` after its latest incident of ``category`` or
    worse to ``on``, as things stood at the end of ``on``: an incident opened later, a restoration
    recorded for a later moment, or an escalation after ``on`` does not count yet."""
    if category not in CATEGORIES:
        raise ValueError(f"A category is 1 to 5, not {category}.")
    latest: tuple[dt.date, Facts] | None = None
    open_now: Facts | None = None
    for incident in incidents:
        if line not in incident.lines or incident.opened.date() > on:
            continue
        if incident.worst(by=on) > category:
            continue
        end = incident.end_for(line)
        if end is None or end.date() > on:
            open_now = open_now or incident
            continue
        if latest is None or end.date() > latest[0]:
            latest = (end.date(), incident)
    if open_now is not None:
        return Stability(line, on, category, 0, open_now, still_open=True)
    if latest is None:
        return Stability(line, on, category, None, None)
    return Stability(line, on, category, (on - latest[0]).days, latest[1])
