"""Where built meeting packs are kept, how far a build has got, and building one in the background.

A pack is kept as ``MEDIA_ROOT/packs/<meeting>/<key>.pdf`` (``Pack.key`` digests everything the
pack shows, so readers who see the same share one file and a change makes a new one); beside it
``<key>.json`` says how far its build has got. Both are plain files, so every worker process on
the machine sees the same state: a build started in one gunicorn worker is polled from another.

A build runs in a thread of the process that was asked (``start``); it reads no database, only
the files the pack names. Creating the status file is the claim on a build, so two requests for
the same pack start one build. A status that has not moved for ``STALE_SECONDS`` (its process was
stopped) no longer counts, and the pack can be asked for again.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from panelbook.papers import pack_pdf
from panelbook.papers.packs import Pack

log = logging.getLogger(__name__)

# Longer than the longest single step (a conversion may take pack_pdf.CONVERT_SECONDS).
STALE_SECONDS = 300
# Packs of a meeting untouched for this long are removed when another of its packs is built.
KEEP_SECONDS = 7 * 24 * 3600


class State(StrEnum):
    NONE = "none"
    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class Status:
    state: State
    done: int = 0
    total: int = 0
    step: str = ""
    message: str = ""  # why a build failed, in a sentence
    left_out: int = 0  # documents found unplaceable while building (listed with a link)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def folder(meeting_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "packs" / str(meeting_id)


def pdf_path(pack: Pack) -> Path:
    return folder(pack.meeting_id) / f"{pack.key}.pdf"


def status_path(pack: Pack) -> Path:
    return folder(pack.meeting_id) / f"{pack.key}.json"


def status_of(pack: Pack) -> Status:
    """How the reader's pack stands: built, being built (how far), failed, or not asked for."""
    recorded = _read_status(status_path(pack))
    if pdf_path(pack).exists():
        return recorded if recorded and recorded.state == State.READY else Status(State.READY, 1, 1)
    if recorded is None or (recorded.state == State.BUILDING and _is_stale(status_path(pack))):
        return Status(State.NONE)
    return recorded


def start(pack: Pack) -> Status:
    """Start building the pack in the background unless it is built or being built; its status."""
    current = status_of(pack)
    if current.state in (State.READY, State.BUILDING):
        return current
    path = status_path(pack)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink(missing_ok=True)  # a failed or stale build is tried again
    starting = Status(State.BUILDING, 0, len(pack.documents) + 2, "Waiting to start")
    try:
        with os.fdopen(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY), "w") as claim:
            json.dump(asdict(starting), claim)
    except FileExistsError:  # another request claimed it between the check and here
        return status_of(pack)
    threading.Thread(target=build, args=(pack,), name=f"pack-{pack.key}", daemon=True).start()
    return starting


def open_built(pack: Pack) -> BinaryIO | None:
    """The built pack's file, opened to send (and marked as used, so it is kept), or None."""
    try:
        handle = pdf_path(pack).open("rb")
    except FileNotFoundError:
        return None
    os.utime(pdf_path(pack))
    return handle


def build(pack: Pack) -> None:
    """Build the pack, recording each step, and keep the file (written whole, then renamed)."""
    path = status_path(pack)
    try:
        built = pack_pdf.build(
            pack, lambda done, total, step: _write_status(path, Status(State.BUILDING, done, total, step))
        )
        part = pdf_path(pack).with_suffix(".part")
        part.write_bytes(built.pdf)
        os.replace(part, pdf_path(pack))
        total = len(pack.documents) + 2
        _write_status(path, Status(State.READY, total, total, left_out=len(built.left_out)))
    except Exception:  # Any failure is said on the pack page, where the reader can try again.
        log.exception("The pack %s of meeting %s could not be built", pack.key, pack.meeting_id)
        message = "The pack could not be built. Try again; if it fails again, tell the secretariat."
        _write_status(path, Status(State.FAILED, message=message))
        return
    _remove_old_packs(pack)


def _write_status(path: Path, status: Status) -> None:
    part = path.with_suffix(".json.part")
    part.write_text(json.dumps(asdict(status)))
    os.replace(part, path)


def _read_status(path: Path) -> Status | None:
    try:
        data = json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return None
    return Status(**{**data, "state": State(data["state"])})


def _is_stale(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except FileNotFoundError:
        return True


def _remove_old_packs(pack: Pack) -> None:
    """Remove the meeting's packs that nobody has built or fetched for ``KEEP_SECONDS``."""
    now = time.time()
    for kept in folder(pack.meeting_id).glob("*.pdf"):
        if kept != pdf_path(pack) and now - kept.stat().st_mtime > KEEP_SECONDS:
            kept.unlink(missing_ok=True)
            kept.with_suffix(".json").unlink(missing_ok=True)
