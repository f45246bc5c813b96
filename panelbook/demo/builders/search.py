"""The search demo: every record the other builders made goes on the search queue once (some were
made in bulk, which no save signal announces), and is indexed as soon as the load commits."""

from __future__ import annotations

import datetime as dt

from panelbook.search import indexing
from panelbook.search.entries import all_records, record_key
from panelbook.search.models import Pending


def check_empty() -> None:
    """Search holds nothing of its own: the records it indexes belong to the other builders."""


def counts() -> dict[str, int]:
    return {"records for search": indexing.total()}


def build(now: dt.datetime) -> None:
    Pending.objects.all().delete()
    indexing.enqueue(record_key(record) for record in all_records())
