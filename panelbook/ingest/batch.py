"""Ingest of many files: find them, run each through the pipeline and the ingest verb, and count.

A file that fails is reported and the batch goes on; nothing of a failed file is stored, because
``services.ingest`` runs in one transaction and is only called with a fully processed file.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.core.exceptions import ValidationError

from panelbook.core.classification import Classification
from panelbook.ingest import pipeline, services
from panelbook.ingest.pipeline import Processed
from panelbook.ingest.records import IngestError


def files_under(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files named or found in the named folders (recursively, sorted, hidden ones skipped),
    and the paths that do not exist with why."""
    found, missing = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(_walk(path)))
        elif path.is_file():
            found.append(path)
        else:
            missing.append((str(given), "no such file or folder"))
    return found, missing


def _walk(folder: Path) -> Iterator[Path]:
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        yield from (Path(root) / name for name in names if not name.startswith("."))


def process_path(path: Path) -> Processed:
    """The pipeline for one file, with a file that cannot be opened reported like any bad file."""
    try:
        return pipeline.process_file(path)
    except OSError as error:
        raise IngestError(f"cannot be read ({error.strerror or error})") from error


@dataclass
class BatchReport:
    read: int = 0
    unchanged: int = 0
    pages: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    proposed: Counter = field(default_factory=Counter)
    accepted: int = 0
    warnings: int = 0
    red_files: int = 0

    def add(self, outcome: services.IngestOutcome) -> None:
        self.read += 1
        if outcome.unchanged:
            self.unchanged += 1
            return
        self.proposed.update(outcome.proposed)
        self.accepted += len(outcome.accepted)
        self.warnings += outcome.warnings
        self.red_files += outcome.file is not None and outcome.file.classification == Classification.RED


def ingest_one(
    path: Path, report: BatchReport, *, by: Any, commit: bool, process: Callable[[Path], Processed] = process_path
) -> str | None:
    """Ingest one file into ``report``; the failure message when it failed, else None."""
    try:
        processed = process(path)
        report.pages += len(processed.read.pages)
        report.add(services.ingest(processed, by=by, commit=commit))
    except IngestError as error:
        return _failed(report, path, str(error))
    except ValidationError as error:
        return _failed(report, path, " ".join(error.messages))
    except Exception as error:  # a reader or extractor fault in one file must not stop the batch
        return _failed(report, path, f"could not be ingested ({type(error).__name__}: {error})")
    return None


def _failed(report: BatchReport, path: Path, message: str) -> str:
    report.failed.append((str(path), message))
    return message


class Watcher(Protocol):
    """Who is told of the batch's progress (the command's progress bar)."""

    def started(self, total: int, missing: list[tuple[str, str]]) -> None: ...

    def done(self, path: Path, failure: str | None, report: BatchReport) -> None: ...


def run(
    paths: Iterable[str | Path],
    *,
    by: Any,
    commit: bool = False,
    process: Callable[[Path], Processed] = process_path,
    watcher: Watcher | None = None,
) -> BatchReport:
    """Ingest every file under ``paths``, one at a time, and count what happened."""
    files, missing = files_under(paths)
    report = BatchReport(failed=list(missing))
    if watcher:
        watcher.started(len(files), missing)
    for path in files:
        failure = ingest_one(path, report, by=by, commit=commit, process=process)
        if watcher:
            watcher.done(path, failure, report)
    return report
