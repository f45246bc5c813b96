"""The Change Status Report's data: every modification in progress by stage, and what changed lately.

Built for one reader at one classification: it holds only the modifications the reader may see
(``visible_to``) at or below the paper's level, so the paper written from it (``papers``) can never
say more than the reader could read in the register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from panelbook.core.classification import Classification
from panelbook.modifications import charts, figures, lifecycle, services
from panelbook.modifications.models import (
    Assessment,
    AssessmentKind,
    Extension,
    Milestone,
    Modification,
    Progress,
    Release,
    StageChange,
    scope_of,
)

WINDOW = dt.timedelta(days=31)  # "lately": raised or decided in the month before the report
NEXT_RELEASES = 3  # the releases the report looks ahead to


@dataclass(frozen=True)
class StatusRow:
    reference: str
    title: str
    path: str
    stage: str
    classification: str
    next_milestone: str  # the first milestone not yet reached, or ""
    planned: dt.date | None
    baseline: dt.date | None
    slippage: int  # Working Days from that milestone's baseline to its plan, or to today when overdue
    late: bool
    last_change: dt.date  # the day it reached its present stage


@dataclass(frozen=True)
class ScopeRow:
    reference: str
    title: str
    stage: str
    classification: str
    on_track: bool
    standing: str  # how it stands for the release, in words


@dataclass(frozen=True)
class ReleaseRow:
    name: str
    date: dt.date
    sec_version: str
    scope: list[ScopeRow]


@dataclass(frozen=True)
class ChangeStatusReport:
    as_of: dt.date
    since: dt.date
    classification: str
    in_progress: list[tuple[str, list[StatusRow]]]  # by stage, in lifecycle order
    decided: list[StatusRow]  # reached a decision or finished since ``since``
    raised: list[StatusRow]  # raised since ``since``
    releases: list[ReleaseRow] = field(default_factory=list)  # the next releases, with what is in their scope

    @property
    def reference(self) -> str:
        return f"CSR_{self.as_of:%Y_%m}"

    @property
    def open_count(self) -> int:
        return sum(len(rows) for _, rows in self.in_progress)

    @property
    def late_count(self) -> int:
        return sum(row.late for _, rows in self.in_progress for row in rows)


def change_status_report(reader: Any, *, as_of: dt.date, classification: str) -> ChangeStatusReport:
    """The report as ``reader`` may read it, of the modifications at or below ``classification``."""
    modifications = (
        Modification.objects.visible_to(reader)
        .in_force()
        .filter(classification__in=Classification.up_to(classification), raised_on__lte=as_of)
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("position")), "stage_changes")
        .order_by("raised_on", "reference")
    )
    calendar = services.working_days()
    rows = [(modification, _row(modification, as_of, calendar)) for modification in modifications]
    since = as_of - WINDOW
    by_stage: dict[str, list[StatusRow]] = {}
    for modification, row in rows:
        if not modification.is_finished:
            by_stage.setdefault(modification.stage, []).append(row)
    ordered = [
        (lifecycle.STAGE_LABELS[stage], by_stage[stage.value]) for stage in lifecycle.Stage if stage.value in by_stage
    ]
    decided_stages = lifecycle.DECIDED | lifecycle.FINISHED | {lifecycle.Stage.WITH_AUTHORITY}
    return ChangeStatusReport(
        as_of=as_of,
        since=since,
        classification=classification,
        in_progress=ordered,
        decided=[row for m, row in rows if m.stage in decided_stages and since < row.last_change <= as_of],
        raised=[row for m, row in rows if since < m.raised_on <= as_of],
        releases=next_releases(reader, as_of=as_of, classification=classification),
    )


def next_releases(reader: Any, *, as_of: dt.date, classification: str) -> list[ReleaseRow]:
    """The next releases from ``as_of``, each with the modifications in its scope ``reader`` may see
    at or below ``classification``."""
    shown = list(Release.objects.in_force().filter(date__gte=as_of).order_by("date", "name")[:NEXT_RELEASES])
    scope = scope_of(shown, reader, as_of, levels=Classification.up_to(classification))
    return [
        ReleaseRow(
            release.name,
            release.date,
            release.sec_version,
            [
                ScopeRow(
                    row.modification.reference,
                    row.modification.title,
                    row.modification.get_stage_display(),
                    row.modification.classification,
                    row.standing.on_track,
                    row.standing.words,
                )
                for row in scope[release.pk]
            ],
        )
        for release in shown
    ]


def _row(modification: Modification, as_of: dt.date, calendar: Any) -> StatusRow:
    milestones = list(modification.milestones.all())
    upcoming = next((m for m in milestones if m.actual is None), None)
    changes = sorted(modification.stage_changes.all(), key=lambda change: (change.on, change.pk))
    return StatusRow(
        reference=modification.reference,
        title=modification.title,
        path=modification.get_path_display(),
        stage=modification.get_stage_display(),
        classification=modification.classification,
        next_milestone=upcoming.name if upcoming else "",
        planned=upcoming.planned if upcoming else None,
        baseline=upcoming.baseline if upcoming else None,
        slippage=upcoming.slippage(calendar, as_of) if upcoming else 0,
        late=modification.progress(as_of, milestones) == Progress.LATE,
        last_change=changes[-1].on if changes else modification.raised_on,
    )


# The Modification Timetables paper


@dataclass(frozen=True)
class TimetableRow:
    milestone: str
    baseline: dt.date
    planned: dt.date
    actual: dt.date | None
    slippage: int  # Working Days, as ``Milestone.slippage`` counts them
    rule: str


@dataclass(frozen=True)
class Timetable:
    reference: str
    title: str
    path: str
    stage: str
    classification: str
    late: bool
    rows: list[TimetableRow]
    extensions: list[str]  # "20 working days from Modification Report, agreed 03/03/2025 (SECP_140 item 6): why"
    chart: Any  # core.lib.timeline_chart.Timeline


@dataclass(frozen=True)
class TimetablesReport:
    as_of: dt.date
    classification: str
    timetables: list[Timetable]  # every open modification the reader may see, oldest first
    untimetabled: list[StatusRow]  # open ones with no timetable agreed yet

    @property
    def reference(self) -> str:
        return f"MTT_{self.as_of:%Y_%m}"


def timetables_report(reader: Any, *, as_of: dt.date, classification: str) -> TimetablesReport:
    """Every open modification's timetable as ``reader`` may read it, at or below ``classification``."""
    modifications = (
        Modification.objects.visible_to(reader)
        .in_force()
        .exclude(stage__in=[stage.value for stage in lifecycle.FINISHED])
        .filter(classification__in=Classification.up_to(classification), raised_on__lte=as_of)
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("position")),
            Prefetch("extensions", queryset=Extension.objects.select_related("from_milestone")),
            "stage_changes",
        )
        .order_by("raised_on", "reference")
    )
    calendar = services.working_days()
    timetables, untimetabled = [], []
    for modification in modifications:
        milestones = list(modification.milestones.all())
        if not milestones:
            untimetabled.append(_row(modification, as_of, calendar))
            continue
        timetables.append(
            Timetable(
                reference=modification.reference,
                title=modification.title,
                path=modification.get_path_display(),
                stage=modification.get_stage_display(),
                classification=modification.classification,
                late=modification.progress(as_of, milestones) == Progress.LATE,
                rows=[
                    TimetableRow(m.name, m.baseline, m.planned, m.actual, m.slippage(calendar, as_of), m.rule)
                    for m in milestones
                ],
                extensions=[_extension(e) for e in modification.extensions.all()],
                chart=charts.timeline(modification.reference, milestones, as_of),
            )
        )
    return TimetablesReport(as_of, classification, timetables, untimetabled)


def _extension(extension: Extension) -> str:
    return (
        f"{extension.working_days} working days from {extension.from_milestone.name}, agreed "
        f"{extension.agreed_on:%d/%m/%Y} ({extension.decision_reference}): {extension.reason}"
    )


# The register's figures


def figures_for(
    reader: Any, *, today: dt.date, raised_from: dt.date | None = None, raised_to: dt.date | None = None
) -> figures.Figures:
    """The figures (``figures.py``) over the modifications ``reader`` may see, raised within the
    period given. A stage change is read with its modification, as the modification's page shows it."""
    modifications = Modification.objects.visible_to(reader).in_force()
    if raised_from is not None:
        modifications = modifications.filter(raised_on__gte=raised_from)
    if raised_to is not None:
        modifications = modifications.filter(raised_on__lte=raised_to)
    reached: dict[int, list[tuple[str, dt.date]]] = {}
    changes = StageChange.objects.filter(modification__in=modifications).order_by("modification", "on", "id")
    for pk, stage, on in changes.values_list("modification", "stage", "on"):
        reached.setdefault(pk, []).append((stage, on))
    facts = [
        figures.Facts(reference, path, raised_on, tuple(reached.get(pk, ())))
        for pk, reference, path, raised_on in modifications.values_list("pk", "reference", "path", "raised_on")
    ]
    finished = [stage.value for stage in lifecycle.FINISHED]
    assessed = Assessment.objects.visible_to(reader).in_force().filter(modification__in=modifications)
    assessments = [
        figures.AssessmentFacts(reference, kind, requested, due, delivered, stage in finished)
        for reference, kind, requested, due, delivered, stage in assessed.values_list(
            "modification__reference", "kind", "requested_on", "due_on", "delivered_on", "modification__stage"
        )
    ]
    return figures.figures(
        facts, assessments, calendar=services.working_days(), today=today, kinds=AssessmentKind.values
    )
