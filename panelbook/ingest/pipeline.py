"""The ingest pipeline for one file: read -> normalise -> segment -> extract (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from panelbook.ingest import extract, normalise, readers
from panelbook.ingest.records import Extraction, NormalText, ReadDocument


@dataclass(frozen=True)
class Processed:
    read: ReadDocument
    normal: NormalText
    extraction: Extraction


def process_document(read: ReadDocument) -> Processed:
    normal = normalise.normalise(read.pages)
    return Processed(read, normal, extract.extract(read, normal))


def process_file(path: str | Path, *, max_bytes: int | None = None) -> Processed:
    """Read and extract one file; raises ``IngestError`` with a message naming the problem."""
    limit = max_bytes if max_bytes is not None else settings.INGEST_MAX_BYTES
    return process_document(readers.read_file(path, max_bytes=limit))
