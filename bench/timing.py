"""Helpers shared by the benchmarks: print a line, time the fastest of several runs."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def fastest(run: Callable[[], object], repeat: int) -> float:
    """The shortest wall time of ``repeat`` runs, in seconds (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best
