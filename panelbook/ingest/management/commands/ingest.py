"""Ingest legacy papers into the review queue: panelbook ingest PATH... [--commit] [--user NAME]."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from panelbook.core.management.acting import acting_user
from panelbook.ingest import batch
from panelbook.ingest.models import RecordType


class Command(BaseCommand):
    help = (
        "Read each file (folders recursively, hidden files skipped), extract its records and put them in the "
        "review queue as proposals. A file already ingested (the same bytes) is left alone; a file that cannot be "
        "read is reported and nothing of it is stored. Exit status 1 when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to ingest")
        parser.add_argument(
            "--commit", action="store_true", help="accept new records that have no warnings at once, without review"
        )
        parser.add_argument(
            "--user", help="the secretariat user to act as (named recipient of RED files); default: the system"
        )

    def handle(self, *args, paths: list[str], commit: bool, user: str | None, **options):
        by = acting_user(user, task="the ingest")
        progress = ProgressDisplay(Console(file=_stream(self.stderr), highlight=False))
        with progress:
            report = batch.run(paths, by=by, commit=commit, watcher=progress)
        out = Console(file=_stream(self.stdout), highlight=False)
        out.print(summary(report, commit=commit))
        if by is None:
            out.print(
                "No --user given: RED files are visible to no one until their recipients are named "
                f"({report.red_files} RED in this run).",
                markup=False,
                soft_wrap=True,
            )
        if report.failed:
            sys.exit(1)


def _stream(wrapper: Any) -> Any:
    """The stream under Django's OutputWrapper, which would add a newline to each of rich's writes."""
    return getattr(wrapper, "_out", wrapper)


class ProgressDisplay:
    """A progress bar of files done and pages read, with one line per failed file above it."""

    def __init__(self, console: Console):
        self.progress = Progress(
            TextColumn("Ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files, {task.fields[pages]} pages read"),
            TimeElapsedColumn(),
            console=console,
        )
        self.task = TaskID(0)  # the one task, added when the batch starts

    def __enter__(self) -> ProgressDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.progress.stop()

    def started(self, total: int, missing: list[tuple[str, str]]) -> None:
        self.task = self.progress.add_task("ingest", total=total, pages=0)
        for path, message in missing:
            self._failed(path, message)

    def done(self, path: Path, failure: str | None, report: batch.BatchReport) -> None:
        if failure is not None:
            self._failed(str(path), failure)
        self.progress.update(self.task, advance=1, pages=report.pages)

    def _failed(self, path: str, message: str) -> None:
        self.progress.console.print(f"{path}: {message}", markup=False, soft_wrap=True)


def summary(report: batch.BatchReport, *, commit: bool) -> Table:
    table = Table(title="Ingest summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("Files read", str(report.read))
    table.add_row("Unchanged (already ingested)", str(report.unchanged))
    table.add_row("Failed", str(len(report.failed)))
    for record_type in RecordType:
        table.add_row(f"Proposed: {record_type.value}", str(report.proposed.get(record_type.value, 0)))
    if commit:
        table.add_row("Accepted directly", str(report.accepted))
    table.add_row("Warnings", str(report.warnings))
    return table
