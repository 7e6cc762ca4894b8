"""Finding a free spot for one new box among boxes that must not move.

A uniform grid of buckets answers "what is near this rectangle" in constant time, so
placing k new elements into a drawing of n costs about k times the size of the
neighbourhood searched, not k times n.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from functools import lru_cache

from archstudio.layout.geometry import GROUP_PADDING, GROUP_TITLE, Box, is_ancestor

CELL = 256.0
STEP = 20.0  # candidate spots lie on this grid around the ideal spot


class SpatialIndex:
    """Named boxes bucketed by a coarse grid; supports replacing a box as systems grow."""

    def __init__(self) -> None:
        self.boxes: dict[str, Box] = {}
        self._cells: dict[tuple[int, int], set[str]] = {}

    @staticmethod
    def _cells_of(box: Box) -> Iterator[tuple[int, int]]:
        for cx in range(math.floor(box.x / CELL), math.floor(box.right / CELL) + 1):
            for cy in range(math.floor(box.y / CELL), math.floor(box.bottom / CELL) + 1):
                yield cx, cy

    def put(self, name: str, box: Box) -> None:
        old = self.boxes.get(name)
        if old is not None:
            for cell in self._cells_of(old):
                self._cells[cell].discard(name)
        self.boxes[name] = box
        for cell in self._cells_of(box):
            self._cells.setdefault(cell, set()).add(name)

    def near(self, box: Box, margin: float) -> set[str]:
        grown = Box(box.x - margin, box.y - margin, box.width + 2 * margin,
                    box.height + 2 * margin)
        found: set[str] = set()
        for cell in self._cells_of(grown):
            found.update(self._cells.get(cell, ()))
        return found

    def collides(self, name: str, box: Box, margin: float) -> bool:
        """Whether ``box`` (for element ``name``) comes within ``margin`` of any box that
        is neither ``name`` itself, one of its systems, nor inside it."""
        for other in self.near(box, margin):
            if other == name or is_ancestor(other, name) or is_ancestor(name, other):
                continue
            if box.intersects(self.boxes[other], margin):
                return True
        return False


@lru_cache(maxsize=8)
def _offsets(radius_steps: int) -> tuple[tuple[int, int], ...]:
    """Grid offsets within a radius, nearest first (ties broken by angle: deterministic)."""
    cells = [
        (dx, dy)
        for dx in range(-radius_steps, radius_steps + 1)
        for dy in range(-radius_steps, radius_steps + 1)
        if dx * dx + dy * dy <= radius_steps * radius_steps
    ]
    return tuple(sorted(cells, key=lambda d: (d[0] * d[0] + d[1] * d[1], d[1], d[0])))


def search_spot(
    ideal: tuple[float, float],
    size: tuple[float, float],
    accept: Callable[[Box], float | None],
    radius_steps: int = 40,
    step: float = STEP,
) -> Box | None:
    """The best acceptable box near ``ideal`` (its top-left), or None.

    ``accept`` returns None for a spot that is not allowed, else an extra cost (0 for a
    spot that needs nothing to grow). Spots are tried nearest first; a cheaper spot may
    still win while the distance travelled is smaller than the best cost found so far.
    """
    spots = [(ideal[0] + dx * step, ideal[1] + dy * step) for dx, dy in _offsets(radius_steps)]
    return best_spot(spots, ideal, size, accept)


def edge_spots(
    index: SpatialIndex,
    ideal: tuple[float, float],
    size: tuple[float, float],
    gap: float,
    container: Box | None,
    reach: float = 700.0,
) -> list[tuple[float, float]]:
    """Top-left corners that sit flush beside nearby boxes (or inside a container's
    edges), nearest to ``ideal`` first: these find the holes a grid would step over."""
    width, height = size
    area = Box(ideal[0] - reach, ideal[1] - reach, 2 * reach + width, 2 * reach + height)
    xs: set[float] = {ideal[0]}
    ys: set[float] = {ideal[1]}
    pairs: set[tuple[float, float]] = set()
    for name in index.near(area, 0.0):
        box = index.boxes[name]
        bx = (box.right + gap, box.x - gap - width, box.x, box.right - width)
        by = (box.bottom + gap, box.y - gap - height, box.y, box.bottom - height)
        xs.update(bx)
        ys.update(by)
        pairs.update((x, y) for x in bx for y in by)
    if container is not None:
        inner_x = (container.x + GROUP_PADDING, container.right - GROUP_PADDING - width)
        inner_y = (container.y + GROUP_PADDING + GROUP_TITLE,
                   container.bottom - GROUP_PADDING - height)
        pairs.update((x, y) for x in inner_x for y in (*inner_y, ideal[1]))
        xs.update(inner_x)
        ys.update(inner_y)
    pairs.update((x, ideal[1]) for x in xs)
    pairs.update((ideal[0], y) for y in ys)
    return sorted(pairs, key=lambda p: (math.hypot(p[0] - ideal[0], p[1] - ideal[1]), p))


def best_spot(
    spots: list[tuple[float, float]],
    ideal: tuple[float, float],
    size: tuple[float, float],
    accept: Callable[[Box], float | None],
) -> Box | None:
    """The acceptable spot with the least distance plus cost, tried nearest first."""
    best: Box | None = None
    best_cost = math.inf
    for x, y in spots:
        distance = math.hypot(x - ideal[0], y - ideal[1])
        if distance >= best_cost:
            break
        box = Box(x, y, size[0], size[1])
        extra = accept(box)
        if extra is not None and distance + extra < best_cost:
            best, best_cost = box, distance + extra
    return best
