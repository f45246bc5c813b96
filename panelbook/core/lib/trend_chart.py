"""A measure's trend: its monthly values against the Target and Minimum lines, the months below
Target shaded (matplotlib; no Django). Drawn and labelled as ``timeline_chart`` draws a timetable:
one drawing as SVG for the page and the PDF and PNG for Word, with a ``<title>`` and a ``<desc>``
that says every value in words, cached by content.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")  # no display; the choice is global, so made before pyplot could be imported

from matplotlib import dates as mdates  # noqa: E402  (after the backend is chosen)
from matplotlib.figure import Figure  # noqa: E402

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
    """The SVG as an image address for a page (see ``timeline_chart.data_uri`` for why not inline)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(trend).encode()).decode("ascii")


@functools.lru_cache(maxsize=512)
def _svg(trend: Trend) -> str:
    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": trend.title, "svg.fonttype": "path"}):
        _figure(trend).savefig(out, format="svg", metadata={"Date": None})
    drawing = out.getvalue()
    drawing = drawing[drawing.index("<svg") :]
    drawing = re.sub(r"\s*<metadata>.*?</metadata>", "", drawing, count=1, flags=re.S)
    name = "chart-" + re.sub(r"[^a-z0-9]+", "-", trend.title.lower()).strip("-")
    head, rest = drawing.split(">", 1)
    labelled = head.replace("<svg", f'<svg role="img" aria-labelledby="{name}-title {name}-desc"', 1)
    words = (
        f'<title id="{name}-title">{escape(trend.title)}</title>'
        f'<desc id="{name}-desc">{escape(trend.description())}</desc>'
    )
    return f"{labelled}>{words}{rest}"


@functools.lru_cache(maxsize=512)
def _png(trend: Trend) -> bytes:
    out = io.BytesIO()
    _figure(trend).savefig(out, format="png", dpi=150, metadata={"Software": None})
    return out.getvalue()


def _figure(trend: Trend) -> Figure:
    figure = Figure(figsize=(7.2, 3.2), layout="constrained")
    axes = figure.subplots()
    xs = [_x(p.month) for p in trend.points]
    half_month = 15.0
    for x, point in zip(xs, trend.points, strict=True):
        if point.below_target:
            axes.axvspan(x - half_month, x + half_month, color=BREACH, lw=0)
    axes.step(xs, [_level(p.target) for p in trend.points], where="mid", color=TARGET, ls="--", lw=1.2, label="Target")
    axes.step(
        xs, [_level(p.minimum) for p in trend.points], where="mid", color=MINIMUM, ls=":", lw=1.5, label="Minimum"
    )
    axes.plot(xs, [float(p.value) for p in trend.points], color=VALUE, marker="o", ms=3, lw=1.5, label="Result")
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, len(trend.points) // 8)))
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
