"""A ``Paper`` as an A4 PDF, typeset by typst from ``templates/papers/paper.typ``.

The paper goes to typst as JSON through ``sys.inputs``; the template places every string as
text, so nothing a user typed is ever read as typst markup and no escaping is needed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typst

from panelbook.papers.document import Block, Cell, Figure, Paper, Table, keeps_together, lines

TEMPLATE = Path(__file__).parent / "templates" / "papers" / "paper.typ"


def render(paper: Paper) -> bytes:
    payload = json.dumps(paper_data(paper), ensure_ascii=False)
    return typst.compile(str(TEMPLATE), root=str(TEMPLATE.parent), sys_inputs={"paper": payload})


def paper_data(paper: Paper) -> dict:
    """The paper as plain JSON data for the template."""
    return {
        "reference": paper.reference,
        "title": paper.title,
        "running_title": paper.running_title,
        "classification": paper.classification,
        "label_colour": paper.label_colour,
        "banner": paper.banner,
        "statement": paper.statement,
        "meta": [list(pair) for pair in paper.meta],
        "blocks": [block_data(block) for block in paper.blocks],
    }


def block_data(block: Block) -> dict:
    if isinstance(block, Figure):
        return {"kind": block.kind, "svg": block.svg, "alt": block.alt, "caption": block.caption}
    data = {"kind": block.kind, **dataclasses.asdict(block)}
    if isinstance(block, Table):
        data["rows"] = [{"keep": keeps_together(row), "cells": [_cell_data(c) for c in row]} for row in block.rows]
    return data


def _cell_data(cell: Cell) -> dict:
    return {"lines": lines(cell.text) or [""], "strong": cell.strong, "note": cell.note, "level": cell.level}
