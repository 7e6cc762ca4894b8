"""Super-linear growth, measured as ratios within one run (never absolute times).

A check on hostile text of size n is timed against the same check on a valid file of the
same size, at n and at ``SCALE`` × n. If the hostile text costs the same multiple of the
valid one at both sizes, it grows like the valid one (linearly); a quadratic cost makes
that multiple grow about ``SCALE``-fold. The limit (:data:`MAX_GROWTH`) sits between the
two with a wide margin, so a busy shared machine does not make the test flake: each
figure is the fastest of several runs, in CPU time of the measuring thread.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

SCALE = 8
MAX_GROWTH = 3.5  # linear: about 1; quadratic: about SCALE
REPEAT = 3
MIN_SAMPLE = 0.02  # seconds: a faster action is run several times per sample


def _sample(action: Callable[[], object], loops: int) -> float:
    """Seconds of this thread's CPU time per call: other processes on a busy machine
    take wall-clock time from a run, not CPU time."""
    start = time.thread_time()
    for _ in range(loops):
        action()
    return (time.thread_time() - start) / loops


def best_pair(first: Callable[[], object], second: Callable[[], object],
              repeat: int = REPEAT, give_up: float = math.inf) -> tuple[float, float]:
    """The fastest time per call of each action, their runs interleaved (so a busy
    moment of the machine hits both) and the garbage collector paused. When one run of
    ``first`` takes more than ``give_up`` times one of ``second``, that is the answer:
    a hostile text that slow is not run again."""
    once = [max(_sample(action, 1), 1e-7) for action in (second, first)][::-1]
    if once[0] / once[1] > give_up:
        return once[0], once[1]
    loops = [max(1, math.ceil(MIN_SAMPLE / sample)) for sample in once]
    best = [float("inf"), float("inf")]
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for index, action in enumerate((first, second)):
                best[index] = min(best[index], _sample(action, loops[index]))
    finally:
        if enabled:
            gc.enable()
    return max(best[0], 1e-9), max(best[1], 1e-9)


def valid_text(size: int) -> str:
    """A valid `.arch` file of about ``size`` characters: elements, relations, layout."""
    lines = ['architecture "Valid" {']
    body = 0
    index = 0
    while body < size * 0.8:
        line = (f'  container C{index} "Service {index}" {{ technology "Go" }}\n'
                f"  C{index} -> C{max(index - 1, 0)} \"calls\"")
        lines.append(line)
        body += len(line) + 1
        index += 1
    lines.append("}")
    lines.append("layout {")
    total = sum(map(len, lines)) + len(lines)
    for number in range(index):
        if total >= size:
            break
        entry = f"  C{number}: {number * 10}, {number * 5}"
        lines.append(entry)
        total += len(entry) + 1
    lines.append("}")
    return "\n".join(lines) + "\n"


Prepare = Callable[[str], Callable[[], object]]  # text -> the action to time


def growth(prepare: Prepare, hostile: Callable[[int], str], size: int,
           baseline: Prepare | None = None) -> tuple[float, float, float]:
    """(growth, ratio at size, ratio at SCALE × size) of the action ``prepare`` makes
    for hostile text against the one ``baseline`` (by default ``prepare``) makes for
    valid text of the same length."""
    ratios: list[float] = []
    for n in (size, size * SCALE):
        text = hostile(n)
        bad = prepare(text)
        good = (baseline or prepare)(valid_text(len(text)))
        give_up = ratios[0] * MAX_GROWTH * 4 if ratios else math.inf
        bad_time, good_time = best_pair(bad, good, give_up=give_up)
        ratios.append(bad_time / good_time)
    return ratios[1] / ratios[0], ratios[0], ratios[1]


def assert_linear(check: Callable[[str], object] | None, hostile: Callable[[int], str],
                  size: int, what: str, prepare: Prepare | None = None,
                  baseline: Prepare | None = None) -> None:
    """Fail when ``check(text)`` (or the action ``prepare(text)`` returns) grows faster
    on hostile text than on valid text (or than ``baseline`` on valid text)."""
    if prepare is None:
        assert check is not None
        prepare = lambda text: lambda: check(text)  # noqa: E731
    ratio, small, large = growth(prepare, hostile, size, baseline)
    if ratio > MAX_GROWTH:  # measure once more before calling it: a busy moment passes
        ratio, small, large = growth(prepare, hostile, size, baseline)
    assert ratio <= MAX_GROWTH, (
        f"{what}: {small:.2f}x a valid file at {size} characters, {large:.2f}x at "
        f"{size * SCALE}: grows {ratio:.1f}-fold where linear is about 1")
