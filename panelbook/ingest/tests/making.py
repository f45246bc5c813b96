"""Hand-built pipeline output and governance records for the store, reconcile and review tests.

The tests never depend on what the real reader or extractor finds: each builds the
``ReadDocument``, ``NormalText`` and ``Extraction`` it needs, with offsets it can check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone

from panelbook.governance import services as governance
from panelbook.governance.models import Meeting
from panelbook.ingest.kinds import KINDS
from panelbook.ingest.pipeline import Processed
from panelbook.ingest.records import Extraction, NormalText, ReadDocument

DOCUMENT: dict[str, Any] = {
    "reference": None,
    "title": None,
    "kind": "other",
    "date": None,
    "classification": None,
    "purpose": None,
    "author": None,
    "body": None,
    "meeting": None,
    "pages": 1,
    "appendices": [],
}


class Paper:
    """A document's pages of normalised text, and sources pointing at phrases in it."""

    def __init__(self, name: str, *pages: str):
        self.name = name
        self.pages = list(pages)
        self.text = "\n".join(self.pages)
        self.page_starts = []
        at = 0
        for page in self.pages:
            self.page_starts.append(at)
            at += len(page) + 1

    def source(self, phrase: str) -> dict[str, Any]:
        """Where ``phrase`` (which must occur once) is in the text."""
        start = self.text.index(phrase)
        assert self.text.count(phrase) == 1, f"{phrase!r} occurs more than once"
        page = sum(1 for first in self.page_starts if first <= start)
        return {"file": self.name, "page": page, "start": start, "end": start + len(phrase)}

    @property
    def front_matter(self) -> dict[str, Any]:
        return {"file": self.name, "page": 1, "start": 0, "end": len(self.pages[0])}

    def processed(self, document: dict[str, Any] | None = None, **records: Any) -> Processed:
        """The pipeline's output for this paper, with the given document fields and records."""
        data = self.text.encode()
        read = ReadDocument(self.name, hashlib.sha256(data).hexdigest(), len(data), "text", self.pages)
        extraction = Extraction(
            file=self.name,
            document={**DOCUMENT, "pages": len(self.pages), "source": self.front_matter, **(document or {})},
            records={kind.name: records.pop(kind.name, []) for kind in KINDS if kind.find is not None},
        )
        assert not records, f"no record type lists {sorted(records)}"
        return Processed(read, NormalText(self.text, self.page_starts), extraction)


def meeting_at(world, number: int, day: dt.date, body=None, **fields) -> Meeting:
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    return governance.create_meeting(
        by=None,
        body=body or world.panel,
        number=number,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        **fields,
    )
