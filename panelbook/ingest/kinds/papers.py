"""Papers: the document itself. Its front matter is read by the extract stage (``extract.py``), so it
has no finder; its sections and recommendations are proposed with it."""

from __future__ import annotations

from panelbook.ingest.kinds.kind import Kind

KIND = Kind(name="papers")
