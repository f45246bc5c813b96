"""Plain data passed between the ingest stages (no Django here).

reader   -> ``ReadDocument``  (pages of text from one file)
normalise-> ``NormalText``    (one text with page furniture removed, page starts kept)
segment  -> ``Segmented``     (document kind, blocks, sections and item headings)
extract  -> ``Extraction``    (front matter and sections; then each kind's finder adds its records,
                              each with its ``source``: file, page, start, end)

Every character offset in a ``source`` indexes ``NormalText.text``, which is stored with the
ingested file so the review page can show and highlight exactly the text a record came from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]  # one record as a finder gives it: plain JSON values, with its ``source``
FORMATS = ("pdf", "docx", "pptx", "html", "markdown", "text")
DOCUMENT_KINDS = ("sub-committee report", "minutes", "slide pack", "actions log", "other")
# The record lists as docs/extract-schema.md has printed them since meetings were read last; the finders now
# run in ``kinds.KINDS`` order, and the JSON keeps this one so ``panelbook extract`` prints what it printed.
SCHEMA_ORDER = (
    "actions",
    "decisions",
    "modifications",
    "measures",
    "incidents",
    "stability",
    "meetings",
    "recommendations",
)


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
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # each kind's records, by its name
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "document": self.document,
            "sections": self.sections,
            **{name: self.records[name] for name in self.schema_order()},
            "warnings": self.warnings,
        }

    def schema_order(self) -> list[str]:
        """The record lists in the order docs/extract-schema.md prints them; a list it does not name follows."""
        return sorted(self.records, key=lambda name: SCHEMA_ORDER.index(name) if name in SCHEMA_ORDER else 99)
