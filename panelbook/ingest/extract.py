"""STUB."""

from __future__ import annotations

from panelbook.ingest.records import Extraction, NormalText, ReadDocument


def extract(read: ReadDocument, normal: NormalText) -> Extraction:
    return Extraction(file=read.name, document={"kind": "other", "pages": len(read.pages)})
