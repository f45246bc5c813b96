"""Benchmark: search over generated paragraphs on each engine, beside the bare engine query.

    .venv/bin/python -m bench.search_bench [--paragraphs 1000000] [--engine tantivy|postgres|both]
        [--queries 100] [--database postgres://postgres@127.0.0.1:5432/panelbook_bench_search]

It builds an index of ``--paragraphs`` generated paragraphs (words drawn from a Zipf-like
vocabulary, a very common word in about 15% of them; levels, owning bodies and named recipients
spread as a secretariat's archive has them: WHITE 55%, GREEN 15%, AMBER 25% in one of eight bodies,
RED 5% naming three of fifty people), through the engine's own ``rebuild`` (the time to rebuild) and
then ``replace`` in batches of 100 records (the queue's indexing throughput). It then times, for
one-word, two-word, phrase and very common word queries:

- ``search``: the engine's whole answer as panelbook asks for it: a Panel member's (two bodies of
  eight, no RED) or the public's entitlements inside the query, the top 20 with snippets, the total
  and the facet counts;
- ``bare``: the engine's own top-20 query for the same words on the same data, with no
  entitlements, snippets, total or facets (the floor).

p50/p95/p99 in ms of ``--queries`` queries per kind, and the ratio of the p95s. The PostgreSQL
engine runs in ``--database`` (created and migrated if absent). Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import string
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.timing import say

BODIES = list(range(1, 9))
PEOPLE = list(range(1, 51))
KINDS = ["governance.paperfile", "governance.minutes", "governance.agendaitem", "actions.action", "registers.risk"]
COMMON = "meter"
BATCH = 500


def vocabulary(size: int, rng: random.Random) -> list[str]:
    syllables = [a + b for a in "bdfghklmnprstvz" for b in "aeiou"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))) + rng.choice(string.ascii_lowercase[:6]))
    return sorted(words)


class Corpus:
    """Deterministic paragraphs and their access, from one seed."""

    def __init__(self, paragraphs: int, seed: int = 17) -> None:
        self.paragraphs = paragraphs
        self.rng = random.Random(seed)
        self.words = vocabulary(30_000, self.rng)
        weights = [1 / (rank + 10) for rank in range(len(self.words))]
        self.cumulative = list(_accumulate(weights))
        self.sample_phrases: list[str] = []

    def entries(self) -> Iterator[Any]:
        from panelbook.search.entries import Access, Entry

        rng, start = self.rng, dt.date(2006, 1, 1).toordinal()
        for number in range(self.paragraphs):
            words = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(25, 60))
            if rng.random() < 0.15:
                words.insert(rng.randrange(len(words)), COMMON)
            if len(self.sample_phrases) < 1000 and number % 97 == 0:
                at = rng.randrange(len(words) - 1)
                self.sample_phrases.append(f'"{words[at]} {words[at + 1]}"')
            body = rng.choice(BODIES)
            yield Entry(
                key=f"bench.paragraph:{number}:0", record=f"bench.paragraph:{number}", kind=rng.choice(KINDS),
                title=" ".join(words[:6]).capitalize(), text=" ".join(words) + ".", url=f"/bench/{number}/",
                body=body, day=dt.date.fromordinal(start + rng.randrange(7300)), page=rng.randint(1, 30),
                access=_access(rng, body, Access),
            )  # fmt: skip

    def batches(self, size: int) -> Iterator[tuple[list[str], list[Any]]]:
        batch: list[Any] = []
        for entry in self.entries():
            batch.append(entry)
            if len(batch) >= size:
                yield [each.record for each in batch], batch
                batch = []
        if batch:
            yield [each.record for each in batch], batch

    def queries(self, count: int) -> dict[str, list[str]]:
        rng = random.Random(99)
        middling = self.words[200:3000]  # neither rare nor very common
        return {
            "one word": [rng.choice(middling) for _ in range(count)],
            "two words": [f"{rng.choice(middling)} {rng.choice(middling)}" for _ in range(count)],
            "phrase": [rng.choice(self.sample_phrases) for _ in range(count)],
            "very common word": [COMMON] * count,
        }


def _accumulate(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def _access(rng: random.Random, body: int, access_type: Any) -> Any:
    draw = rng.random()
    if draw < 0.55:
        return access_type(level="WHITE")
    if draw < 0.70:
        return access_type(level="GREEN", needs_sign_in=True)
    if draw < 0.95:
        return access_type(level="AMBER", needs_sign_in=True, member_of=frozenset({body}))
    readers = frozenset(rng.sample(PEOPLE, 3))
    return access_type(level="RED", needs_sign_in=True, member_of=frozenset({body}), red=True, readers=readers)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def timings(run: Callable[[str], object], queries: list[str]) -> list[float]:
    run(queries[0])  # warm
    found = []
    for words in queries:
        started = time.perf_counter()
        run(words)
        found.append(time.perf_counter() - started)
    return found


def measure(name: str, engine: Any, bare: Callable[[str], object], corpus: Corpus, count: int) -> None:
    from panelbook.search.contract import Reader, Search

    member = Reader(signed_in=True, user_id=999, member_of=frozenset({1, 2}), bodies=frozenset(BODIES))
    say(f"\n{name}: p50 / p95 / p99 in ms over {count} queries a kind")
    say("| query | bare | Panel member | public | member p95 ÷ bare p95 |")
    say("|---|---|---|---|---|")
    for kind, queries in corpus.queries(count).items():
        floor = percentiles(timings(bare, queries))
        as_member = percentiles(timings(lambda words: engine.search(Search(words=words), member), queries))
        as_public = percentiles(timings(lambda words: engine.search(Search(words=words), Reader()), queries))
        say(f"| {kind} | {_three(floor)} | {_three(as_member)} | {_three(as_public)} | {as_member[1] / floor[1]:.2f} |")


def _three(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.1f}" for value in values)


def build(name: str, engine: Any, corpus: Corpus) -> None:
    started = time.perf_counter()
    engine.rebuild(corpus.batches(BATCH))
    took = time.perf_counter() - started
    say(f"{name}: rebuilt {corpus.paragraphs:,} entries in {took:.1f} s ({corpus.paragraphs / took:,.0f} a second)")
    extra = Corpus(2_000, seed=5)
    started = time.perf_counter()
    for records, entries in extra.batches(100):
        engine.replace([f"{record}x" for record in records], [_renamed(entry) for entry in entries])
    took = time.perf_counter() - started
    say(f"{name}: replace() in batches of 100 (the queue's path): {2_000 / took:,.0f} entries a second")


def _renamed(entry: Any) -> Any:
    from dataclasses import replace

    return replace(entry, key=f"{entry.record}x:0", record=f"{entry.record}x")


def tantivy_run(corpus: Corpus, count: int) -> None:
    from panelbook.search.tantivy_engine import Tantivy

    engine = Tantivy(Path(tempfile.mkdtemp(prefix="panelbook-bench-search-")))
    build("Tantivy", engine, corpus)

    def bare(words: str) -> object:
        query, _ = engine.index.parse_query_lenient(words, ["title", "text"], {"title": 2.0})
        return engine.index.searcher().search(query, 20).hits

    measure("Tantivy", engine, bare, corpus, count)


def postgres_run(corpus: Corpus, count: int, *, reuse: bool = False) -> None:
    from django.db import connection

    from panelbook.search.postgres import Postgres, _text_index_method

    engine = Postgres()
    if reuse and engine.count() >= corpus.paragraphs:
        for _ in corpus.entries():  # the same draws as the build, for the phrases to search
            pass
    else:
        build("PostgreSQL", engine, corpus)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_entry")
        say(f"PostgreSQL: text index {_text_index_method(cursor)}")
    order = "tsv <=> q" if engine._uses_rum() else "ts_rank(tsv, q) DESC"

    def bare(words: str) -> object:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT key FROM search_entry, websearch_to_tsquery('english', %s) AS q WHERE tsv @@ q"
                f" ORDER BY {order} LIMIT 20",
                [words],
            )
            return cursor.fetchall()

    measure("PostgreSQL", engine, bare, corpus, count)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=["tantivy", "postgres", "both"], default="both")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: search the entries a previous run left")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/panelbook_bench_search")
    args = parser.parse_args(argv)

    os.environ["PANELBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="panelbook-bench-search-data-")
    if args.engine != "tantivy":
        os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panelbook.settings")
    import django

    django.setup()
    say(f"{args.paragraphs:,} paragraphs, {args.queries} queries a kind")
    if args.engine in ("tantivy", "both"):
        tantivy_run(Corpus(args.paragraphs), args.queries)
    if args.engine in ("postgres", "both"):
        _database_ready(args.database)
        postgres_run(Corpus(args.paragraphs), args.queries, reuse=args.reuse)


def _database_ready(url: str) -> None:
    """Create the benchmark's database if it is absent, and migrate it."""
    import psycopg
    from django.core.management import call_command

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


if __name__ == "__main__":
    main()
