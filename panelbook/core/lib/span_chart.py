"""A chart of spans of time, one row each (matplotlib; no Django): an incident's categories over
time above its services' outages, or a month's incidents one row each. Drawn and labelled as
``timeline_chart`` and ``trend_chart`` are: SVG for the page and the PDF, PNG for Word, a
``<title>`` and a ``<desc>`` saying every span in words, cached by content.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from panelbook.core.lib import drawing


@dataclass(frozen=True)
class Span:
    """From ``start`` to ``end`` (None: still going at the chart's end), drawn in its key's colour."""

    start: dt.datetime
    end: dt.datetime | None
    key: str


@dataclass(frozen=True)
class Row:
    name: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Spans:
    title: str
    rows: tuple[Row, ...]
    start: dt.datetime
    end: dt.datetime
    palette: tuple[tuple[str, str], ...]  # (key, colour) in the legend's order

    def description(self) -> str:
        """Every span in words: its text alternative."""
        said = [_row_words(row) for row in self.rows]
        return "; ".join(said) + "." if said else "Nothing to show."


def _row_words(row: Row) -> str:
    parts = [f"{s.key} from {_when(s.start)} " + (f"to {_when(s.end)}" if s.end else "onwards") for s in row.spans]
    return f"{row.name}: " + (", then ".join(parts) if parts else "nothing")


def _when(moment: dt.datetime) -> str:
    return f"{moment:%d/%m/%Y %H:%M}"


def svg(chart: Spans) -> str:
    return _svg(chart)


def png(chart: Spans) -> bytes:
    return _png(chart)


def data_uri(chart: Spans) -> str:
    """The SVG as an image address for a page (``drawing.data_uri`` says why not inline)."""
    return drawing.data_uri(svg(chart))


@functools.lru_cache(maxsize=256)
def _svg(chart: Spans) -> str:
    return drawing.labelled_svg(_figure(chart), chart.title, chart.description())


@functools.lru_cache(maxsize=256)
def _png(chart: Spans) -> bytes:
    return drawing.png(_figure(chart))


def _figure(chart: Spans) -> Figure:
    colours = dict(chart.palette)
    figure = Figure(figsize=(7.2, 1.3 + 0.36 * max(len(chart.rows), 1)), layout="constrained")
    axes = figure.subplots()
    rows = list(range(len(chart.rows)))[::-1]  # the first row at the top
    left, right = _x(chart.start), _x(chart.end)
    for y, row in zip(rows, chart.rows, strict=True):
        for span in row.spans:
            start = max(_x(span.start), left)
            end = min(_x(span.end), right) if span.end else right
            if end > start:
                axes.barh(y, end - start, left=start, height=0.6, color=colours.get(span.key, "#5a6470"))
    axes.set_xlim(left, right)
    axes.set_yticks(rows, [row.name for row in chart.rows], fontsize=8)
    axes.set_ylim(-0.7, len(chart.rows) - 0.3)
    short = chart.end - chart.start <= dt.timedelta(days=3)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m %H:%M" if short else "%d %b"))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=9))
    axes.tick_params(axis="x", labelsize=7)
    axes.grid(axis="x", color="#e3e8ee", lw=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(chart.title, fontsize=10, loc="left")
    legend = [Patch(color=colour, label=key) for key, colour in chart.palette]
    axes.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=6, fontsize=7, frameon=False)
    return figure


def _x(moment: dt.datetime) -> float:
    return float(mdates.date2num(moment))
