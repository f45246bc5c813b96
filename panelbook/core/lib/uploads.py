"""Checks on uploaded files, decided by their content as well as their name (no Django)."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

import filetype

# Extension -> (MIME type, how the content is recognised).
ACCEPTED: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "txt": ("text/plain", "text"),
    "csv": ("text/csv", "text"),
    "md": ("text/markdown", "text"),
}
OOXML_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
SNIFF_BYTES = 8192


class UploadRejected(ValueError):
    """The file cannot be accepted; the message says why, in a sentence for the user."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def check_upload(name: str, stream: BinaryIO, size: int, max_bytes: int) -> CheckedUpload:
    """Accept an upload or raise UploadRejected naming the file and the problem."""
    display = PurePath(name).name or "the file"
    extension = PurePath(display).suffix.lower().lstrip(".")
    if extension not in ACCEPTED:
        allowed = ", ".join(f".{e}" for e in ACCEPTED)
        raise UploadRejected(f"{display}: files of this type are not accepted; use one of {allowed}.")
    if size == 0:
        raise UploadRejected(f"{display}: the file is empty.")
    if size > max_bytes:
        raise UploadRejected(
            f"{display}: the file is {size / 1048576:.1f} MB; the largest accepted is {max_bytes / 1048576:.0f} MB."
        )
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    kind = ACCEPTED[extension][1]
    problem = _content_problem(extension, kind, head, stream)
    if problem:
        raise UploadRejected(f"{display}: {problem}")
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    stream.seek(0)
    return CheckedUpload(display, extension, ACCEPTED[extension][0], size, digest.hexdigest())


def _content_problem(extension: str, kind: str, head: bytes, stream: BinaryIO) -> str | None:
    if kind == "pdf":
        return None if head.startswith(b"%PDF-") else "the content is not a PDF document."
    if kind == "text":
        return _text_problem(head)
    if filetype.guess_mime(head) is None and not head.startswith(b"PK\x03\x04"):
        return f"the content is not a .{extension} document."
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return f"the content is not a .{extension} document (the archive is damaged)."
    if kind == "ooxml" and not any(n.startswith(OOXML_PART[extension]) for n in names):
        return f"the content is not a .{extension} document."
    if kind == "odf" and "mimetype" not in names:
        return f"the content is not a .{extension} document."
    return None


def _text_problem(head: bytes) -> str | None:
    if b"\x00" in head:
        return "the content is binary, not text."
    try:
        # A multi-byte character may be cut at the end of the sniffed block.
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:
            return "the text is not UTF-8; save it as UTF-8 and upload it again."
    return None
