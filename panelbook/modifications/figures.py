"""Figures of the register, worked out from its dated history: pure, no Django.

Three figures, each saying how many modifications it rests on:

- time spent per stage: a stay starts the day a modification reached a stage and ends the day it
  reached the next one; a stage it is still at is not counted (its stay has not ended), and the
  finished stages (implemented, rejected, withdrawn) have no stay;
- days from raised to implemented, by path: from the date raised to the day it reached
  "Implemented";
- the DCC's assessment turnaround, by kind: Working Days from the request to the return, how many
  came back after their due date, and how many are outstanding past it. An unreturned assessment
  of a modification that has finished (withdrawn, rejected, implemented) is not overdue: nobody
  waits for it any more.

The caller gives only what the reader may see (``views.figures_for`` reads through the gate), so a
modification hidden from a reader never moves a figure shown to them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from panelbook.core.lib.working_days import Calendar
from panelbook.modifications.lifecycle import FINISHED, PATH_LABELS, STAGE_LABELS, Path, Stage


@dataclass(frozen=True)
class Facts:
    """What the figures read of one modification: its path, the day raised, and each stage reached, in order."""

    reference: str
    path: str
    raised_on: dt.date
    stages: tuple[tuple[str, dt.date], ...]  # (stage, the day reached), oldest first


@dataclass(frozen=True)
class AssessmentFacts:
    reference: str  # the modification assessed
    kind: str
    requested_on: dt.date
    due_on: dt.date
    delivered_on: dt.date | None
    modification_finished: bool


@dataclass(frozen=True)
class Summary:
    """Median and mean (to one decimal place) of some durations, None when there are none, and how many there are."""

    count: int
    median: float | None
    mean: float | None

    @classmethod
    def of(cls, values: Sequence[int]) -> Summary:
        if not values:
            return cls(0, None, None)
        return cls(len(values), float(statistics.median(values)), round(statistics.fmean(values), 1))


@dataclass(frozen=True)
class StageFigure:
    stage: str
    modifications: int  # how many modifications spent a finished stay at this stage
    working_days: Summary
    calendar_days: Summary


@dataclass(frozen=True)
class PathFigure:
    path: str
    modifications: int  # how many on this path were implemented
    working_days: Summary
    calendar_days: Summary


@dataclass(frozen=True)
class AssessmentFigure:
    kind: str
    modifications: int  # how many modifications had an assessment of this kind returned
    turnaround: Summary  # Working Days from request to return, of those returned
    returned_late: int  # returned after the day they were due
    overdue: int  # outstanding past their due day, on a modification still in progress


@dataclass(frozen=True)
class Figures:
    modifications: int  # how many modifications the figures were read from
    stages: list[StageFigure]
    paths: list[PathFigure]
    assessments: list[AssessmentFigure]


def stays(stages: Sequence[tuple[str, dt.date]]) -> list[tuple[str, dt.date, dt.date]]:
    """Each finished stay as (stage, reached, left): a stage reached and then left for the next one."""
    return [(stage, reached, left) for (stage, reached), (_, left) in zip(stages, stages[1:], strict=False)]


def implemented_on(facts: Facts) -> dt.date | None:
    return next((on for stage, on in facts.stages if stage == Stage.IMPLEMENTED), None)


def is_overdue(assessment: AssessmentFacts, today: dt.date) -> bool:
    """Not returned, past its due day, and the modification is still in progress."""
    return assessment.delivered_on is None and assessment.due_on < today and not assessment.modification_finished


def figures(
    modifications: Iterable[Facts],
    assessments: Iterable[AssessmentFacts],
    *,
    calendar: Calendar,
    today: dt.date,
    kinds: Sequence[str],
) -> Figures:
    """The three figures over ``modifications`` and ``assessments`` (``kinds`` in the order to list them)."""
    modifications = list(modifications)
    return Figures(
        modifications=len(modifications),
        stages=_by_stage(modifications, calendar),
        paths=_by_path(modifications, calendar),
        assessments=_by_kind(list(assessments), calendar, today, kinds),
    )


def _by_stage(modifications: list[Facts], calendar: Calendar) -> list[StageFigure]:
    working: dict[str, list[int]] = {}
    elapsed: dict[str, list[int]] = {}
    who: dict[str, set[str]] = {}
    for facts in modifications:
        for stage, reached, left in stays(facts.stages):
            working.setdefault(stage, []).append(calendar.between(reached, left))
            elapsed.setdefault(stage, []).append((left - reached).days)
            who.setdefault(stage, set()).add(facts.reference)
    return [
        StageFigure(
            stage.value,
            len(who.get(stage, ())),
            Summary.of(working.get(stage, [])),
            Summary.of(elapsed.get(stage, [])),
        )
        for stage in Stage
        if stage not in FINISHED
    ]


def _by_path(modifications: list[Facts], calendar: Calendar) -> list[PathFigure]:
    working: dict[str, list[int]] = {}
    elapsed: dict[str, list[int]] = {}
    for facts in modifications:
        done = implemented_on(facts)
        if done is None:
            continue
        working.setdefault(facts.path, []).append(calendar.between(facts.raised_on, done))
        elapsed.setdefault(facts.path, []).append((done - facts.raised_on).days)
    return [
        PathFigure(
            path.value,
            len(working.get(path, [])),
            Summary.of(working.get(path, [])),
            Summary.of(elapsed.get(path, [])),
        )
        for path in Path
    ]


def _by_kind(
    assessments: list[AssessmentFacts], calendar: Calendar, today: dt.date, kinds: Sequence[str]
) -> list[AssessmentFigure]:
    result = []
    for kind in kinds:
        mine = [a for a in assessments if a.kind == kind]
        returned = [(a, a.delivered_on) for a in mine if a.delivered_on is not None]
        result.append(
            AssessmentFigure(
                kind,
                modifications=len({a.reference for a, _ in returned}),
                turnaround=Summary.of([calendar.between(a.requested_on, back) for a, back in returned]),
                returned_late=sum(1 for a, back in returned if back > a.due_on),
                overdue=sum(1 for a in mine if is_overdue(a, today)),
            )
        )
    return result


@dataclass(frozen=True)
class Row:
    """One line of the figures as a table (the page, the CSV): a stage, a path or a kind of assessment."""

    figure: str  # "stage", "path" or "assessment"
    group: str  # the stage's, path's or kind's name
    modifications: int
    measured: int  # how many durations: stays, implementations, returns
    median_working_days: float | None
    mean_working_days: float | None
    median_calendar_days: float | None = None
    mean_calendar_days: float | None = None
    returned_late: int | None = None
    overdue: int | None = None


FIGURE_TITLES = {
    "stage": "Time spent per stage",
    "path": "From raised to implemented, by path",
    "assessment": "DCC assessment turnaround, by kind",
}


def rows(found: Figures, kind_labels: dict[str, str]) -> list[Row]:
    """The figures line by line, stages and paths by their names, kinds by ``kind_labels``."""
    return [
        *(_durations("stage", STAGE_LABELS[Stage(f.stage)], f) for f in found.stages),
        *(_durations("path", PATH_LABELS[Path(f.path)], f) for f in found.paths),
        *(
            Row(
                "assessment",
                kind_labels.get(f.kind, f.kind),
                f.modifications,
                f.turnaround.count,
                f.turnaround.median,
                f.turnaround.mean,
                returned_late=f.returned_late,
                overdue=f.overdue,
            )
            for f in found.assessments
        ),
    ]


def _durations(figure: str, group: str, found: StageFigure | PathFigure) -> Row:
    working, elapsed = found.working_days, found.calendar_days
    return Row(
        figure, group, found.modifications, working.count, working.median, working.mean, elapsed.median, elapsed.mean
    )
