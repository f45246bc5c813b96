"""What every search engine answers to: a ``Search`` asked by a ``Reader`` gives ``Results``, with
the reader's entitlements applied inside the engine's own query, so that no hit, count, facet or
snippet comes from an entry the reader may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from panelbook.core.classification import is_secretariat, member_body_ids
from panelbook.governance.models import Body
from panelbook.search.entries import Access, Entry

PAGE_SIZE = 20
SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Reader:
    """Who is searching, as the gate sees them."""

    signed_in: bool = False
    secretariat: bool = False
    user_id: int | None = None
    member_of: frozenset[int] = frozenset()
    bodies: frozenset[int] = frozenset()  # every body there is, for "member of none of the others"


@dataclass(frozen=True)
class Search:
    words: str
    kind: str = ""
    body: int | None = None
    level: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    by_date: bool = False
    page: int = 1


@dataclass(frozen=True)
class Hit:
    key: str
    record: str
    kind: str
    title: str
    url: str
    body: int | None
    day: dt.date | None
    page: int | None
    level: str
    snippet: str  # HTML: the text escaped, the matched words in <b>


@dataclass
class Results:
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    problem: str = ""
    at_least: bool = False  # the total and counts stop at the engine's cap: there are more


class IndexBusy(Exception):
    """The index is being rebuilt: a change stays on the queue, for the drain after the rebuild."""


def reader_for(user: Any) -> Reader:
    """The searcher as the gate sees them: signed in, secretariat, their current bodies."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Reader()
    return Reader(
        signed_in=True,
        secretariat=is_secretariat(user),
        user_id=user.pk,
        member_of=frozenset(member_body_ids(user).values_list("body_id", flat=True)),
        bodies=frozenset(Body.objects.values_list("pk", flat=True)),
    )


class Engine(Protocol):
    def replace(self, records: Iterable[str], entries: Iterable[Entry]) -> None: ...
    def rebuild(self, batches: Iterable[tuple[list[str], list[Entry]]]) -> None: ...
    def search(self, search: Search, reader: Reader) -> Results: ...
    def count(self) -> int: ...
    def records(self, search: Search, reader: Reader) -> set[str]: ...
    def record_counts(self) -> dict[str, int]: ...
    def access_of(self, record: str) -> Access | None: ...
