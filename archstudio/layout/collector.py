"""Python's cyclic garbage collector paused around work that keeps what it builds.

Parsing a whole file, laying it out, routing it and receiving a routed drawing each build
hundreds of thousands of objects and keep nearly all of them until they finish, so each
collection their count sets off walks live objects for nothing (a sixth of opening a
2,000-element file, a fifth of a 10,000-element layout). Reference counting still frees
whatever is dropped meanwhile. No Qt; it sits in the lowest layer of its users
(layout, canvas, app).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block; nested or threaded uses leave it as found."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
