"""A modification's timetable as a chart (``core.lib.timeline_chart``): the same drawing on its page
and in the Modification Timetables paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from panelbook.core.lib import timeline_chart
from panelbook.modifications.models import Milestone

CAPTION = "Baseline, plan and reached date of each milestone; the table gives the same dates."


def timeline(reference: str, milestones: Iterable[Milestone], today: dt.date) -> timeline_chart.Timeline:
    steps = tuple(timeline_chart.Step(m.name, m.baseline, m.planned, m.actual) for m in milestones)
    return timeline_chart.Timeline(f"Timetable of {reference}", steps, today)
