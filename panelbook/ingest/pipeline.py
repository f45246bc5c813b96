"""The ingest pipeline for one file, every stage named in order (no database is read or written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from panelbook.ingest import extract, normalise, readers, segment
from panelbook.ingest.context import Context
from panelbook.ingest.kinds import KINDS
from panelbook.ingest.records import Extraction, NormalText, ReadDocument, Record


@dataclass(frozen=True)
class Processed:
    read: ReadDocument
    normal: NormalText
    extraction: Extraction


def process_file(path: str | Path, *, max_bytes: int | None = None) -> Processed:
    """Read and process one file; raises ``IngestError`` with a message naming the problem."""
    limit = max_bytes if max_bytes is not None else settings.INGEST_MAX_BYTES
    return process_document(readers.read_file(path, max_bytes=limit))


def process_document(read: ReadDocument) -> Processed:
    """Run a read file through the stages, each taking and returning plain data:

    1. normalise: the pages -> one text without banners, running headers and footers or broken words;
    2. segment: the text -> blocks, the document's kind, its numbered sections and item headings;
    3. extract: the front matter (reference, body, meeting, date …) and the sections;
    4. find: each record type's records, its finder run in ``kinds.KINDS`` order.
    """
    normal = normalise.normalise(read.pages)
    segmented = segment.segment(read, normal)
    context = Context(read, normal, segmented)
    extraction = extract.extract(context)
    extraction.records = find_records(context, extraction.document)
    return Processed(read, normal, extraction)


def find_records(context: Context, document: Record) -> dict[str, list[Record]]:
    return {kind.name: kind.find(context, document) for kind in KINDS if kind.find is not None}
