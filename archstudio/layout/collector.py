"""Python's cyclic garbage collector paused around work that keeps what it builds.

Parsing a whole file, laying it out, routing it and receiving a routed drawing each build
hundreds of thousands of objects and keep nearly all of them until they finish, so each
collection their count sets off walks live objects for nothing (a sixth of opening a
2,000-element file, a fifth of a 10,000-element layout). Reference counting still frees
whatever is dropped meanwhile. No Qt; it sits in the lowest layer of its users
(layout, canvas, app).

An edit on a big diagram (a drag dropped, the lines routed ahead of a drop) keeps most of
what it builds as well: ``collector_paused(keep=True)`` freezes it at the end of the block
(``gc.freeze``), so later collections do not walk it again and the collections the block
put off do not land on the next gesture. Cycles among frozen objects that have since been
dropped stay until :func:`collect_if_grown` runs (when the user pauses): it collects
everything once the frozen objects have grown by half since it last did.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GROWTH = 1.5  # frozen objects grown this much since the last whole collection: collect


class _Frozen:
    """How many objects were frozen right after the last whole collection (None: none
    was done yet; the first freeze sets the mark)."""

    mark: int | None = None


class _Paused:
    """Blocks open now, in any thread, and whether the collector was on when the first of
    them began: only the last to end turns it back on (a per-block memory would let a
    thread's block that ends first turn it on under another thread's block still
    running)."""

    lock = threading.Lock()
    depth = 0
    was_on = False

    @classmethod
    def new_lock_in_child(cls) -> None:
        """A forked copy has only the forking thread: a lock another thread held at the
        fork would never be released there. (The depth stays: the forking thread may be
        inside a block; another thread's block left open only keeps the copy's collector
        off.)"""
        cls.lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_Paused.new_lock_in_child)


@contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """The collector off for the block; nested or threaded uses leave it as found when the
    last of them ends. With ``keep`` what exists after the block is frozen (see the
    module's docstring)."""
    with _Paused.lock:
        if _Paused.depth == 0:
            _Paused.was_on = gc.isenabled()
        _Paused.depth += 1
        gc.disable()
    try:
        yield
    finally:
        if keep:
            keep_what_exists()
        with _Paused.lock:
            _Paused.depth -= 1
            if _Paused.depth == 0 and _Paused.was_on:
                gc.enable()


def keep_what_exists() -> None:
    """Freeze what exists now (it lives on: later collections need not walk it); what of
    it is dropped later is cleared by :func:`collect_if_grown` (every freeze counts, or
    a session that only opens files would keep each replaced document's cycles)."""
    gc.freeze()
    if _Frozen.mark is None:
        _Frozen.mark = gc.get_freeze_count()


def collect_if_grown(growth: float = GROWTH) -> bool:
    """Collect everything, frozen objects too, when they have grown by ``growth`` since
    the last time (dropped cycles kept by freezing: memory stays bounded); True if it
    did. Meant for a pause in the user's work: it walks every object once."""
    frozen = gc.get_freeze_count()
    if _Frozen.mark is None or frozen <= _Frozen.mark * growth:
        return False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _Frozen.mark = gc.get_freeze_count()
    return True
