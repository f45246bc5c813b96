"""Benchmark: the list pages' SQL on a SQLite archive with and without the indexes made for them.

    .venv/bin/python -m bench.indexes --scale 100 [--data-dir DIR] [--repeat 5]

Renders each list page once as the public and as the demo's Panel member to capture its queries,
then runs every captured query (fastest of ``--repeat``) on the archive's database and on a copy
of it without the list indexes (``INDEXES``), and prints the SQL milliseconds of each page on
both and their ratio. Only SQL time is measured: the rest of a request is the same on both.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from bench import archive
from bench.timing import say

INDEXES = (
    "meeting_by_date",
    "meeting_by_body_and_date",
    "paper_newest_first",
    "paper_newest_first_by_body",
    "action_by_status",
    "decision_newest_first",
    "decision_newest_first_by_body",
    "public_decision_newest_first",
)
PAGES = ("/", "/meetings/", "/papers/", "/actions/", "/decisions/", "/papers/?body=panel", "/api/decisions")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = archive.setup(args.scale, args.data_dir)
    archive.build(args.scale)
    from django.db import connection

    if connection.vendor != "sqlite":
        raise SystemExit("This benchmark reads SQLite files; unset DATABASE_URL.")
    queries = captured()
    with tempfile.TemporaryDirectory(prefix="panelbook-bench-noindex-") as scratch:
        bare = Path(scratch) / "without.sqlite3"
        shutil.copy(folder / "panelbook.sqlite3", bare)
        with sqlite3.connect(bare) as db:
            for name in INDEXES:
                db.execute(f"DROP INDEX IF EXISTS {name}")
        say(f"{'page':<28}{'role':<8}{'with ms':>9}{'without ms':>12}{'ratio':>8}")
        for (page, role), sqls in queries.items():
            indexed = sql_ms(folder / "panelbook.sqlite3", sqls, args.repeat)
            without = sql_ms(bare, sqls, args.repeat)
            say(f"{page:<28}{role:<8}{indexed:>9.2f}{without:>12.2f}{without / indexed:>8.1f}")


def captured() -> dict[tuple[str, str], list[str]]:
    """The SQL each page runs, as the public and as the Panel member."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from panelbook.core.models import User

    member = Client()
    member.force_login(User.objects.get(username="panel"))
    found = {}
    for role, client in (("public", Client()), ("member", member)):
        for page in PAGES:
            with CaptureQueriesContext(connection) as queries:
                client.get(page)
            found[page, role] = [q["sql"] for q in queries.captured_queries if "django_session" not in q["sql"]]
    return found


def sql_ms(database: Path, sqls: list[str], repeat: int) -> float:
    """Milliseconds to run the queries once, the fastest of ``repeat`` runs."""
    with sqlite3.connect(database) as db:
        db.create_function("django_datetime_cast_date", 3, lambda value, *zones: value and value[:10])
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in sqls:
                db.execute(sql).fetchall()
            best = min(best, time.perf_counter() - started)
    return best * 1000


if __name__ == "__main__":
    main()
