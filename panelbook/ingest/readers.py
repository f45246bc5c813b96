"""STUB: replaced by the real readers (PDF, docx, pptx, HTML, Markdown, text)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from panelbook.ingest.records import IngestError, ReadDocument


def read_file(path: str | Path, *, max_bytes: int | None = None) -> ReadDocument:
    data = Path(path).read_bytes()
    return read_bytes(str(path), data, max_bytes=max_bytes)


def read_bytes(name: str, data: bytes, *, max_bytes: int | None = None) -> ReadDocument:
    if not data:
        raise IngestError("the file is empty")
    text = data.decode("utf-8")
    return ReadDocument(name, hashlib.sha256(data).hexdigest(), len(data), "text", text.split("\f"))
