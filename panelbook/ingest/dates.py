"""Dates as papers print them ("Friday 10 May 2019", "13 February 2019 at 10:27") -> ISO strings."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = "January February March April May June July August September October November December".split()
DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def parse_date(text: str) -> str | None:
    """The first "d Month yyyy" in ``text`` as an ISO date, or None."""
    found = DATE.search(text)
    if not found:
        return None
    day, month, year = int(found.group(1)), MONTHS.index(found.group(2)) + 1, int(found.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def day_of_reference(reference: str | None, paper_date: str | None) -> str | None:
    """The meeting date a paper reference's "DDMM" names (SECP_120_0901_03: 9 January), in the year
    that puts it nearest the paper's own date (ISO): a reference gives no year, and a paper dated in
    late December is for a meeting in January of the next year."""
    parts = (reference or "").split("_")
    if paper_date is None or len(parts) < 3 or not re.fullmatch(r"\d{4}", parts[2]):
        return None
    day, month = int(parts[2][:2]), int(parts[2][2:])
    near = dt.date.fromisoformat(paper_date)
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda candidate: abs(candidate - near)).isoformat() if candidates else None


def at_time(date: str | None, time: str | None) -> str | None:
    """ "2019-03-26" and "12:18" -> "2019-03-26T12:18"."""
    if date is None:
        return None
    return f"{date}T{time}" if time else date


def month_before(month_name: str, reference_date: str | None) -> str | None:
    """The latest named month on or before ``reference_date``, as YYYY-MM ("December" before 2021-03 -> 2020-12)."""
    if reference_date is None:
        return None
    on = dt.date.fromisoformat(reference_date)
    month = MONTHS.index(month_name) + 1
    year = on.year if month <= on.month else on.year - 1
    return f"{year}-{month:02d}"
