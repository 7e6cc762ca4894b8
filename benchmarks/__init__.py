"""Speed measurements, kept out of the test suite.

Each ``benchmarks/bench_<name>.py`` exposes ``run() -> list[dict]``: one row per
measurement, with a baseline measured in the same run, the ratio against it and
absolute milliseconds for scale. ``python -m benchmarks`` runs them all,
``python -m benchmarks parse layout`` the ones named. See docs/performance.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def best_ms(action: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in milliseconds (the least disturbed by a busy
    machine). Shared by every benchmark: ``from benchmarks import best_ms``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000
