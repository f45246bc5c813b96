"""The engine inside PostgreSQL: the entries in the table ``search_entry`` (migration 0002), their
text in a weighted ``tsvector`` (title A, text B), ranked through the RUM index where the server has
the extension (``ORDER BY tsv <=> query``, which reads matches in rank order and stops at the page)
and through GIN with ``ts_rank`` where it has not (which ranks every match).

The reader's entitlements are conditions of the same SQL statement as the words, so no hit, total,
facet or snippet comes from an entry the reader may not see. Totals and facet counts stop at
``COUNT_CAP`` matches (``Results.at_least`` says so): a very common word then costs a bounded scan,
not a count of a tenth of the corpus. Writes share the caller's connection and transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils.html import escape

from panelbook.search.contract import PAGE_SIZE, SNIPPET_CHARS, Hit, IndexBusy, Reader, Results, Search
from panelbook.search.entries import Access, Entry

CONFIG = "english"
# Matches counted for a total or a facet before the count says "at least".
COUNT_CAP = 2_000
# Memory for a search's sorting and bitmaps, for this statement's transaction only.
SEARCH_WORK_MEM = "64MB"
# tsvector holds at most 1 MB; text beyond this is kept for snippets but not indexed.
INDEXED_CHARS = 400_000
QUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
START, STOP = "\x01", "\x02"  # snippet markers no text holds (they are stripped on the way in)
HEADLINE = f'StartSel="{START}", StopSel="{STOP}", MaxWords=20, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "'

COLUMNS = "key, record, kind, title, url, body, day, page, level"
INSERT = f"""
INSERT INTO search_entry (key, record, kind, title, body_text, url, level, body, day, page,
                          sign_in, member_of, red, readers, tsv)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
        setweight(to_tsvector('{CONFIG}', %s), 'A')
        || setweight(to_tsvector('{CONFIG}', left(%s, {INDEXED_CHARS})), 'B'))
ON CONFLICT (key) DO UPDATE SET
    record = EXCLUDED.record, kind = EXCLUDED.kind, title = EXCLUDED.title, body_text = EXCLUDED.body_text,
    url = EXCLUDED.url, level = EXCLUDED.level, body = EXCLUDED.body, day = EXCLUDED.day, page = EXCLUDED.page,
    sign_in = EXCLUDED.sign_in, member_of = EXCLUDED.member_of, red = EXCLUDED.red, readers = EXCLUDED.readers,
    tsv = EXCLUDED.tsv
"""

# A rebuild fills a new table (COPY into a staging table, every tsvector derived in one statement,
# the indexes built once at the end: an index kept up row by row costs ten times as much), then
# swaps it for the old one. Until the swap, searches read the old table; a change meanwhile waits
# on the queue (``replace`` refuses while the rebuild holds its lock) and is drained after.
REBUILD_LOCK = 0x5EA5C4  # the advisory lock between rebuild (exclusive) and replace (shared)
LOADED = "key, record, kind, title, body_text, url, level, body, day, page, sign_in, member_of, red, readers"
STAGING = (
    "DROP TABLE IF EXISTS search_entry_next; DROP TABLE IF EXISTS search_entry_load;"
    " CREATE TABLE search_entry_next (LIKE search_entry INCLUDING DEFAULTS);"
    " CREATE TEMPORARY TABLE search_entry_load (LIKE search_entry) ON COMMIT DROP;"
    " ALTER TABLE search_entry_load DROP COLUMN tsv"
)
FROM_STAGING = f"""
INSERT INTO search_entry_next ({LOADED}, tsv)
SELECT {LOADED}, setweight(to_tsvector('{CONFIG}', title), 'A')
                 || setweight(to_tsvector('{CONFIG}', left(body_text, {INDEXED_CHARS})), 'B')
FROM search_entry_load
"""
SWAP = (
    "ALTER TABLE search_entry_next ADD CONSTRAINT search_entry_next_pkey PRIMARY KEY (key);"
    " CREATE INDEX search_entry_next_record ON search_entry_next (record);"
    " CREATE INDEX search_entry_next_kind ON search_entry_next (kind);"
    " CREATE INDEX search_entry_next_tsv ON search_entry_next USING {method};"
    " DROP TABLE search_entry;"
    " ALTER TABLE search_entry_next RENAME TO search_entry;"
    " ALTER TABLE search_entry RENAME CONSTRAINT search_entry_next_pkey TO search_entry_pkey;"
    " ALTER INDEX search_entry_next_record RENAME TO search_entry_record;"
    " ALTER INDEX search_entry_next_kind RENAME TO search_entry_kind;"
    " ALTER INDEX search_entry_next_tsv RENAME TO search_entry_tsv"
)


class Postgres:
    """Entries in ``search_entry`` on the default database connection."""

    def __init__(self) -> None:
        self._ranked_by_rum: bool | None = None

    # Writing

    def replace(self, records: Iterable[str], entries: Iterable[Entry]) -> None:
        """Remove every entry of ``records`` and add ``entries``, in one transaction."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock_shared(%s)", [REBUILD_LOCK])
            if not cursor.fetchone()[0]:
                raise IndexBusy("The search index is being rebuilt; the change is indexed after it.")
            cursor.execute("DELETE FROM search_entry WHERE record = ANY(%s)", [list(records)])
            _insert(cursor, entries)

    def rebuild(self, batches: Iterable[tuple[list[str], list[Entry]]]) -> None:
        """Every entry anew in a new table, swapped for the old one in the same transaction; the
        text index is made with RUM when the server has it (so a GIN table moves to RUM here)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REBUILD_LOCK])
            cursor.execute(STAGING)
            for _, entries in batches:  # a COPY a batch: making the next batch reads the database
                with cursor.copy(f"COPY search_entry_load ({LOADED}) FROM STDIN") as copy:
                    for entry in entries:
                        copy.write_row(_row(entry)[:-2])
            cursor.execute(FROM_STAGING)
            cursor.execute("DROP TABLE search_entry_load")
            cursor.execute(SWAP.format(method=_text_index_sql(cursor)))
        self._ranked_by_rum = None

    # Reading

    def count(self) -> int:
        row = _one("SELECT count(*) FROM search_entry", [])
        return int(row[0]) if row else 0

    def access_of(self, record: str) -> Access | None:
        row = _one(
            "SELECT level, sign_in, member_of, red, readers FROM search_entry WHERE record = %s LIMIT 1", [record]
        )
        if row is None:
            return None
        level, sign_in, member_of, red, readers = row
        return Access(level=level, needs_sign_in=sign_in, member_of=frozenset(member_of), red=red,
                      readers=frozenset(readers))  # fmt: skip

    def record_counts(self) -> dict[str, int]:
        """Records (not entries: a file has one a page) held, by kind."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT kind, count(DISTINCT record) FROM search_entry GROUP BY kind")
            return {kind: int(count) for kind, count in cursor.fetchall()}

    def records(self, search: Search, reader: Reader) -> set[str]:
        """Every record with an entry that ``search`` finds for ``reader`` (for checks and tests)."""
        where, params = _where(search, reader, kind=True)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT record FROM search_entry WHERE {where}", params)
            return {record for (record,) in cursor.fetchall()}

    def search(self, search: Search, reader: Reader) -> Results:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'")
            hits = self._page(cursor, search, reader)
            kinds, capped = _kinds(cursor, search, reader)
            if search.kind:
                total, capped_total = _total(cursor, search, reader)
                capped = capped or capped_total
            else:
                total = min(sum(kinds.values()), COUNT_CAP)
        return Results(total=total, hits=hits, kinds=kinds, at_least=capped)

    def _page(self, cursor: Any, search: Search, reader: Reader) -> list[Hit]:
        where, params = _where(search, reader, kind=True)
        order, order_params = self._order(search)
        snippet, snippet_params = _snippet_sql(search)
        offset = (max(search.page, 1) - 1) * PAGE_SIZE
        cursor.execute(
            f"""
            WITH page AS MATERIALIZED (
                SELECT {COLUMNS}, body_text FROM search_entry
                WHERE {where} ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {offset}
            )
            SELECT {COLUMNS}, {snippet} FROM page
            """,
            [*params, *order_params, *snippet_params],
        )
        return [_hit(row) for row in cursor.fetchall()]

    def _order(self, search: Search) -> tuple[str, list[Any]]:
        if search.by_date or not search.words.strip():
            return "day DESC NULLS LAST, key", []
        if self._uses_rum():  # RUM reads in this order and stops at the page; a second key would sort every match
            return f"tsv <=> {QUERY}", [search.words]
        return f"ts_rank(tsv, {QUERY}) DESC, key", [search.words]

    def _uses_rum(self) -> bool:
        if self._ranked_by_rum is None:
            with connection.cursor() as cursor:
                self._ranked_by_rum = _text_index_method(cursor) == "rum"
        return self._ranked_by_rum


def _insert(cursor: Any, entries: Iterable[Entry]) -> None:
    rows = [_row(entry) for entry in entries]
    if rows:
        cursor.executemany(INSERT, rows)


def _row(entry: Entry) -> tuple[Any, ...]:
    access = entry.access
    title, text = _clean(entry.title), _clean(entry.text)
    return (
        entry.key, entry.record, entry.kind, title, text, entry.url, access.level, entry.body, entry.day, entry.page,
        access.needs_sign_in, sorted(access.member_of), access.red, sorted(access.readers), title, text,
    )  # fmt: skip


def _clean(text: str) -> str:
    """PostgreSQL text holds no NUL, and the snippet markers must be ours alone."""
    return text.replace("\x00", "").replace(START, "").replace(STOP, "")


def _where(search: Search, reader: Reader, *, kind: bool) -> tuple[str, list[Any]]:
    """The statement's conditions, with their parameters: the words, the entitlements, the filters."""
    conditions: list[str] = []
    params: list[Any] = []
    if search.words.strip():
        conditions.append(f"tsv @@ {QUERY}")
        params.append(search.words)
    if not reader.signed_in:
        conditions.append("NOT sign_in")
    else:
        if not reader.secretariat and (others := sorted(reader.bodies - reader.member_of)):
            conditions.append("NOT (member_of && %s::integer[])")
            params.append(others)
        conditions.append("(NOT red OR %s = ANY(readers))")
        params.append(reader.user_id or -1)
    if kind and search.kind:
        conditions.append("kind = %s")
        params.append(search.kind)
    if search.body is not None:
        conditions.append("body = %s")
        params.append(search.body)
    if search.level:
        conditions.append("level = %s")
        params.append(search.level)
    if search.since:
        conditions.append("day >= %s")
        params.append(search.since)
    if search.until:
        conditions.append("day <= %s")
        params.append(search.until)
    return " AND ".join(conditions) or "TRUE", params


def _kinds(cursor: Any, search: Search, reader: Reader) -> tuple[dict[str, int], bool]:
    """Matches by kind, whatever kind is chosen (so the facets offer the others), up to the cap."""
    where, params = _where(search, reader, kind=False)
    cursor.execute(
        f"SELECT kind, count(*) FROM (SELECT kind FROM search_entry WHERE {where} LIMIT {COUNT_CAP + 1}) AS found"
        " GROUP BY kind",
        params,
    )
    kinds = {kind: int(count) for kind, count in cursor.fetchall()}
    capped = sum(kinds.values()) > COUNT_CAP
    return kinds, capped


def _total(cursor: Any, search: Search, reader: Reader) -> tuple[int, bool]:
    where, params = _where(search, reader, kind=True)
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM search_entry WHERE {where} LIMIT {COUNT_CAP + 1}) AS found",
        params,
    )
    total = int(cursor.fetchone()[0])
    return min(total, COUNT_CAP), total > COUNT_CAP


def _snippet_sql(search: Search) -> tuple[str, list[Any]]:
    if not search.words.strip():
        return f"left(body_text, {SNIPPET_CHARS})", []
    return f"ts_headline('{CONFIG}', left(body_text, {INDEXED_CHARS}), {QUERY}, '{HEADLINE}')", [search.words]


def _hit(row: tuple[Any, ...]) -> Hit:
    key, record, kind, title, url, body, day, page, level, snippet = row
    return Hit(key=key, record=record, kind=kind, title=title, url=url, body=body, day=day, page=page,
               level=level, snippet=_snippet_html(snippet or ""))  # fmt: skip


def _snippet_html(marked: str) -> str:
    """The headline escaped, its matched words in <b>."""
    return escape(marked).replace(START, "<b>").replace(STOP, "</b>")


def _text_index_sql(cursor: Any) -> str:
    """RUM where the server has the extension (made available to this database), else GIN."""
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
    if cursor.fetchone() is None:
        return "gin (tsv)"
    cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    return "rum (tsv rum_tsvector_ops)"


def _text_index_method(cursor: Any) -> str:
    """``rum``, ``gin`` or "" for the access method of ``search_entry_tsv``."""
    cursor.execute(
        "SELECT am.amname FROM pg_class AS c JOIN pg_am AS am ON am.oid = c.relam"
        " WHERE c.relname = 'search_entry_tsv' AND c.relkind = 'i'"
    )
    row = cursor.fetchone()
    return str(row[0]) if row else ""


def _one(sql: str, params: list[Any]) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        return tuple(row) if row else None
