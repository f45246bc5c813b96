"""Stability: what a paper states about service stability ("CSP N had achieved 96 days of stable
service"; "two Major Incidents in February: one Category 1 … and one Category 2").

Nothing is proposed from these: the records they speak of are incidents. Each statement is
checked against the incidents a reader may see (``performance.stability_checks``), on the
ingested paper's page and on the stability page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from panelbook.ingest.context import Context
from panelbook.ingest.dates import MONTHS, month_before
from panelbook.ingest.kinds.kind import Kind
from panelbook.ingest.matching import readable
from panelbook.ingest.models import IngestedFile
from panelbook.ingest.records import Record
from panelbook.ingest.segment import Block
from panelbook.performance.stability_checks import NUMBER_WORDS, Stated, StatedCount, StatedDays

COUNTED = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
DAYS = re.compile(r"\b(\d{1,4}) days? of stable service\b", re.IGNORECASE)
LINE = re.compile(r"\b(CSP ?(?:N|C|S|North|Central|South)|SMETS ?[12]|DSP|S1SP(?: [A-Z]\w+)?)\b")
MAJOR = re.compile(
    r"\b" + COUNTED + r" Major Incidents? (?:in|during|for) (" + "|".join(MONTHS) + r")(?: (\d{4}))?\b",
    re.IGNORECASE,
)
BY_CATEGORY = re.compile(r"\b" + COUNTED + r" (?:Category|Severity) (\d) (?:Major )?Incidents?\b", re.IGNORECASE)


# Finding


def find(context: Context, document: Record) -> list[Record]:
    on = document.get("date") or context.date
    found: list[Record] = []
    heading_line = None  # the service line the nearest heading above names ("SMETS1" over its paragraph)
    for block in context.segmented.blocks:
        if block.kind == "heading" or (len(block.text) < 40 and LINE.fullmatch(block.text.strip())):
            named = LINE.search(block.text)
            heading_line = named.group(1) if named else None
            continue
        found += [_days(context, block, m, heading_line, on) for m in DAYS.finditer(block.text)]
        counts = list(MAJOR.finditer(block.text))
        for n, match in enumerate(counts):
            until = counts[n + 1].start() if n + 1 < len(counts) else len(block.text)
            found.append(_count(context, block, match, block.text[match.end() : until], on))
    return found


def _days(context: Context, block: Block, match: re.Match[str], heading_line: str | None, on: str | None) -> Record:
    named = LINE.findall(_sentence_before(block.text, match.start()))
    return {
        "statement": "days stable",
        "days": int(match.group(1)),
        "line": named[-1] if named else heading_line,
        "on": on,
        "source": context.source(block.start + match.start(), block.start + match.end()),
    }


def _sentence_before(text: str, end: int) -> str:
    start = max(text.rfind(". ", 0, end), text.rfind("; ", 0, end))
    return text[start + 1 if start >= 0 else 0 : end]


def _count(context: Context, block: Block, match: re.Match[str], after: str, on: str | None) -> Record:
    month = match.group(2).capitalize()
    year = match.group(3)
    by_category = {int(c): _number(n) for n, c in BY_CATEGORY.findall(after.split(". ")[0])}
    return {
        "statement": "major incidents",
        "count": _number(match.group(1)),
        "month": f"{year}-{MONTHS.index(month) + 1:02d}" if year else month_before(month, on),
        "by_category": [{"category": c, "count": n} for c, n in sorted(by_category.items())],
        "source": context.source(block.start + match.start(), block.start + match.end()),
    }


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


# Checking: the statements of the files a reader may see, for performance's stability checks


def stated_in_papers(user: Any, in_file: IngestedFile | None = None) -> list[Stated]:
    files = readable(IngestedFile, user).only("pk", "name", "extraction")
    if in_file is not None:
        files = files.filter(pk=in_file.pk)
    stated: list[Stated] = []
    for stored in files.filter(extraction__has_key="stability"):
        url = stored.get_absolute_url()
        found = (_stated(r, stored.name, url) for r in stored.extraction["stability"])
        stated += dict.fromkeys(s for s in found if s)  # a highlight repeating the body's figure is one statement
    return stated


def _stated(record: Record, source: str, url: str) -> Stated | None:
    if record.get("statement") == "days stable" and record.get("on"):
        return StatedDays(source, url, record["days"], dt.date.fromisoformat(record["on"]), record.get("line"))
    if record.get("statement") == "major incidents" and record.get("month"):
        month = dt.date.fromisoformat(f"{record['month']}-01")
        by_category = tuple((int(c["category"]), int(c["count"])) for c in record.get("by_category") or [])
        return StatedCount(source, url, month, int(record["count"]), by_category)
    return None


KIND = Kind(name="stability", find=find, summary=("statement", "line", "days", "month", "count", "on"))
