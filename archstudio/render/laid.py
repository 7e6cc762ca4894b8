"""The lines routed so far, so that the search can count what a step of a new line crosses.

Routing each relation alone, by length and bends only, lets a line cut across a bundle of
others when a small detour would cross none (libavoid has a crossing penalty for the same
reason). :class:`Laid` keeps the orthogonal segments already routed in buckets along each
axis; for one search it answers, per row (column) of the search grid, where the lines
across that row lie, so a step's crossings are two bisections. Pure geometry, no Qt.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

Point = tuple[float, float]
CELL = 256.0


class Laid:
    """Orthogonal segments of the lines routed so far, bucketed by position."""

    def __init__(self) -> None:
        # vertical segments (x, y0, y1) by the x bucket; horizontal (y, x0, x1) by y bucket
        self.vertical: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
        self.horizontal: dict[int, list[tuple[float, float, float]]] = defaultdict(list)

    def add(self, points: list[Point]) -> None:
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            if ax == bx and ay != by:
                self.vertical[int(ax // CELL)].append((ax, min(ay, by), max(ay, by)))
            elif ay == by and ax != bx:
                self.horizontal[int(ay // CELL)].append((ay, min(ax, bx), max(ax, bx)))

    def _within(self, buckets, low: float, high: float):
        for bucket in range(int(low // CELL), int(high // CELL) + 1):
            for segment in buckets.get(bucket, ()):
                if low <= segment[0] <= high:
                    yield segment

    def across(self, xs: list[float], ys: list[float]) -> tuple[list[list[float]],
                                                                list[list[float]]]:
        """For the grid lines ``xs`` and ``ys`` (sorted): per row, the sorted x of the
        vertical segments that cross it; per column, the sorted y of the horizontal ones."""
        rows: list[list[float]] = [[] for _ in ys]
        columns: list[list[float]] = [[] for _ in xs]
        if not xs or not ys:
            return rows, columns
        for x, y0, y1 in self._within(self.vertical, xs[0], xs[-1]):
            for j in range(bisect_right(ys, y0), bisect_left(ys, y1)):
                rows[j].append(x)
        for y, x0, x1 in self._within(self.horizontal, ys[0], ys[-1]):
            for i in range(bisect_right(xs, x0), bisect_left(xs, x1)):
                columns[i].append(y)
        for line in rows:
            line.sort()
        for line in columns:
            line.sort()
        return rows, columns

    def crossings(self, points: list[Point]) -> int:
        """How many of the laid segments the polyline crosses."""
        count = 0
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            if ay == by and ax != bx:
                x0, x1 = min(ax, bx), max(ax, bx)
                count += sum(1 for x, y0, y1 in self._within(self.vertical, x0, x1)
                             if x0 < x < x1 and y0 < ay < y1)
            elif ax == bx and ay != by:
                y0, y1 = min(ay, by), max(ay, by)
                count += sum(1 for y, x0, x1 in self._within(self.horizontal, y0, y1)
                             if y0 < y < y1 and x0 < ax < x1)
        return count


def between(line: list[float], low: float, high: float) -> int:
    """How many values of the sorted ``line`` lie in [low, high)."""
    if not line:
        return 0
    return bisect_left(line, high) - bisect_left(line, low)
