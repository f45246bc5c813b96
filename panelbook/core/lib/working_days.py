"""Working Days, as the SEC counts them: pure, no Django.

A Working Day is a weekday that is not a bank holiday in England and Wales (the bank holidays come
from the ``holidays`` library, special ones such as a state funeral or a coronation included) and
not one of the extra non-working days a secretariat declares (``Closure``). A closure is reference
data with the day from which it was known (``declared_on``), so a date computed last month can be
computed again exactly as it was: ``Calendar(closures, known_on=that day)``.

Counting follows the SEC's wording. "N Working Days after D" is the Nth Working Day that follows D
(D itself never counts, whatever day it is); "N Working Days before D" the Nth one before it.
Every computation can say how it got there (``Reckoning.steps``), so a timetable can show the rule
in words beside the date it produced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import holidays

DAY = dt.timedelta(days=1)
SATURDAY = 5
# The library's name for the England-and-Wales calendar (the SEC's Working Day definition).
COUNTRY, SUBDIVISION = "GB", "ENG"


@dataclass(frozen=True)
class Closure:
    """An extra non-working day: ``day`` is closed, as known from ``declared_on``."""

    day: dt.date
    reason: str
    declared_on: dt.date


@dataclass(frozen=True)
class Reckoning:
    """A computed date and, in words, how it was reached."""

    date: dt.date
    steps: tuple[str, ...]

    def explain(self) -> str:
        return "; ".join(self.steps)


@dataclass(frozen=True)
class Calendar:
    """Working Days under the England-and-Wales bank holidays and the given closures."""

    closures: tuple[Closure, ...] = ()
    known_on: dt.date | None = None  # only closures declared on or before this day count
    _bank_holidays: dict[int, holidays.HolidayBase] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, closures: Iterable[Closure] = (), known_on: dt.date | None = None) -> Calendar:
        return cls(closures=tuple(closures), known_on=known_on)

    @cached_property
    def _closed(self) -> dict[dt.date, str]:
        return {
            closure.day: closure.reason
            for closure in self.closures
            if self.known_on is None or closure.declared_on <= self.known_on
        }

    def why_closed(self, day: dt.date) -> str:
        """Why ``day`` is not a Working Day ('Saturday', 'Good Friday', a closure's reason), or ''."""
        if day.weekday() >= SATURDAY:
            return day.strftime("%A")
        name = self._holidays_of(day.year).get(day)
        if name:
            return str(name)
        return self._closed.get(day, "")

    def is_working_day(self, day: dt.date) -> bool:
        return not self.why_closed(day)

    def add(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th Working Day after ``start`` (before it, when ``count`` is negative)."""
        return self.reckon(start, count).date

    def reckon(self, start: dt.date, count: int, *, label: str = "") -> Reckoning:
        """``add``, with the steps in words: the days it skipped and why."""
        step = DAY if count >= 0 else -DAY
        day, counted, skipped = start, 0, []
        while counted < abs(count):
            day += step
            reason = self.why_closed(day)
            if not reason:
                counted += 1
            elif day.weekday() < SATURDAY:
                skipped.append(f"{_short(day)} ({reason})")
        direction = "after" if count >= 0 else "before"
        what = f"{label}: " if label else ""
        words = f"{what}{abs(count)} working {_days(abs(count))} {direction} {_short(start)} is {_short(day)}"
        if skipped:
            words += ", not counting " + ", ".join(skipped)
        return Reckoning(day, (words,))

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working Days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

        So ``between(d, add(d, n)) == n`` for every ``n``.
        """
        if end < start:
            return -self.between(end, start)
        count, day = 0, start
        while day < end:
            day += DAY
            count += self.is_working_day(day)
        return count

    def _holidays_of(self, year: int) -> holidays.HolidayBase:
        if year not in self._bank_holidays:
            self._bank_holidays[year] = holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year)
        return self._bank_holidays[year]


def then(first: Reckoning, calendar: Calendar, count: int, *, label: str = "") -> Reckoning:
    """A rule in two steps: ``count`` Working Days after the date ``first`` reached."""
    second = calendar.reckon(first.date, count, label=label)
    return Reckoning(second.date, first.steps + second.steps)


def _short(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _days(count: int) -> str:
    return "day" if count == 1 else "days"
