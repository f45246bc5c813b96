"""What ingest knows of one record type: the declaration each module in ``kinds/`` makes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from panelbook.ingest.context import Context

Record = dict[str, Any]
Finder = Callable[[Context, Record], list[Record]]


@dataclass(frozen=True)
class Kind:
    """One record type of the ingest; a part it has no use for is left out (None)."""

    name: str  # the extraction's list of these records (docs/extract-schema.md), e.g. "actions"
    find: Finder | None = None  # reads a document's context (and front matter) -> its records
    summary: tuple[str, ...] = ()  # the fields ``panelbook extract --format text`` shows of each record
