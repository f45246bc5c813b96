"""Running a saved search: always as its owner, through the engine's own entitlements.

The engine applies a reader's entitlements inside its query (``engines.reader_for``), so a saved
search run for its feed or its e-mail is run with ``reader_for(owner)`` — never as whoever fetched
the feed — and an owner whose account is inactive reads nothing (``followed()`` leaves them out).
"""

from __future__ import annotations

from html import unescape
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import strip_tags

from panelbook.search import engine as engines
from panelbook.search.entries import searchable
from panelbook.search.models import SavedSearch, Sort

PARAMETERS = ("q", "kind", "body", "level", "since", "until", "sort")


def kind_labels() -> dict[str, str]:
    """Each searchable kind's name for people ("Papers"), by its label (``governance.paper``)."""
    return {each.model._meta.label_lower: str(each.plural).capitalize() for each in searchable()}


def asked(saved: SavedSearch, *, by_date: bool | None = None, page: int = 1) -> engines.Search:
    """The engine's question for ``saved`` (``by_date`` overrides its own sorting)."""
    return engines.Search(
        words=saved.q,
        kind=saved.kind,
        body=saved.body_id,
        level=saved.level,
        since=saved.since,
        until=saved.until,
        by_date=saved.sort == Sort.DATE if by_date is None else by_date,
        page=page,
    )


def newest_hits(saved: SavedSearch) -> list[engines.Hit]:
    """The newest hits by date (one page of them) that the owner may see today."""
    owner: Any = saved.owner
    return engines.engine().search(asked(saved, by_date=True), engines.reader_for(owner)).hits


def run_url(saved: SavedSearch) -> str:
    """The results page of ``saved``: what the owner sees when they run it."""
    values = {name: getattr(saved, "body_id" if name == "body" else name) for name in PARAMETERS}
    query = {name: str(value) for name, value in values.items() if value not in (None, "")}
    return f"{reverse('search:search')}?{urlencode(query)}"


def feed_url(saved: SavedSearch) -> str:
    return reverse("search:saved_feed", args=[saved.feed_token])


def plain_snippet(hit: engines.Hit) -> str:
    """The snippet as plain text (it is HTML: the text escaped, the matched words in <b>)."""
    return " ".join(unescape(strip_tags(hit.snippet)).split())


def parameters_of(data: dict[str, Any]) -> dict[str, Any]:
    """A search's parameters from a form's or a schema's cleaned data, empty ones as the model keeps them."""
    found = {name: data.get(name) for name in PARAMETERS if name in data}
    for name in ("q", "kind", "level", "sort"):
        if name in found and found[name] is None:
            found[name] = ""
    return found


def described(saved: SavedSearch, labels: dict[str, str] | None = None) -> str:
    """What ``saved`` searches, in words: “meters” in Papers of the Panel from 01/04/2026, newest first."""
    labels = kind_labels() if labels is None else labels
    parts = [f"“{saved.q}”" if saved.q else "Everything"]
    if saved.kind:
        parts.append(f"in {labels.get(saved.kind, saved.kind)}")
    if saved.body is not None:
        parts.append(f"of the {saved.body.short_name or saved.body.name}")
    if saved.level:
        parts.append(f"classified {saved.level}")
    if saved.since:
        parts.append(f"from {saved.since:%d/%m/%Y}")
    if saved.until:
        parts.append(f"to {saved.until:%d/%m/%Y}")
    text = " ".join(parts)
    return f"{text}, newest first" if saved.sort == Sort.DATE else text
