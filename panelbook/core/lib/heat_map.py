"""A risk register's heat map: likelihood across, impact up, each cell coloured by its RAG band and
holding how many entries sit there (matplotlib; no Django). Drawn as the other charts are: an SVG
with a ``<title>`` and a ``<desc>`` that says every cell in words, and a PNG for Word.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from matplotlib.figure import Figure

from panelbook.core.lib import drawing

COLOURS = {"GREEN": "#cfe8d5", "AMBER": "#fbe3b0", "RED": "#f4c7c3", "": "#eef1f4"}


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    rag: str
    entries: tuple[str, ...]  # "Risk 4", … (references only: titles stay in the table)


@dataclass(frozen=True)
class HeatMap:
    title: str
    likelihood: tuple[tuple[int, str], ...]
    impact: tuple[tuple[int, str], ...]
    cells: tuple[Cell, ...]

    def description(self) -> str:
        held = [c for c in self.cells if c.entries]
        if not held:
            return "No entries."
        return (
            "; ".join(
                f"likelihood {c.likelihood}, impact {c.impact} ({c.rag.title() or 'no band'}): {', '.join(c.entries)}"
                for c in held
            )
            + "."
        )


def svg(heat_map: HeatMap) -> str:
    return _svg(heat_map)


def png(heat_map: HeatMap) -> bytes:
    return _png(heat_map)


def data_uri(heat_map: HeatMap) -> str:
    return drawing.data_uri(svg(heat_map))


@functools.lru_cache(maxsize=256)
def _svg(heat_map: HeatMap) -> str:
    return drawing.labelled_svg(_figure(heat_map), heat_map.title, heat_map.description())


@functools.lru_cache(maxsize=256)
def _png(heat_map: HeatMap) -> bytes:
    return drawing.png(_figure(heat_map))


def _figure(heat_map: HeatMap) -> Figure:
    figure = Figure(figsize=(5.6, 4.4), layout="constrained")
    axes = figure.subplots()
    xs = {value: i for i, (value, _) in enumerate(heat_map.likelihood)}
    ys = {value: i for i, (value, _) in enumerate(heat_map.impact)}
    for cell in heat_map.cells:
        x, y = xs[cell.likelihood], ys[cell.impact]
        axes.add_patch(_square(x, y, COLOURS.get(cell.rag, COLOURS[""])))
        if cell.entries:
            axes.text(x + 0.5, y + 0.5, str(len(cell.entries)), ha="center", va="center", fontsize=12, weight="bold")
    axes.set_xlim(0, len(xs))
    axes.set_ylim(0, len(ys))
    axes.set_xticks([i + 0.5 for i in range(len(xs))], [label for _, label in heat_map.likelihood], fontsize=7)
    axes.set_yticks([i + 0.5 for i in range(len(ys))], [label for _, label in heat_map.impact], fontsize=7)
    axes.set_xlabel("Likelihood", fontsize=8)
    axes.set_ylabel("Impact", fontsize=8)
    axes.set_title(heat_map.title, fontsize=10, loc="left")
    axes.tick_params(length=0)
    return figure


def _square(x: int, y: int, colour: str):  # noqa: ANN202  (a matplotlib patch)
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="white", linewidth=2)
