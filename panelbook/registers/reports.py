"""What the register pages, the API, the exports and the papers read: always through the gate.

The heat map as at a day reads each entry's history (the last history row on or before the end of
that day) for the entries the reader may see now, so a past state never shows a record the gate
hides today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from panelbook.core.lib.heat_map import Cell, HeatMap
from panelbook.registers.models import Axis, Entry, Moved, Proposal, Register


@dataclass(frozen=True)
class Row:
    reference: str
    title: str
    likelihood: int
    impact: int
    score: int
    rag: str
    status: str
    pk: int


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def entries_as_at(register: Register, reader: Any, day: dt.date) -> list[Row]:
    """The register's live entries as they stood at the end of ``day``, of those ``reader`` may see."""
    visible = Entry.objects.visible_to(reader).filter(register=register).values_list("pk", flat=True)
    rows = Entry.history.filter(id__in=list(visible), history_date__lt=_end_of(day)).order_by(
        "id", "-history_date", "-history_id"
    )
    states: dict[int, Any] = {}
    for row in rows:
        states.setdefault(row.id, row)
    label = register.entry_label
    live = [
        state
        for state in states.values()
        if not state.is_void
        and state.moved_to_id is None
        and state.moved_how not in Moved.values
        and state.proposal not in (Proposal.PROPOSED, Proposal.DECLINED)
    ]
    return [
        Row(f"{label} {s.number}", s.title, s.likelihood, s.impact, s.score, s.rag, s.status, s.id)
        for s in sorted(live, key=lambda s: s.number)
    ]


def heat_map(register: Register, reader: Any, day: dt.date) -> tuple[HeatMap, list[Row]]:
    """The heat map of the register as at ``day`` and the table of its entries beside it."""
    rows = entries_as_at(register, reader, day)
    likelihood = tuple((s.value, s.label) for s in register.scale(Axis.LIKELIHOOD))
    impact = tuple((s.value, s.label) for s in register.scale(Axis.IMPACT))
    cells = []
    for l_value, _ in likelihood:
        for i_value, _ in impact:
            band = register.rag_for(l_value * i_value)
            held = tuple(r.reference for r in rows if r.likelihood == l_value and r.impact == i_value)
            cells.append(Cell(l_value, i_value, band.rag if band else "", held))
    title = f"{register.name} as at {day:%-d %B %Y}"
    return HeatMap(title, likelihood, impact, tuple(cells)), rows
