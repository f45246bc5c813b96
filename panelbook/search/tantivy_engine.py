"""The embedded engine: a Tantivy index in the data folder, the default."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tantivy
from django.utils.html import escape

from panelbook.search.contract import PAGE_SIZE, SNIPPET_CHARS, Hit, IndexBusy, Reader, Results, Search
from panelbook.search.entries import Access, Entry


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("record", stored=True, tokenizer_name="raw")
    builder.add_text_field("kind", stored=True, tokenizer_name="raw", fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("level", stored=True, tokenizer_name="raw")
    builder.add_integer_field("body", stored=True, indexed=True)
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)  # proleptic ordinal, 0 for none
    builder.add_integer_field("page", stored=True)
    builder.add_integer_field("sign_in", stored=True, indexed=True)
    builder.add_integer_field("member_of", stored=True, indexed=True)
    builder.add_integer_field("red", stored=True, indexed=True)
    builder.add_integer_field("reader", stored=True, indexed=True)
    return builder.build()


# A change to the schema gets a new folder (and needs ``panelbook reindex``).
SCHEMA_VERSION = "v1"


class Tantivy:
    """One index in a folder; one writer at a time (the queue's lock keeps it so across processes)."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        self._lock = threading.Lock()

    # Writing

    def replace(self, records: Iterable[str], entries: Iterable[Entry]) -> None:
        """Remove every entry of ``records`` and add ``entries``, in one commit."""
        with self._writing() as writer:
            for record in records:
                writer.delete_documents_by_term("record", record)
            for entry in entries:
                writer.add_document(self._document(entry))

    def rebuild(self, batches: Iterable[tuple[list[str], list[Entry]]]) -> None:
        """Every entry anew, in one commit: searches answer from the old index until it lands."""
        with self._writing() as writer:
            writer.delete_all_documents()
            for _, entries in batches:
                for entry in entries:
                    writer.add_document(self._document(entry))

    @contextmanager
    def _writing(self) -> Iterator[tantivy.IndexWriter]:
        """One writer, committed at the end (rolled back on an error), then the searchers reloaded."""
        with self._lock:
            try:
                writer = self.index.writer(heap_size=50_000_000, num_threads=1)
            except ValueError as error:  # another process writes: a rebuild, whose drain takes this change
                raise IndexBusy(f"The search index is busy ({error}); the change waits on the queue.") from error
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
            self.index.reload()

    def _document(self, entry: Entry) -> tantivy.Document:
        access = entry.access
        document = tantivy.Document(
            key=entry.key, record=entry.record, kind=entry.kind, title=entry.title, text=entry.text,
            url=entry.url, level=access.level, body=entry.body if entry.body is not None else -1,
            day=entry.day.toordinal() if entry.day else 0, page=entry.page or 0,
            sign_in=int(access.needs_sign_in), red=int(access.red),
        )  # fmt: skip
        for body in sorted(access.member_of):
            document.add_integer("member_of", body)
        for reader in sorted(access.readers):
            document.add_integer("reader", reader)
        return document

    # Reading

    def count(self) -> int:
        return int(self.index.searcher().num_docs)

    def access_of(self, record: str) -> Access | None:
        searcher = self.index.searcher()
        found = searcher.search(tantivy.Query.term_query(self.schema, "record", record), 1).hits
        if not found:
            return None
        fields = searcher.doc(found[0][1]).to_dict()
        return Access(
            level=fields["level"][0],
            needs_sign_in=bool(fields["sign_in"][0]),
            member_of=frozenset(fields.get("member_of", [])),
            red=bool(fields["red"][0]),
            readers=frozenset(fields.get("reader", [])),
        )

    def search(self, search: Search, reader: Reader) -> Results:
        words, problems = self._words(search.words)
        searcher = self.index.searcher()
        allowed = [(tantivy.Occur.Must, words), *self._entitlements(reader), *self._filters(search, kind=True)]
        query = tantivy.Query.boolean_query(allowed)
        offset = (max(search.page, 1) - 1) * PAGE_SIZE
        order: dict[str, Any] = {"order_by_field": "day"} if search.by_date else {}
        # No count here: the top 20 alone can skip blocks of matches that cannot rank (block-max
        # WAND); the facets count every match once, and the total is theirs.
        found = searcher.search(query, PAGE_SIZE, count=False, offset=offset, **order)
        snippets = tantivy.SnippetGenerator.create(searcher, words, self.schema, "text")
        snippets.set_max_num_chars(SNIPPET_CHARS)
        hits = [self._hit(searcher.doc(address), snippets) for _, address in found.hits]
        facets = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, words), *self._entitlements(reader), *self._filters(search, kind=False)]
        )
        kinds = self._kinds(searcher, facets)
        total = kinds.get(search.kind, 0) if search.kind else sum(kinds.values())
        problem = "Some of the search could not be read and was searched as plain words." if problems else ""
        return Results(total=total, hits=hits, kinds=kinds, problem=problem)

    def _words(self, text: str) -> tuple[tantivy.Query, list[Any]]:
        if not text.strip():
            return tantivy.Query.all_query(), []
        query, problems = self.index.parse_query_lenient(text, ["title", "text"], {"title": 2.0})
        return query, problems

    def records(self, search: Search, reader: Reader) -> set[str]:
        """Every record with an entry that ``search`` finds for ``reader`` (for checks and tests)."""
        words, _ = self._words(search.words)
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, words), *self._entitlements(reader), *self._filters(search, kind=True)]
        )
        searcher = self.index.searcher()
        found = searcher.search(query, max(searcher.num_docs, 1), count=False).hits
        return {_first(searcher.doc(address), "record") for _, address in found}

    def record_counts(self) -> dict[str, int]:
        """Records (not entries: a file has one a page) held, by kind."""
        searcher = self.index.searcher()
        found = searcher.search(tantivy.Query.all_query(), max(searcher.num_docs, 1), count=False).hits
        counts: dict[str, set[str]] = {}
        for _, address in found:
            document = searcher.doc(address)
            counts.setdefault(_first(document, "kind"), set()).add(_first(document, "record"))
        return {kind: len(records) for kind, records in counts.items()}

    def _entitlements(self, reader: Reader) -> list[tuple[Any, tantivy.Query]]:
        schema = self.schema
        if not reader.signed_in:
            return [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "sign_in", 0))]
        clauses = []
        if not reader.secretariat and (others := sorted(reader.bodies - reader.member_of)):
            clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_set_query(schema, "member_of", others)))
        # Not "RED and not naming me": a clause on the few RED entries, not on the many others.
        red = tantivy.Query.term_query(schema, "red", 1)
        named = tantivy.Query.term_query(schema, "reader", reader.user_id or -1)
        hidden = tantivy.Query.boolean_query([(tantivy.Occur.Must, red), (tantivy.Occur.MustNot, named)])
        clauses.append((tantivy.Occur.MustNot, hidden))
        return clauses

    def _filters(self, search: Search, *, kind: bool) -> list[tuple[Any, tantivy.Query]]:
        schema, must = self.schema, tantivy.Occur.Must
        clauses = []
        if kind and search.kind:
            clauses.append((must, tantivy.Query.term_query(schema, "kind", search.kind)))
        if search.body is not None:
            clauses.append((must, tantivy.Query.term_query(schema, "body", search.body)))
        if search.level:
            clauses.append((must, tantivy.Query.term_query(schema, "level", search.level)))
        if search.since or search.until:
            low = search.since.toordinal() if search.since else 1
            high = search.until.toordinal() if search.until else dt.date.max.toordinal()
            clauses.append((must, tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, low, high)))
        return clauses

    def _kinds(self, searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, int]:
        answer = searcher.aggregate(query, {"kinds": {"terms": {"field": "kind", "size": 100}}})
        return {bucket["key"]: int(bucket["doc_count"]) for bucket in answer["kinds"]["buckets"]}

    def _hit(self, document: tantivy.Document, snippets: tantivy.SnippetGenerator) -> Hit:
        fields = {name: values[0] for name, values in document.to_dict().items() if values}
        snippet = snippets.snippet_from_doc(document)
        html = snippet.to_html() if snippet.fragment() else escape(fields.get("text", "")[:SNIPPET_CHARS])
        day, body, page = fields.get("day", 0), fields.get("body", -1), fields.get("page", 0)
        return Hit(
            key=fields["key"], record=fields["record"], kind=fields["kind"], title=fields.get("title", ""),
            url=fields.get("url", ""), body=body if body >= 0 else None,
            day=dt.date.fromordinal(day) if day else None, page=page or None, level=fields["level"],
            snippet=html,
        )  # fmt: skip


def _first(document: tantivy.Document, name: str) -> Any:
    values = document.to_dict().get(name) or [None]
    return values[0]
