"""The constitution's items in a body's forward plan (``registers.planner``): the terms ending within
three months after a meeting (from the meeting before it), the seats vacant on the meeting's day,
and the elections whose nominations close before it."""

from __future__ import annotations

import datetime as dt

from panelbook.constitution import reports
from panelbook.governance.models import Body
from panelbook.registers.planner import Item


def plan_items(body: Body, *, since: dt.date, until: dt.date) -> list[Item]:
    items = [
        Item("Term ending", f"{a.person.name}, {a.seat}: term ends {a.ends_on:%d/%m/%Y}")
        for a in reports.terms_ending(body, since, reports.look_ahead(until))
    ]
    items += [
        Item("Vacancy", f"{row.seat.name}: {row.vacant} seat(s) vacant on {until:%d/%m/%Y}")
        for row in reports.composition(body, until)
        if row.vacant
    ]
    items += [
        Item("Election", f"{e}: nominations close {e.nominations_close:%d/%m/%Y}")
        for e in reports.elections_due(body, since, until)
    ]
    return items
