"""A year's spend against its budget: the spend of each quarter as bars, the spend to date as a
line, and the year's budget as a level line (matplotlib; no Django). Drawn as the other charts are:
an SVG with a ``<title>`` and a ``<desc>`` that says every figure in words, and a PNG for Word.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from matplotlib.figure import Figure

from panelbook.core.lib import drawing

SPENT, TO_DATE, BUDGET = "#0b4f6c", "#6b4c9a", "#1b7f3b"


@dataclass(frozen=True)
class Quarter:
    label: str  # "Q1"
    spent: Decimal | None  # None: not recorded yet


@dataclass(frozen=True)
class SpendChart:
    title: str  # "SEC Panel spend 2025/26"
    budget: Decimal | None  # the year's approved budget, None when none is approved
    quarters: tuple[Quarter, ...]

    def description(self) -> str:
        said = [
            f"{q.label}: {_money(q.spent)}" if q.spent is not None else f"{q.label}: not recorded"
            for q in self.quarters
        ]
        spent = sum((q.spent for q in self.quarters if q.spent is not None), Decimal(0))
        budget = f"against a budget of {_money(self.budget)}" if self.budget is not None else "with no approved budget"
        return f"{'; '.join(said)}. Spent to date {_money(spent)}, {budget}."


def _money(amount: Decimal | None) -> str:
    return f"£{amount:,.0f}" if amount is not None else "—"


def svg(chart: SpendChart) -> str:
    return _svg(chart)


def png(chart: SpendChart) -> bytes:
    return _png(chart)


def data_uri(chart: SpendChart) -> str:
    return drawing.data_uri(svg(chart))


@functools.lru_cache(maxsize=128)
def _svg(chart: SpendChart) -> str:
    return drawing.labelled_svg(_figure(chart), chart.title, chart.description())


@functools.lru_cache(maxsize=128)
def _png(chart: SpendChart) -> bytes:
    return drawing.png(_figure(chart))


def _figure(chart: SpendChart) -> Figure:
    figure = Figure(figsize=(7.2, 3.2), layout="constrained")
    axes = figure.subplots()
    labels = [q.label for q in chart.quarters]
    spent = [float(q.spent or 0) for q in chart.quarters]
    axes.bar(labels, spent, color=SPENT, label="Spent in the quarter")
    to_date, running = [], 0.0
    for quarter in chart.quarters:
        if quarter.spent is None:
            break
        running += float(quarter.spent)
        to_date.append(running)
    if to_date:
        axes.plot(labels[: len(to_date)], to_date, color=TO_DATE, marker="o", label="Spent to date")
    if chart.budget is not None:
        axes.axhline(float(chart.budget), color=BUDGET, linestyle="--", label="Budget for the year")
    axes.set_ylabel("£")
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper left", frameon=False, fontsize="small")
    axes.set_title(chart.title, loc="left", fontsize="medium")
    return figure
