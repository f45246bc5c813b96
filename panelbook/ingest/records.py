"""Plain data passed between the ingest stages (no Django here).

reader   -> ``ReadDocument``  (pages of text from one file)
normalise-> ``NormalText``    (one text with page furniture removed, page starts kept)
segment  -> ``Segmented``     (document kind, blocks, sections and item headings)
extract  -> ``Extraction``    (records, each with its ``source``: file, page, start, end)

Every character offset in a ``source`` indexes ``NormalText.text``, which is stored with the
ingested file so the review page can show and highlight exactly the text a record came from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("pdf", "docx", "pptx", "html", "markdown", "text")
KINDS = ("sub-committee report", "minutes", "slide pack", "actions log", "other")
RECORD_TYPES = ("actions", "decisions", "modifications", "measures", "incidents", "meetings", "recommendations")


class IngestError(Exception):
    """A file that cannot be ingested; the message names what is wrong (the caller adds the file)."""


@dataclass(frozen=True)
class ReadDocument:
    """What a reader got out of one file."""

    name: str  # the file's path as given (used in messages and provenance)
    sha256: str  # of the file's bytes
    size: int  # bytes
    format: str  # one of FORMATS, decided by content
    pages: list[str]  # text per page (slides for pptx; one page for formats without pages)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NormalText:
    text: str
    page_starts: list[int]  # offset in ``text`` where each page begins; page_starts[0] == 0

    def page_of(self, offset: int) -> int:
        """The 1-based page holding ``offset``."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def page_span(self, page: int) -> tuple[int, int]:
        """Offsets of the 1-based ``page`` in ``text`` (a page outside the text is the nearest one)."""
        page = min(max(page, 1), len(self.page_starts))
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.page_starts[page - 1], end


@dataclass
class Extraction:
    """Everything found in one document; ``as_json`` is the schema in docs/extract-schema.md."""

    file: str
    document: dict[str, Any]
    sections: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    modifications: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "document": self.document,
            "sections": self.sections,
            **{name: getattr(self, name) for name in RECORD_TYPES},
            "warnings": self.warnings,
        }
