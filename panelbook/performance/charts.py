"""One series of results as a trend chart (``core.lib.trend_chart``): the same drawing on the
measure's page and in a paper."""

from __future__ import annotations

from panelbook.core.lib import trend_chart
from panelbook.performance.levels import Status
from panelbook.performance.reports import Series

CAPTION = "Each month's result against the Target and Minimum in force; months below Target are shaded."


def trend(series: Series) -> trend_chart.Trend:
    points = tuple(
        trend_chart.Point(
            s.month,
            s.value,
            s.levels.target if s.levels else None,
            s.levels.minimum if s.levels else None,
            s.status in (Status.BELOW_TARGET, Status.BELOW_MINIMUM),
        )
        for s in series.standings
    )
    return trend_chart.Trend(series.name, series.measure.unit, points)
