"""STUB."""

from __future__ import annotations

from panelbook.ingest.records import NormalText


def normalise(pages: list[str]) -> NormalText:
    starts, parts, at = [], [], 0
    for page in pages:
        starts.append(at)
        parts.append(page)
        at += len(page) + 1
    return NormalText("\n".join(parts), starts or [0])
