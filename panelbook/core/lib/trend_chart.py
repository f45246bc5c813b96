"""A measure's trend: its monthly values against the Target and Minimum lines, the months below
Target shaded (matplotlib; no Django). Drawn and labelled as ``timeline_chart`` draws a timetable:
one drawing as SVG for the page and the PDF and PNG for Word, with a ``<title>`` and a ``<desc>``
that says every value in words, cached by content.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from matplotlib import dates as mdates
from matplotlib.figure import Figure

from panelbook.core.lib import drawing

VALUE, TARGET, MINIMUM, BREACH = "#0b4f6c", "#1b7f3b", "#b3261e", "#f4c7c3"


@dataclass(frozen=True)
class Point:
    """One month: its value and the levels in force that month (None where none were)."""

    month: dt.date
    value: Decimal
    target: Decimal | None
    minimum: Decimal | None
    below_target: bool


@dataclass(frozen=True)
class Trend:
    title: str  # "CPM1 (DCC total)"
    unit: str
    points: tuple[Point, ...]

    def description(self) -> str:
        """Every month of the chart in words: its text alternative."""
        said = []
        for point in self.points:
            words = f"{point.month:%B %Y}: {_said(point.value)}{self.unit}"
            if point.target is not None and point.minimum is not None:
                words += f" (Target {_said(point.target)}{self.unit}, Minimum {_said(point.minimum)}{self.unit})"
            said.append(words + (", below Target" if point.below_target else ""))
        return "; ".join(said) + "." if said else "No results."


def _said(number: Decimal) -> str:
    """A number as a person writes it: 94.65, 99 (not 94.650, 99.000 or 9.9E+1)."""
    return f"{number.normalize():f}"


def svg(trend: Trend) -> str:
    return _svg(trend)


def png(trend: Trend) -> bytes:
    return _png(trend)


def data_uri(trend: Trend) -> str:
    """The SVG as an image address for a page (``drawing.data_uri`` says why not inline)."""
    return drawing.data_uri(svg(trend))


@functools.lru_cache(maxsize=512)
def _svg(trend: Trend) -> str:
    return drawing.labelled_svg(_figure(trend), trend.title, trend.description())


@functools.lru_cache(maxsize=512)
def _png(trend: Trend) -> bytes:
    return drawing.png(_figure(trend))


def _figure(trend: Trend) -> Figure:
    figure = Figure(figsize=(7.2, 3.2), layout="constrained")
    axes = figure.subplots()
    xs = [_x(p.month) for p in trend.points]
    half_month = 16.0  # months are 28 to 31 days apart: neighbouring breaches meet without a gap
    for x, point in zip(xs, trend.points, strict=True):
        if point.below_target:
            axes.axvspan(x - half_month, x + half_month, color=BREACH, lw=0)
    axes.step(xs, [_level(p.target) for p in trend.points], where="mid", color=TARGET, ls="--", lw=1.2, label="Target")
    axes.step(
        xs, [_level(p.minimum) for p in trend.points], where="mid", color=MINIMUM, ls=":", lw=1.5, label="Minimum"
    )
    axes.plot(xs, [float(p.value) for p in trend.points], color=VALUE, marker="o", ms=3, lw=1.5, label="Result")
    # At most eight dates on the axis, the year written once where it changes: 13 "Nov 2025"s overlap.
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.tick_params(labelsize=8)
    axes.set_ylabel(trend.unit, fontsize=8)
    axes.grid(axis="y", color="#e3e8ee", lw=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(trend.title, fontsize=10, loc="left")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, fontsize=7, frameon=False)
    return figure


def _level(level: Decimal | None) -> float:
    return float(level) if level is not None else float("nan")


def _x(day: dt.date) -> float:
    return float(mdates.date2num(day))
