"""The search engines behind one interface, chosen by the setting ``SEARCH_ENGINE``:

- ``tantivy`` (the default): an embedded Tantivy index in the data folder (``tantivy_engine``);
- ``postgres``: the table ``search_entry`` inside PostgreSQL, ranked through the RUM index where the
  server has it (``postgres``), for deployments with several application servers.

Both answer the contract in ``contract``: a ``Search`` asked by a ``Reader`` gives ``Results`` with
the reader's entitlements inside the engine's own query.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from panelbook.search.contract import (
    PAGE_SIZE,
    SNIPPET_CHARS,
    Engine,
    Hit,
    IndexBusy,
    Reader,
    Results,
    Search,
    reader_for,
)

__all__ = [
    "PAGE_SIZE",
    "SNIPPET_CHARS",
    "Engine",
    "Hit",
    "IndexBusy",
    "Reader",
    "Results",
    "Search",
    "engine",
    "reader_for",
]

ENGINES = ("tantivy", "postgres")

_engines: dict[str, Engine] = {}


def engine() -> Engine:
    """The engine the settings choose, one per process (and per index folder for Tantivy)."""
    chosen = settings.SEARCH_ENGINE
    key = f"{chosen}:{settings.SEARCH_INDEX_DIR}" if chosen == "tantivy" else chosen
    if key not in _engines:
        _engines[key] = _make(chosen)
    return _engines[key]


def _make(chosen: str) -> Engine:
    if chosen == "tantivy":
        from panelbook.search.tantivy_engine import SCHEMA_VERSION, Tantivy

        return Tantivy(Path(settings.SEARCH_INDEX_DIR) / SCHEMA_VERSION)
    if chosen == "postgres":
        from django.db import connection

        from panelbook.search.postgres import Postgres

        if connection.vendor != "postgresql":
            raise ValueError("SEARCH_ENGINE (PANELBOOK_SEARCH_ENGINE) 'postgres' needs DATABASE_URL on PostgreSQL.")

        return Postgres()
    raise ValueError(f"SEARCH_ENGINE (PANELBOOK_SEARCH_ENGINE) is {chosen!r}; the engines are: {', '.join(ENGINES)}.")
