"""Relation labels as objects: each sits beside its own line, on no shape, no system title,
no other label and no other relation's line.

Candidates run along every segment of the label's route, on both sides, the middle of a
long inner segment first (the segments into the arrowheads last). The first candidate
that is free wins; labels are placed one after another, those with the fewest free
candidates first, so a crowded label gets the spot it needs before a relaxed one takes
it. When no spot is free the one with the fewest conflicts is taken and the relation is
reported (``crowded``), so a benchmark can count it. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from archstudio.layout.geometry import Box
from archstudio.render.scope import Rect, Scope
from archstudio.render.spatial import RTree

Point = tuple[float, float]
GAP = 5.0  # between a line and the label beside it (an arrowhead's barb is 4.5)
END_ROOM = 16.0  # a label keeps off the last stretch before an arrowhead
FRACTIONS = (0.5, 0.35, 0.65, 0.2, 0.8, 0.08, 0.92)
ON_LINE = 1.5  # preference cost of a label centred on its own line over one beside it
LABEL_CELL = 256.0
PIECES = 32


def _candidates(points: list[Point], width: float, height: float
                ) -> list[tuple[float, float, float]]:
    """(preference, left, top) of each place for a ``width`` × ``height`` label: lower
    preference is better (plain tuples: thousands are made for every big drawing, and
    only the chosen one becomes a :class:`Box`)."""
    out: list[tuple[float, float, float]] = []
    last = len(points) - 2
    for i in range(len(points) - 1):
        (ax, ay), (bx, by) = points[i], points[i + 1]
        length = abs(bx - ax) + abs(by - ay)
        if length <= 0:
            continue
        vertical = ax == bx
        outer = i == 0 or i == last
        base = -min(length, 400.0) / 200.0 + (0.6 if outer else 0.0)
        for f in FRACTIONS:
            x, y = ax + (bx - ax) * f, ay + (by - ay) * f
            half = (height if vertical else width) / 2
            to_head = abs(bx - x) + abs(by - y) if i == last else float("inf")
            score = base + abs(f - 0.5)
            if to_head >= half + 2:  # beside the line, clear of the arrowhead's barbs
                if vertical:
                    out.append((score, x + GAP, y - height / 2))
                    out.append((score + 0.05, x - GAP - width, y - height / 2))
                else:
                    out.append((score, x - width / 2, y - GAP - height))
                    out.append((score + 0.05, x - width / 2, y + GAP))
            if to_head >= half + END_ROOM:  # on its own line, when both sides are taken
                out.append((score + ON_LINE, x - width / 2, y - height / 2))
    out.sort()
    return out


class _Placed:
    """Labels placed so far, hashed by cell (a label is small, so it spans few cells)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float, int]]] = \
            defaultdict(list)
        self.count = 0

    def _keys(self, rect: Rect):
        c = LABEL_CELL
        x0, x1 = int(rect[0] // c), int(rect[2] // c)
        y0, y1 = int(rect[1] // c), int(rect[3] // c)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 64:  # an absurdly large label: one bucket
            return [(x0, y0)]
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def add(self, rect: Rect) -> None:
        self.count += 1
        entry = (*rect, self.count)
        for key in self._keys(rect):
            self.cells[key].append(entry)

    def hits(self, rect: Rect) -> int:
        found = set()
        x0, y0, x1, y1 = rect
        for key in self._keys(rect):
            for other in self.cells.get(key, ()):
                # as Box.intersects with a margin of -0.5: touching is not a hit
                if not (x1 - 0.5 <= other[0] or other[2] - 0.5 <= x0
                        or y1 - 0.5 <= other[1] or other[3] - 0.5 <= y0):
                    found.add(other)
        return len(found)


def _crosses_lines(rect: Rect, key: str, lines) -> int:
    """How many other relations' lines run under the box (each relation counted once)."""
    found = set()
    x0, y0, x1, y1 = rect
    for other, (sx0, sy0, sx1, sy1) in lines.query(x0, y0, x1, y1):
        if other != key and sx0 < x1 and sx1 > x0 and sy0 < y1 and sy1 > y0:
            found.add(other)
    return len(found)


def _on_shapes(rect: Rect, scope: Scope) -> int:
    x0, y0, x1, y1 = rect
    count = sum(1 for rx0, ry0, rx1, ry1 in scope.obstacles(x0, y0, x1, y1)
                if rx0 < x1 and rx1 > x0 and ry0 < y1 and ry1 > y0)
    frame = scope.frame
    if frame is not None and not (frame[0] <= x0 and x1 <= frame[2] and frame[1] <= y0
                                  and y1 <= frame[3]):
        count += 1
    return count


def line_index(routes: Mapping[str, list[Point]]) -> RTree[tuple[str, Rect]]:
    """Every segment of every route, long ones cut into at most ``PIECES`` pieces so that
    the tree's nodes stay local (a segment across the diagram would widen every node it
    lands in); the piece length follows the drawing's extent, never a fixed unit."""
    segments = []
    for key, points in routes.items():
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            segments.append((key, (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))))
    if not segments:
        return RTree()
    extent = max(max(r[2] - r[0], r[3] - r[1]) for _, r in segments)
    piece = max(extent / PIECES, 200.0)
    items = []
    for key, (x0, y0, x1, y1) in segments:
        length = max(x1 - x0, y1 - y0)
        count = max(1, min(PIECES, int(length // piece) + 1))
        for n in range(count):
            if x1 - x0 >= y1 - y0:
                part = (x0 + (x1 - x0) * n / count, y0, x0 + (x1 - x0) * (n + 1) / count, y1)
            else:
                part = (x0, y0 + (y1 - y0) * n / count, x1, y0 + (y1 - y0) * (n + 1) / count)
            items.append((part, (key, part)))
    return RTree(items)


def place_labels(routes: Mapping[str, list[Point]], sizes: Mapping[str, tuple[float, float]],
                 scopes: Mapping[str, Scope], keep: Mapping[str, Box] | None = None,
                 lines=None) -> tuple[dict[str, Box], list[str]]:
    """A box for every label in ``sizes`` (keyed like ``routes``) and the relations whose
    label found no free spot. ``keep``: labels already placed that stay where they are.
    ``lines``: an index of the routes' segments whose ``query(left, top, right, bottom)``
    gives (key, rectangle) pairs, when the caller keeps one (else one is built)."""
    if lines is None:
        lines = line_index(routes)
    placed = _Placed()
    boxes: dict[str, Box] = {}
    for key, box in (keep or {}).items():
        boxes[key] = box
        placed.add((box.x, box.y, box.right, box.bottom))
    pending = [k for k in sizes if k not in boxes and k in routes]
    options: dict[str, list[Rect]] = {}
    static: dict[str, list[int | None]] = {}
    free_count: dict[str, int] = {}
    for key in pending:
        width, height = sizes[key]
        options[key] = [(x, y, x + width, y + height)
                        for _, x, y in _candidates(routes[key], width, height)]
        static[key] = [None] * len(options[key])
        # how many of the first few candidates are free of shapes and lines: the most
        # constrained labels choose first
        free = 0
        for n in range(min(len(options[key]), 6)):
            free += _static(key, n, options, static, scopes, lines) == 0
        free_count[key] = free
    pending.sort(key=lambda k: (free_count[k], k))
    crowded: list[str] = []
    for key in pending:
        best: tuple[int, int] | None = None
        chosen: Rect | None = None
        for n, rect in enumerate(options[key]):
            conflicts = _static(key, n, options, static, scopes, lines)
            if best is not None and conflicts >= best[0]:
                continue
            conflicts += placed.hits(rect)
            if best is None or conflicts < best[0]:
                best, chosen = (conflicts, n), rect
                if conflicts == 0:
                    break
        width, height = sizes[key]
        if chosen is None:  # a route too short for any candidate: centre it
            (ax, ay), (bx, by) = routes[key][0], routes[key][-1]
            x, y = (ax + bx - width) / 2, (ay + by - height) / 2
            chosen = (x, y, x + width, y + height)
            best = (1, 0)
        if best[0] > 0:
            crowded.append(key)
        boxes[key] = Box(chosen[0], chosen[1], width, height)
        placed.add(chosen)
    return boxes, sorted(crowded)


def _static(key: str, n: int, options, static, scopes, lines) -> int:
    value = static[key][n]
    if value is None:
        rect = options[key][n]
        value = 3 * _on_shapes(rect, scopes[key]) + _crosses_lines(rect, key, lines)
        static[key][n] = value
    return value
