"""What search holds of a record: one entry per record (one per page of a paper file), each with
the entitlements the gate would check, flattened so that the engine can apply them in its query.

The gate admits a record when its own level and every parent's admit the reader. Flattened over
that chain, an entry says: whether signing in is needed (any level above WHITE), the bodies whose
membership is needed (every AMBER record's owning body; the secretariat needs none), and, when any
record of the chain is RED, the readers named on all of them. Membership is looked up at query
time, so a change of membership needs no reindexing; a change of level, recipients or parent does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from panelbook.core.classification import Classification, Gate
from panelbook.core.records import RecordType, record_type, record_types
from panelbook.governance.models import Body, PaperFile
from panelbook.ingest.readers import read_bytes

log = logging.getLogger(__name__)

# The attributes that date a record, tried in order.
DATE_FIELDS = ("date", "paper_date", "decided_on", "raised_on", "opened_on", "effective_from", "uploaded_at")


@dataclass(frozen=True)
class Access:
    """Who may read an entry: see the module's docstring."""

    level: str = Classification.WHITE
    needs_sign_in: bool = False
    member_of: frozenset[int] = frozenset()
    red: bool = False
    readers: frozenset[int] = frozenset()

    def and_(self, other: Access) -> Access:
        """Both this and ``other`` must admit the reader."""
        if self.red and other.red:
            readers = self.readers & other.readers
        else:
            readers = self.readers if self.red else other.readers
        return Access(
            level=Classification.highest([self.level, other.level]),
            needs_sign_in=self.needs_sign_in or other.needs_sign_in,
            member_of=self.member_of | other.member_of,
            red=self.red or other.red,
            readers=readers,
        )


@dataclass(frozen=True)
class Entry:
    key: str  # unique: kind:pk:page
    record: str  # kind:pk, shared by a record's entries
    kind: str
    title: str
    text: str
    url: str
    body: int | None
    day: dt.date | None
    page: int | None
    access: Access = field(default_factory=Access)


def searchable() -> list[RecordType]:
    return [each for each in record_types() if each.search]


def record_key(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def access_of(record: models.Model) -> Access:
    """The gate's rules for ``record`` and its parents, flattened."""
    gate: Gate | None = getattr(type(record), "gate", None)
    if gate is None:
        return Access()
    access = _own_access(record, gate) if gate.own_level else Access()
    for name in gate.parents:
        parent = getattr(record, name)
        if parent is not None:
            access = access.and_(access_of(parent))
    return access


def _own_access(record: models.Model, gate: Gate) -> Access:
    level = getattr(record, "classification", Classification.WHITE)
    if level == Classification.WHITE:
        return Access()
    if level == Classification.GREEN:
        return Access(level=level, needs_sign_in=True)
    if level == Classification.AMBER:
        return Access(level=level, needs_sign_in=True, member_of=frozenset(_body_ids(record, gate)))
    readers = frozenset(record.recipients.values_list("pk", flat=True))  # type: ignore[attr-defined]
    return Access(level=level, needs_sign_in=True, red=True, readers=readers)


def _body_ids(record: models.Model, gate: Gate) -> list[int]:
    rows = type(record)._default_manager.filter(pk=record.pk).values_list(gate.body, flat=True)
    return [pk for pk in rows if pk is not None]


def body_of(record: models.Model) -> int | None:
    if isinstance(record, Body):
        return record.pk
    gate: Gate | None = getattr(type(record), "gate", None)
    if gate is None:
        body = getattr(record, "body_id", None)
        return body if isinstance(body, int) else None
    found = _body_ids(record, gate)
    return found[0] if found else None


def day_of(record: models.Model) -> dt.date | None:
    """The record's own date, else its nearest parent's (an agenda item's meeting's)."""
    for name in DATE_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, dt.date):
            return value
    starts = getattr(record, "starts_at", None)
    if isinstance(starts, dt.datetime):
        return timezone.localtime(starts).date()
    return next((day for parent in _parents(record) if (day := day_of(parent))), None)


def _parents(record: models.Model) -> list[models.Model]:
    gate: Gate | None = getattr(type(record), "gate", None)
    found = [getattr(record, name) for name in gate.parents] if gate else []
    return [parent for parent in found if parent is not None]


def entries_for(record: models.Model) -> list[Entry]:
    """What search holds of ``record``: one entry, or one per page of a paper file."""
    declared = record_type(type(record))
    if declared is None or not declared.search:
        return []
    kind = record._meta.label_lower
    words = [_text(getattr(record, name, "")) for name in declared.search]
    url = _url(record)
    common: dict[str, Any] = {
        "record": record_key(record),
        "kind": kind,
        "title": str(record),
        "body": body_of(record),
        "day": day_of(record),
        "access": access_of(record),
    }
    if isinstance(record, PaperFile):
        pages = _pages(record)
        heading = " ".join(words)
        return [
            Entry(key=f"{kind}:{record.pk}:{number}", text=f"{heading}\n{text}", url=f"{url}#page={number}",
                  page=number, **common)
            for number, text in enumerate(pages, start=1)
        ] or [Entry(key=f"{kind}:{record.pk}:0", text=heading, url=url, page=None, **common)]  # fmt: skip
    return [Entry(key=f"{kind}:{record.pk}:0", text="\n".join(w for w in words if w), url=url, page=None, **common)]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _url(record: models.Model) -> str:
    """The record's page, else its nearest parent's (an agenda item is read on its meeting's page)."""
    own = getattr(record, "get_absolute_url", None)
    if own is not None:
        try:
            return str(own())
        except Exception:  # a page that cannot be named (no route for it): try the parent's
            log.debug("No page for %s", record_key(record))
    return next((url for parent in _parents(record) if (url := _url(parent))), "")


def _pages(paper_file: PaperFile) -> list[str]:
    """The file's text, page by page; a file that cannot be read is found by its name only."""
    try:
        with paper_file.file.open("rb") as handle:
            return list(read_bytes(paper_file.original_name, handle.read()).pages)
    except Exception as error:  # an unreadable or missing file must not stop the index
        log.warning("Search reads only the name of %s: %s", paper_file, error)
        return []


def all_records() -> Iterator[models.Model]:
    """Every searchable record, kind by kind (for a reindex)."""
    for declared in searchable():
        yield from declared.model._default_manager.all().iterator(chunk_size=500)
