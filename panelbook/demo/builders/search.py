"""The search demo: every record the other builders made goes on the search queue once (some were
made in bulk, which no save signal announces), and is indexed as soon as the load commits; and
``search.yaml``'s saved searches of a Panel member, made through ``search.services``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from panelbook.core.models import User
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance.models import Body
from panelbook.search import indexing, services
from panelbook.search.entries import all_records, record_key
from panelbook.search.models import Pending, SavedSearch


def check_empty() -> None:
    """Search holds no records of its own but saved searches: it indexes the other builders'."""
    if SavedSearch.objects.exists():
        raise DemoConflict("The database already holds saved searches.")


def counts() -> dict[str, int]:
    return {"records for search": indexing.total(), "saved searches": SavedSearch.objects.count()}


def build(now: dt.datetime) -> None:
    Pending.objects.all().delete()
    indexing.enqueue(record_key(record) for record in all_records())
    for spec in read("search")["saved_searches"]:
        _saved_search(dict(spec))


def _saved_search(spec: dict[str, Any]) -> None:
    owner = User.objects.get(username=spec.pop("owner"))
    if "body" in spec:
        spec["body"] = Body.objects.get(code=spec["body"])
    services.save_search(by=owner, **spec)
