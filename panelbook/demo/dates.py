"""The demo's date helpers: its calendar is laid out around the day of loading."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from panelbook.core.lib.working_days import Calendar

LONDON = ZoneInfo("Europe/London")
DAY = dt.timedelta(days=1)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RELEASE_MONTHS = (2, 6, 11)  # SEC Releases are in February, June and November
NTH_WEEKDAY = re.compile(r"^([1-4])(?:st|nd|rd|th) (\w+)$")
WORKING_DAYS = Calendar()


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s (before, when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    return add_months(day, 1) - DAY


def nth_weekday(month: dt.date, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1 = first) ``weekday`` (0 = Monday) of ``month``."""
    first = month.replace(day=1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def parse_nth_weekday(text: str) -> tuple[int, int]:
    """ "2nd Tuesday" -> (weekday 1, nth 2)."""
    match = NTH_WEEKDAY.match(text)
    if not match or match.group(2) not in WEEKDAYS:
        raise ValueError(f"{text!r} is not a day such as '2nd Tuesday'.")
    return WEEKDAYS.index(match.group(2)), int(match.group(1))


def parse_hours(text: str) -> tuple[dt.time, dt.time]:
    """ "10:00-13:00" -> (10:00, 13:00)."""
    start, end = text.split("-")
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


def at(day: dt.date, time: dt.time) -> dt.datetime:
    """``day`` at ``time``, London time."""
    return dt.datetime.combine(day, time, tzinfo=LONDON)


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The ``count``-th Working Day before ``day`` (weekends and bank holidays skipped)."""
    return WORKING_DAYS.add(day, -count)


def working_day_from(day: dt.date) -> dt.date:
    """``day``, or the next Working Day when it is a weekend or a bank holiday."""
    return day if WORKING_DAYS.is_working_day(day) else WORKING_DAYS.add(day, 1)


def weekday_within(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    """``day`` kept within [low, high] and moved off a weekend when the bounds allow."""
    day = min(max(day, low), high)
    for step in (-DAY, DAY):
        moved = day
        while moved.weekday() >= 5 and low <= moved + step <= high:
            moved += step
        if moved.weekday() < 5:
            return moved
    return day


def long(day: dt.date) -> str:
    """ "2 March 2027"."""
    return f"{day.day} {day:%B %Y}"


def month_name(day: dt.date) -> str:
    """ "March 2027"."""
    return f"{day:%B %Y}"


def regulatory_year(day: dt.date) -> int:
    """The year the Regulatory Year holding ``day`` began (they begin on 1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def year_span(year: int) -> str:
    """2026 -> "2026/27"."""
    return f"{year}/{(year + 1) % 100:02d}"


def next_release(day: dt.date) -> str:
    """The month of the first SEC Release after ``day``'s month, as "June 2027"."""
    for months in range(1, 13):
        month = add_months(day, months)
        if month.month in RELEASE_MONTHS:
            return month_name(month)
    raise AssertionError("unreachable")
