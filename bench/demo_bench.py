"""Benchmark: loading the demo into a fresh SQLite database, against migrating one.

    .venv/bin/python -m bench.demo_bench [--repeat 3]

Each run makes a new SQLite database and media folder in a temporary directory and times, in the
same process:

- migrate: `migrate` of the empty database (the bare baseline every fresh database pays, and
  what `panelbook demo` runs before loading);
- load: `panelbook.demo.loader.load()`, what `panelbook load_demo` does: every record through
  its service verb, with validation and history, and each paper's Word file written.

The fastest of ``--repeat`` runs of each counts (wall time, and the process's CPU time beside it,
which other load on the machine disturbs less). Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.timing import say


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="panelbook-bench-demo-"))
    os.environ["PANELBOOK_DATA_DIR"] = str(scratch)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("PANELBOOK_MEDIA_ROOT", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panelbook.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from panelbook.demo import loader

    best = {"migrate": (float("inf"), 0.0), "load": (float("inf"), 0.0)}
    counts: dict[str, int] = {}
    for run in range(args.repeat):
        folder = scratch / f"run-{run}"
        (folder / "media").mkdir(parents=True)
        connection.close()
        connection.settings_dict["NAME"] = str(folder / "panelbook.sqlite3")
        with override_settings(MEDIA_ROOT=str(folder / "media")):
            migrate = timed(lambda: call_command("migrate", interactive=False, verbosity=0))
            load = timed(lambda: counts.update(loader.load() or {}))
        best["migrate"] = min(best["migrate"], migrate)
        best["load"] = min(best["load"], load)

    made = ", ".join(f"{count} {name}" for name, count in counts.items())
    say(f"runs: {args.repeat}   records: {sum(counts.values())} ({made})")
    say(f"{'phase':<10}{'seconds':>10}{'CPU s':>8}{'ratio':>8}")
    for name, (seconds, cpu) in best.items():
        say(f"{name:<10}{seconds:>10.2f}{cpu:>8.2f}{seconds / best['migrate'][0]:>8.2f}")


if __name__ == "__main__":
    main()
