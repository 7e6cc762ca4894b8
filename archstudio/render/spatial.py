"""A static R-tree of rectangles: "what lies in this region?" at a cost that depends on how
many rectangles there are, never on how big their coordinates are.

A uniform grid walks cells, so a 1,000,000-px system or a coordinate of 1e12 would make
it walk millions of them; a sort-tile-recursive R-tree (Leutenegger et al.) is built in
O(n log n) and answers in O(log n + hits). Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import ceil, sqrt
from typing import Generic, TypeVar

T = TypeVar("T")
Rect = tuple[float, float, float, float]  # left, top, right, bottom
FANOUT = 12


class RTree(Generic[T]):
    """Rectangles with a payload each; ``query`` returns the payloads whose rectangle
    touches the query rectangle (edges included), in a fixed order."""

    def __init__(self, items: Iterable[tuple[Rect, T]] = ()) -> None:
        level: list[tuple] = [(r[0], r[1], r[2], r[3], None, payload) for r, payload in items]
        self.size = len(level)
        while len(level) > FANOUT:
            level = _pack(level)
        self._root = _node(level) if level else None

    def __len__(self) -> int:
        return self.size

    def bounds(self) -> Rect | None:
        """The rectangle holding every item (None when empty)."""
        return None if self._root is None else tuple(self._root[:4])

    def query(self, left: float, top: float, right: float, bottom: float) -> list[T]:
        found: list[T] = []
        root = self._root
        if root is None or root[0] > right or root[2] < left or root[1] > bottom \
                or root[3] < top:
            return found
        # children are tested before they are stacked (a node has up to FANOUT of them,
        # most outside a small region); all leaves are at one depth, so a node's children
        # are all leaves (its flag is True) or all nodes, and the leaves that touch are
        # taken at once, last first: the order in which stacking them would pop them
        stack = [root]
        pop, push, append = stack.pop, stack.append, found.append
        while stack:
            _, _, _, _, children, leaves = pop()
            if leaves:
                for child in reversed(children):
                    if child[0] <= right and child[2] >= left and child[1] <= bottom \
                            and child[3] >= top:
                        append(child[5])
                continue
            for child in children:
                if child[0] <= right and child[2] >= left and child[1] <= bottom \
                        and child[3] >= top:
                    push(child)
        return found


def _node(children: list[tuple]) -> tuple:
    """A node over ``children``; its last field tells whether they are leaves (whose
    ``children`` field is None and last field their payload)."""
    return (min(c[0] for c in children), min(c[1] for c in children),
            max(c[2] for c in children), max(c[3] for c in children), children,
            children[0][4] is None)


def _pack(level: list[tuple]) -> list[tuple]:
    """One level up: sort by x into vertical slices, each slice by y into nodes."""
    nodes = ceil(len(level) / FANOUT)
    slices = ceil(sqrt(nodes))
    per_slice = slices * FANOUT
    ordered = sorted(level, key=lambda c: c[0] + c[2])
    parents = []
    for start in range(0, len(ordered), per_slice):
        column = sorted(ordered[start:start + per_slice], key=lambda c: c[1] + c[3])
        for i in range(0, len(column), FANOUT):
            parents.append(_node(column[i:i + FANOUT]))
    return parents
