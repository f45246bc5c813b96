"""What the incident pages, API, exports and papers show, read for one person through the gate and
worked out by ``performance.incidents``: an incident with its durations, a month's incidents with
their counts, the days of stable service per service line, and the stability figures of a period
for the paper section.

An incident a person may not see changes nothing they are shown: counts and days of stable
service are worked out from the incidents they may see.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.core.lib import span_chart
from panelbook.core.lib.working_days import Calendar
from panelbook.performance import incidents
from panelbook.performance.incidents import CATEGORIES, Duration, Stability
from panelbook.performance.levels import first_of_month, next_month
from panelbook.performance.models import (
    CategoryChange,
    Incident,
    Restoration,
    ServiceLine,
    TargetResolutionTime,
)

# Category 1 darkest; the palette reads in grey too.
PALETTE = (
    ("Category 1", "#7f1d1d"),
    ("Category 2", "#b3261e"),
    ("Category 3", "#e07b39"),
    ("Category 4", "#e8b931"),
    ("Category 5", "#9aa5b1"),
)
DOWN = ("Service down", "#0b4f6c")


def readable(user: Any, classification: str | None = None) -> Any:
    """The incidents ``user`` may see and that are not void (and, for a paper, at or below its
    ``classification``), with what the rules read prefetched."""
    rows = Incident.objects.visible_to(user).in_force()
    if classification is not None:
        rows = rows.filter(classification__in=Classification.up_to(classification))
    return with_facts(rows)


def with_facts(rows: Any) -> Any:
    return rows.prefetch_related(
        Prefetch("changes", queryset=CategoryChange.objects.order_by("at", "pk")),
        "services",
        "regions",
        Prefetch("restorations", queryset=Restoration.objects.select_related("service_line")),
    )


def targets() -> list[incidents.Target]:
    return [t.as_target() for t in TargetResolutionTime.objects.all()]


def calendar() -> Calendar:
    """The Working Day calendar targets in Working Days are counted in (England and Wales)."""
    return Calendar()


def durations(incident: Incident) -> list[Duration]:
    return incidents.durations(incident.facts(), targets(), calendar().add)


def chart(incident: Incident) -> span_chart.Spans:
    """The incident's categories over time, then each service's outage until its restoration."""
    facts = incident.facts()
    now = timezone.localtime()
    end = facts.end() or now
    changes = facts.changes
    category_spans = tuple(
        span_chart.Span(change.at, changes[i + 1].at if i + 1 < len(changes) else facts.closed, _key(change.category))
        for i, change in enumerate(changes)
    )
    lines = {s.code: s.name for s in incident.services.all()}
    rows = [span_chart.Row("Category", category_spans)]
    rows += [
        span_chart.Row(lines[code], (span_chart.Span(facts.opened, facts.end_for(code), DOWN[0]),))
        for code in facts.lines
    ]
    margin = max((end - facts.opened) / 20, dt.timedelta(minutes=10))
    return span_chart.Spans(
        f"Timeline of {incident.reference}",
        tuple(rows),
        facts.opened - margin,
        end + margin,
        (*PALETTE, DOWN),
    )


def _key(category: int) -> str:
    return f"Category {category}"


@dataclass
class Month:
    """A month's incidents (those that opened in it), their counts and a timeline."""

    month: dt.date
    incidents: list[Incident]
    counts: dict[int, int]
    major: int

    @property
    def total(self) -> int:
        return len(self.incidents)

    def chart(self) -> span_chart.Spans:
        start = timezone.make_aware(dt.datetime.combine(self.month, dt.time()))
        end = timezone.make_aware(dt.datetime.combine(next_month(self.month), dt.time()))
        rows = []
        for incident in sorted(self.incidents, key=lambda i: i.opened):
            facts = incident.facts()
            spans = tuple(
                span_chart.Span(
                    change.at,
                    facts.changes[n + 1].at if n + 1 < len(facts.changes) else facts.end(),
                    _key(change.category),
                )
                for n, change in enumerate(facts.changes)
            )
            rows.append(span_chart.Row(incident.reference, spans))
        return span_chart.Spans(
            f"Incidents opened in {self.month:%B %Y}",
            tuple(rows),
            timezone.localtime(start),
            timezone.localtime(end),
            PALETTE,
        )


def month(user: Any, month: dt.date) -> Month:
    month = first_of_month(month)
    found = list(readable(user).matching(month=month).order_by("opened"))
    counts = Counter(i.worst_category for i in found)
    return Month(month, found, {c: counts.get(c, 0) for c in CATEGORIES}, sum(1 for i in found if i.is_major))


def latest_month(user: Any) -> dt.date | None:
    opened = Incident.objects.visible_to(user).in_force().order_by("-opened").values_list("opened", flat=True).first()
    return first_of_month(timezone.localtime(opened).date()) if opened else None


def stability(
    user: Any, *, category: int, on: dt.date, classification: str | None = None
) -> list[tuple[ServiceLine, Stability]]:
    """Each service line's days of stable service on ``on``, since its last incident of ``category``
    or worse that ``user`` may see."""
    facts = [i.facts() for i in readable(user, classification).filter(opened__date__lte=on)]
    return [
        (line, incidents.days_stable(facts, line.code, category=category, on=on)) for line in ServiceLine.objects.all()
    ]


@dataclass
class StabilityFigures:
    """The figures of the "Service performance and stability" paper section for a period: the
    incidents that opened in each month by category, and each service line's days of stable
    service at the period's end."""

    first_month: dt.date
    last_month: dt.date
    category: int
    by_month: list[tuple[dt.date, dict[int, int]]]
    totals: dict[int, int]
    major: list[Incident]
    stability: list[tuple[ServiceLine, Stability]]

    @property
    def on(self) -> dt.date:
        return next_month(self.last_month) - dt.timedelta(days=1)


def stability_figures(
    user: Any,
    *,
    first_month: dt.date,
    last_month: dt.date,
    category: int = 2,
    classification: str | None = None,
) -> StabilityFigures:
    """For a paper: counts by category per month from ``first_month`` to ``last_month``, the Major
    Incidents among them, and days of stable service per line (``category`` or worse) as of the
    last day of ``last_month`` — all from the incidents ``user`` may see."""
    first, last = first_of_month(first_month), first_of_month(last_month)
    end = next_month(last)
    found = list(
        readable(user, classification).filter(opened__date__gte=first, opened__date__lt=end).order_by("opened")
    )
    counted = incidents.counts_by_month(i.facts() for i in found)
    by_month, month_ = [], first
    while month_ <= last:
        counts = counted.get(month_, Counter())
        by_month.append((month_, {c: counts.get(c, 0) for c in CATEGORIES}))
        month_ = next_month(month_)
    totals = {c: sum(counts[c] for _, counts in by_month) for c in CATEGORIES}
    on = end - dt.timedelta(days=1)
    return StabilityFigures(
        first,
        last,
        category,
        by_month,
        totals,
        [i for i in found if i.is_major],
        stability(user, category=category, on=on, classification=classification),
    )
