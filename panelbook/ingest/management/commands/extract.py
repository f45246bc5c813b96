"""Print what the ingest pipeline extracts from one file: panelbook extract FILE [--format json|text].

It reads the file only; the database is never touched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from panelbook.ingest.batch import process_path
from panelbook.ingest.kinds import KINDS
from panelbook.ingest.records import Extraction, IngestError

LINE = 110  # characters of a record's line in the text summary
DOCUMENT_FIELDS = (
    "reference",
    "title",
    "kind",
    "date",
    "classification",
    "purpose",
    "author",
    "body",
    "meeting",
    "pages",
)


class Command(BaseCommand):
    help = "Run the ingest pipeline on FILE and print the extraction as JSON (default) or a readable summary."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args, file: str, format: str, **options):
        try:
            extraction = process_path(Path(file)).extraction
        except IngestError as error:
            self.stderr.write(f"{file}: {error}")
            sys.exit(1)
        if format == "json":
            self.stdout.write(json.dumps(extraction.as_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write("\n".join(summary_lines(extraction)))


def summary_lines(extraction: Extraction) -> list[str]:
    document = extraction.document
    lines = [f"{extraction.file}", "Document"]
    lines += [f"  {name:<15} {_shown(document.get(name))}" for name in DOCUMENT_FIELDS]
    lines.append(f"  {'appendices':<15} {len(document.get('appendices') or [])}")
    lines.append(f"Sections: {len(extraction.sections)}")
    summaries = {kind.name: kind.summary for kind in KINDS}
    for name in extraction.schema_order():
        records = extraction.records[name]
        lines.append(f"{name.capitalize()}: {len(records)}")
        lines += [f"  {one_line(summaries[name], record)}"[:LINE] for record in records]
    lines.append(f"Warnings: {len(extraction.warnings)}")
    lines += [f"  - {warning}" for warning in extraction.warnings]
    return lines


def one_line(fields: tuple[str, ...], record: dict[str, Any]) -> str:
    words = " ".join(str(record[name]) for name in fields if record.get(name) not in (None, ""))
    page = (record.get("source") or {}).get("page")
    return f"p{page}: {words}" if page else words


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else str(value)
