"""The check of what papers state about service stability against the incidents panelbook holds:
days of stable service for a service line ("CSP N had achieved 96 days of stable service") and
how many Major Incidents a month had, by category ("two Major Incidents in February: one
Category 1 … and one Category 2").

Like the figures of measures (``checks.py``), the statements come from ingest, a layer above:
it registers a source in ``stability_sources``, and this module compares each statement with the
incidents the reader may see, so the stability page and the ingested paper's page say the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from panelbook.core.lib.sheets import heading_key
from panelbook.performance import incident_reports, incidents
from panelbook.performance.models import ServiceLine

# A paper reports the figure the DCC gave at a meeting, which can be up to a month before the
# paper's own date: a stated count of days agrees when panelbook's count on the paper's date is
# the stated one or up to this many days more.
REPORTING_LAG_DAYS = 31

NUMBER_WORDS = {
    "no": 0,
    "none": 0,
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "a single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


@dataclass(frozen=True)
class StatedDays:
    """A paper's days of stable service for a service line on the paper's date."""

    source: str  # the paper, in words
    url: str  # where the reader sees the statement
    days: int
    on: dt.date
    line: str | None = None  # the service line as the paper names it


@dataclass(frozen=True)
class StatedCount:
    """A paper's count of Major Incidents that opened in a month, with its count per category
    where it gives one."""

    source: str
    url: str
    month: dt.date
    count: int
    by_category: tuple[tuple[int, int], ...] = ()  # (category, count), as the paper gives them


Stated = StatedDays | StatedCount


@dataclass(frozen=True)
class Checked:
    """A statement beside what panelbook's incidents give."""

    stated: Stated
    says: str  # the statement, in words
    holds: str  # what panelbook holds, in words
    differences: tuple[str, ...] = ()

    @property
    def agrees(self) -> bool:
        return not self.differences


def line_named(named: str | None, lines: list[ServiceLine]) -> ServiceLine | None:
    """The service line a paper names ("CSP N", "SMETS1", "csp-n"); None when it names none panelbook holds."""
    if not named:
        return None
    wanted = heading_key(named).replace(" ", "")
    return next((line for line in lines if wanted in _names_of(line)), None)


def _names_of(line: ServiceLine) -> set[str]:
    return {heading_key(name).replace(" ", "") for name in (line.code, line.name)}


def check_days(
    user: Any, stated: StatedDays, *, category: int = 2, facts: list[incidents.Facts] | None = None
) -> Checked:
    """Days of stable service as the paper states them, against those worked out from the
    incidents ``user`` may see of ``category`` or worse, on the paper's date (``facts``: those
    incidents, read once for many statements)."""
    says = f"{stated.days} days of stable service for {stated.line or 'a service line it does not name'}"
    line = line_named(stated.line, list(ServiceLine.objects.all()))
    if line is None:
        question = (
            f"“{stated.line}” is not a service line panelbook holds, so the figure cannot be checked."
            if stated.line
            else "The paper does not say which service line; the figure cannot be checked."
        )
        return Checked(stated, says, "—", (question,))
    if facts is None:
        facts = [i.facts() for i in incident_reports.readable(user)]
    found = incidents.days_stable(facts, line.code, category=category, on=stated.on)
    holds = f"{line}: {found.in_words()} on {stated.on:%-d %B %Y}"
    if found.since is not None and found.still_open:
        still = (
            f"panelbook cannot bear out {stated.days} days: {found.since.reference} was still affecting {line} then."
        )
        return Checked(stated, says, holds, (still,))
    if found.days is None:
        counted = f"panelbook holds {found.in_words()} on {line}, so it cannot count the days."
        return Checked(stated, says, holds, (counted,))
    if stated.days <= found.days <= stated.days + REPORTING_LAG_DAYS:
        return Checked(stated, says, holds)
    difference = (
        f"The paper states {stated.days} days of stable service for {line}; from the incidents panelbook holds "
        f"it had {found.days} on {stated.on:%-d %B %Y} (the paper's date), {found.in_words()}."
    )
    return Checked(stated, says, holds, (difference,))


def check_count(user: Any, stated: StatedCount) -> Checked:
    """A month's Major Incidents as the paper counts them, against the Major Incidents ``user``
    may see that opened in that month, by the most severe category each reached."""
    month = stated.month
    major = [i for i in incident_reports.month(user, month).incidents if i.is_major]
    held_by_category = {c: sum(1 for i in major if i.worst_category == c) for c in incidents.CATEGORIES}
    says = f"{_major(stated.count)} in {month:%B %Y}{_categories(dict(stated.by_category))}"
    named = ", ".join(f"{i.reference} (Category {i.worst_category})" for i in major)
    holds = f"{_major(len(major))} in {month:%B %Y}" + (f": {named}" if named else "")
    differences = []
    if len(major) != stated.count:
        differences.append(
            f"The paper counts {_major(stated.count)} in {month:%B %Y}; panelbook holds {len(major)}"
            f"{': ' + named if named else ''}."
        )
    for category, count in sorted(stated.by_category):
        if held_by_category.get(category, 0) != count:
            differences.append(
                f"The paper counts {count} Category {category} among them; panelbook holds "
                f"{held_by_category.get(category, 0)}."
            )
    return Checked(stated, says, holds, tuple(differences))


def _major(count: int) -> str:
    return f"{count} Major Incident{'' if count == 1 else 's'}"


def _categories(by_category: dict[int, int]) -> str:
    if not by_category:
        return ""
    return " (" + ", ".join(f"{n} Category {c}" for c, n in sorted(by_category.items())) + ")"


def check(user: Any, stated: Stated, *, category: int = 2, facts: list[incidents.Facts] | None = None) -> Checked:
    if isinstance(stated, StatedDays):
        return check_days(user, stated, category=category, facts=facts)
    return check_count(user, stated)


# What papers state about stability, from the apps that hold papers: each a function
# (reader, file or None for every file) -> statements.
StabilitySource = Callable[[Any, Any], list[Stated]]
stability_sources: list[StabilitySource] = []


def checked_in_papers(user: Any, *, in_file: Any = None, category: int = 2) -> list[Checked]:
    """Every statement about stability in the papers ``user`` may see (or in one of them), each
    checked against the incidents ``user`` may see; newest first."""
    stated = [s for source in stability_sources for s in source(user, in_file)]
    if not stated:
        return []
    facts = [i.facts() for i in incident_reports.readable(user)]  # once, for every statement
    checked = [check(user, s, category=category, facts=facts) for s in stated]
    return sorted(checked, key=_when_stated, reverse=True)


def _when_stated(checked: Checked) -> tuple[dt.date, str]:
    stated = checked.stated
    return (stated.on if isinstance(stated, StatedDays) else stated.month, stated.source)
