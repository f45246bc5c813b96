"""A timetable chart: baseline, plan and actual date of each milestone (matplotlib; no Django).

One drawing, two encodings: SVG for the web page and the PDF paper, PNG for the Word paper (Word
cannot place an SVG through python-docx). The SVG carries a ``<title>`` and a ``<desc>`` that says
every date in words; pages show the dates in a table beside it as well. Charts are cached by their
content, since drawing one takes tens of milliseconds and a paper holds many.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from panelbook.core.lib import drawing

BASELINE, PLAN, ACTUAL, SLIP, TODAY = "#5a6470", "#0b4f6c", "#1b7f3b", "#b3261e", "#9aa5b1"


@dataclass(frozen=True)
class Step:
    """One milestone: the date first agreed, the date now planned, the date reached (if it was)."""

    name: str
    baseline: dt.date
    planned: dt.date
    actual: dt.date | None = None


@dataclass(frozen=True)
class Timeline:
    title: str  # "Timetable of MP122"
    steps: tuple[Step, ...]
    today: dt.date

    def description(self) -> str:
        """Every date of the chart in words: its text alternative."""
        parts = []
        for step in self.steps:
            said = f"{step.name}: baseline {step.baseline:%d/%m/%Y}, planned {step.planned:%d/%m/%Y}"
            said += f", reached {step.actual:%d/%m/%Y}" if step.actual else ", not yet reached"
            parts.append(said)
        return "; ".join(parts) + "." if parts else "No milestones."


def svg(timeline: Timeline) -> str:
    """The chart as an SVG element (no XML prolog), with its title and description, for inlining
    in a page or embedding in a paper."""
    return _svg(timeline)


def png(timeline: Timeline) -> bytes:
    return _png(timeline)


def data_uri(timeline: Timeline) -> str:
    """The SVG as an image address for a page (``drawing.data_uri`` says why not inline)."""
    return drawing.data_uri(svg(timeline))


@functools.lru_cache(maxsize=512)
def _svg(timeline: Timeline) -> str:
    return drawing.labelled_svg(_figure(timeline), timeline.title, timeline.description())


@functools.lru_cache(maxsize=512)
def _png(timeline: Timeline) -> bytes:
    return drawing.png(_figure(timeline))


def _figure(timeline: Timeline) -> Figure:
    steps = timeline.steps
    figure = Figure(figsize=(7.2, 1.2 + 0.42 * max(len(steps), 1)), layout="constrained")
    axes = figure.subplots()
    rows = list(range(len(steps)))[::-1]  # the first milestone at the top
    for row, step in zip(rows, steps, strict=True):
        baseline, planned, end = _x(step.baseline), _x(step.planned), _x(step.actual or step.planned)
        if end != baseline:
            axes.plot([baseline, end], [row, row], color=SLIP if end > baseline else ACTUAL, lw=2)
        if step.actual is None and step.planned < timeline.today:  # overdue: slipping until today
            axes.plot([planned, _x(timeline.today)], [row, row], color=SLIP, lw=2, ls=":")
        axes.plot(baseline, row, "o", mfc="white", mec=BASELINE, mew=1.5, ms=11)
        axes.plot(planned, row, "D", color=PLAN, ms=5)
        if step.actual:
            axes.plot(_x(step.actual), row, "s", color=ACTUAL, ms=7)
    axes.axvline(_x(timeline.today), color=TODAY, ls="--", lw=1)
    axes.set_xlim(*_span(timeline))
    axes.set_yticks(rows, [step.name for step in steps], fontsize=8)
    axes.set_ylim(-0.7, len(steps) - 0.3)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(axis="x", color="#e3e8ee", lw=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(timeline.title, fontsize=10, loc="left")
    axes.legend(handles=_legend(), loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=6, fontsize=7, frameon=False)
    return figure


def _x(day: dt.date) -> float:
    return float(mdates.date2num(day))


def _span(timeline: Timeline) -> tuple[float, float]:
    """From a fortnight before the first date shown to a fortnight after the last, and at least
    three months, so that the axis has months to mark."""
    days = [timeline.today] + [d for s in timeline.steps for d in (s.baseline, s.planned, s.actual) if d]
    first, last = min(days) - dt.timedelta(days=14), max(days) + dt.timedelta(days=14)
    last = max(last, first + dt.timedelta(days=90))
    return _x(first), _x(last)


def _legend() -> list[Line2D]:
    return [
        Line2D([], [], marker="o", ls="", mfc="white", mec=BASELINE, label="Baseline"),
        Line2D([], [], marker="D", ls="", color=PLAN, label="Plan"),
        Line2D([], [], marker="s", ls="", color=ACTUAL, label="Reached"),
        Line2D([], [], color=SLIP, lw=2, label="Slipped"),
        Line2D([], [], color=SLIP, lw=2, ls=":", label="Overdue"),
        Line2D([], [], color=TODAY, ls="--", label="Today"),
    ]
