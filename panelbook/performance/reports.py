"""What the pages, API and exports show of the results, read for one person through the gate and
worked out by ``performance.levels``: the month at a glance, one measure's history, the streaks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from panelbook.core.classification import Classification
from panelbook.performance import levels
from panelbook.performance.incident_reports import StabilityFigures, stability_figures
from panelbook.performance.levels import STATUS_LABELS, Standing, Status
from panelbook.performance.models import Measure, Provider, Result, Scope, ServiceLevel


@dataclass
class Series:
    """One measure for one scope, month by month."""

    measure: Measure
    scope: Scope
    standings: list[Standing]
    result_ids: dict[dt.date, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.measure} ({self.scope})"

    def at(self, month: dt.date) -> Standing | None:
        return next((s for s in self.standings if s.month == month), None)

    def rows(self) -> list[tuple[Standing, str, int]]:
        """Newest month first: each standing, its status in words and the stored result's id."""
        return [(s, STATUS_LABELS[s.status], self.result_ids[s.month]) for s in reversed(self.standings)]

    @property
    def latest(self) -> Standing | None:
        return self.standings[-1] if self.standings else None

    def between(self, since: dt.date | None, until: dt.date | None) -> Series:
        """The same series shown from ``since`` to ``until``; each month keeps the run it had."""
        kept = [
            s for s in self.standings if (since is None or s.month >= since) and (until is None or s.month <= until)
        ]
        return Series(self.measure, self.scope, kept, self.result_ids)


@dataclass
class Line:
    """One row of the month at a glance."""

    series: Series
    standing: Standing
    contributors: list[str] = field(default_factory=list)

    @property
    def run_in_words(self) -> str:
        return levels.run_in_words(self.standing)


def measures() -> Any:
    """The catalogue with its levels and mapping, read in three queries whatever its size."""
    return Measure.objects.select_related("provider").prefetch_related(
        Prefetch("service_levels", queryset=ServiceLevel.objects.order_by("effective_from")), "feeds"
    )


def all_series(
    user: Any, *, until: dt.date | None = None, measure: Measure | None = None, classification: str | None = None
) -> list[Series]:
    """Every measure and scope the user may see results of, up to ``until`` (and, for a paper, at or
    below its ``classification``)."""
    rows = Result.objects.visible_to(user).in_force()
    if classification is not None:
        rows = rows.filter(classification__in=Classification.up_to(classification))
    if until is not None:
        rows = rows.filter(month__lte=until)
    if measure is not None:
        rows = rows.filter(measure=measure)
    catalogue = {m.pk: m for m in (measures() if measure is None else [measure])}
    scopes = {s.pk: s for s in Scope.objects.all()}
    values: dict[tuple[int, int], dict[dt.date, Decimal]] = defaultdict(dict)
    ids: dict[tuple[int, int], dict[dt.date, int]] = defaultdict(dict)
    for pk, measure_id, scope_id, month, value in rows.values_list("pk", "measure_id", "scope_id", "month", "value"):
        values[(measure_id, scope_id)][month] = value
        ids[(measure_id, scope_id)][month] = pk
    found = []
    for key, series in values.items():
        m = catalogue[key[0]]
        standings = levels.standings(series, m.levels(), levels.Direction(m.direction))
        found.append(Series(m, scopes[key[1]], standings, ids[key]))
    return sorted(found, key=_catalogue_order)


def _catalogue_order(series: Series) -> tuple:
    """The measures in the catalogue's order (providers by position: the DCC's own first), then by scope."""
    measure = series.measure
    return (measure.provider.position, measure.provider.name, measure.code, series.scope.name)


def latest_month(user: Any) -> dt.date | None:
    return Result.objects.visible_to(user).in_force().order_by("-month").values_list("month", flat=True).first()


@dataclass
class Glance:
    month: dt.date
    below_minimum: list[Line]
    below_target: list[Line]
    met: list[Line]


def shown(series: Series, provider: Provider | None = None, scope: Scope | None = None) -> bool:
    """Whether a series is among those a page filtered by ``provider`` and ``scope`` shows."""
    return (provider is None or series.measure.provider_id == provider.pk) and (
        scope is None or series.scope.pk == scope.pk
    )


def month_at_a_glance(
    user: Any,
    month: dt.date,
    classification: str | None = None,
    provider: Provider | None = None,
    scope: Scope | None = None,
) -> Glance:
    """The month's results, below Minimum first (longest run first), then below Target, then met;
    of one provider's measures or one scope when asked (contributors are found among them all)."""
    series = all_series(user, until=month, classification=classification)
    lines = [Line(s, standing) for s in series if (standing := s.at(month)) and shown(s, provider, scope)]
    for line in lines:
        line.contributors = _contributors(line, series, month)

    def grouped(state: Status) -> list[Line]:
        return sorted((li for li in lines if li.standing.status == state), key=lambda li: -li.standing.run)

    return Glance(month, grouped(Status.BELOW_MINIMUM), grouped(Status.BELOW_TARGET), grouped(Status.MET))


def _contributors(line: Line, series: list[Series], month: dt.date) -> list[str]:
    feeders = {s.name: s.at(month) for s in series if line.series.measure in s.measure.feeds.all()}
    return levels.contributors(line.standing, feeders)


def streaks(user: Any, provider: Provider | None = None, scope: Scope | None = None) -> list[Series]:
    """The series whose latest month is below Target, the longest run first."""
    current = [s for s in all_series(user) if s.latest and s.latest.months_below_target and shown(s, provider, scope)]
    return sorted(current, key=lambda s: -(s.latest.months_below_target if s.latest else 0))


CHART_MONTHS = 13  # a year and the month before it, as the Operations Group reads a trend


@dataclass(frozen=True)
class ServiceSection:
    """What the "Service performance and stability" section of a paper says for one month, at one
    classification, as one reader may read it."""

    month: dt.date
    classification: str
    below_minimum: list[Line]
    below_target: list[Line]
    met: int  # how many measures met their levels
    charts: list[Series]  # the measures below Target, their last ``CHART_MONTHS`` months
    stability: StabilityFigures  # the incidents that opened in the month, and days of stable service

    @property
    def failing(self) -> list[Line]:
        return self.below_minimum + self.below_target


def service_section(user: Any, month: dt.date, classification: str, category: int = 2) -> ServiceSection:
    """The section for ``month``: performance against the levels, and the incidents that opened in
    the month with each service line's days of stable service since its last incident of
    ``category`` or worse, all as ``user`` may read them at ``classification``."""
    stability = stability_figures(
        user, first_month=month, last_month=month, category=category, classification=classification
    )
    glance = month_at_a_glance(user, month, classification)
    failing = glance.below_minimum + glance.below_target
    first = month
    for _ in range(CHART_MONTHS - 1):
        first = levels.previous_month(first)
    charts = [line.series.between(first, month) for line in failing]
    return ServiceSection(
        month, classification, glance.below_minimum, glance.below_target, len(glance.met), charts, stability
    )


@dataclass(frozen=True)
class StreakRow:
    """One run below Target, as the streaks API and export give it."""

    measure: int
    name: str
    scope: str  # its code
    scope_name: str
    latest_month: dt.date
    value: Decimal
    months_below_target: int
    months_below_minimum: int
    words: str


def streak_rows(user: Any, provider: Provider | None = None, scope: Scope | None = None) -> list[StreakRow]:
    rows = []
    for series in streaks(user, provider, scope):
        latest = series.latest
        if latest is None:
            continue
        rows.append(
            StreakRow(
                series.measure.pk,
                str(series.measure),
                series.scope.code,
                series.scope.name,
                latest.month,
                latest.value,
                latest.months_below_target,
                latest.months_below_minimum,
                levels.run_in_words(latest),
            )
        )
    return rows
