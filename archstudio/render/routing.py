"""Edge routing: where a relation's line runs and where it meets the shapes.

Pure geometry on tuples (no Qt) so it is cheap and easy to test. Two styles, chosen in
the settings: ``straight`` (centre to centre) and ``orthogonal`` (horizontal and vertical
segments). Both end exactly on the outline of each shape, not on its bounding box.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from archstudio.layout.geometry import Box
from archstudio.render.orthogonal import orthogonal, port_offsets

__all__ = ["STYLES", "BoxIndex", "clip", "parallel_shifts", "place_label", "port_offsets",
           "route"]

Point = tuple[float, float]
STYLES = ("orthogonal", "straight")
PARALLEL_GAP = 16.0


def _hit(p: Point, q: Point, a: Point, b: Point) -> float | None:
    """Parameter t along p→q where it crosses segment a-b, or None."""
    rx, ry = q[0] - p[0], q[1] - p[1]
    sx, sy = b[0] - a[0], b[1] - a[1]
    denominator = rx * sy - ry * sx
    if abs(denominator) < 1e-9:
        return None
    qpx, qpy = a[0] - p[0], a[1] - p[1]
    t = (qpx * sy - qpy * sx) / denominator
    u = (qpx * ry - qpy * rx) / denominator
    if 0.0 <= t <= 1.0 and 0.0 <= u <= 1.0:
        return t
    return None


def clip(inside: Point, outside: Point, outline: Sequence[Point], box: Box) -> Point:
    """Where the segment inside→outside leaves a shape (the crossing nearest outside)."""
    best = None
    ox, oy = box.x, box.y
    count = len(outline)
    for i in range(count):
        ax, ay = outline[i]
        bx, by = outline[(i + 1) % count]
        t = _hit(outside, inside, (ax + ox, ay + oy), (bx + ox, by + oy))
        if t is not None and (best is None or t < best):
            best = t
    if best is None:
        return inside
    return (outside[0] + (inside[0] - outside[0]) * best,
            outside[1] + (inside[1] - outside[1]) * best)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> tuple[float, float] | None:
    low, high = max(a0, b0), min(a1, b1)
    return (low, high) if high - low > 12.0 else None


def _orthogonal(s: Box, t: Box, shift: float) -> list[Point]:
    (scx, scy), (tcx, tcy) = s.center, t.center
    across = _overlap(s.x, s.right, t.x, t.right)
    if across is not None:  # one above the other: a single vertical segment
        x = min(max((across[0] + across[1]) / 2 + shift, across[0]), across[1])
        return [(x, scy), (x, tcy)]
    level = _overlap(s.y, s.bottom, t.y, t.bottom)
    if level is not None:  # side by side: a single horizontal segment
        y = min(max((level[0] + level[1]) / 2 + shift, level[0]), level[1])
        return [(scx, y), (tcx, y)]
    gap_x = max(t.x - s.right, s.x - t.right)
    gap_y = max(t.y - s.bottom, s.y - t.bottom)
    if gap_x >= gap_y:  # mostly horizontal: leave and arrive sideways, bend in the gap
        mid = ((s.right + t.x) / 2 if t.x > s.right else (t.right + s.x) / 2) + shift
        return [(scx, scy + shift), (mid, scy + shift), (mid, tcy + shift), (tcx, tcy + shift)]
    mid = ((s.bottom + t.y) / 2 if t.y > s.bottom else (t.bottom + s.y) / 2) + shift
    return [(scx + shift, scy), (scx + shift, mid), (tcx + shift, mid), (tcx + shift, tcy)]


def _straight(s: Box, t: Box, shift: float) -> list[Point]:
    (sx, sy), (tx, ty) = s.center, t.center
    dx, dy = tx - sx, ty - sy
    if dx < 0 or (dx == 0 and dy < 0):  # the same side for A→B and B→A, like orthogonal
        dx, dy = -dx, -dy
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    nx, ny = -dy / length * shift, dx / length * shift
    return [(sx + nx, sy + ny), (tx + nx, ty + ny)]


def _loop(box: Box) -> list[Point]:
    """A relation from an element to itself: a small loop over its top-right corner."""
    x, y = box.right - min(30.0, box.width / 3), box.y
    return [(x, y), (x, y - 24), (box.right + 24, y - 24), (box.right + 24, box.y + 20),
            (box.right, box.y + 20)]


def route(
    source: Box,
    target: Box,
    source_outline: Sequence[Point],
    target_outline: Sequence[Point],
    style: str = "orthogonal",
    shift: float = 0.0,
    obstacles: BoxIndex | None = None,
    ports: tuple[float, float] | None = None,
) -> list[Point]:
    """The polyline of a relation, first point on the source outline, last on the target's.

    Orthogonal routes go around the shapes in ``obstacles`` where they can, and meet their
    ends at ``ports`` (offsets along the sides, see :func:`port_offsets`); without ports
    they keep the older ``shift`` for parallel relations.
    """
    if source == target:
        return _loop(source)
    if source.contains_box(target) or target.contains_box(source):
        style = "straight"  # into or out of an enclosing system: the shortest way out
    points = None
    if style == "orthogonal" and (obstacles is not None or ports is not None):
        points = orthogonal(source, target, obstacles, ports or (0.0, 0.0))
    if points is None:
        points = (_orthogonal if style == "orthogonal" else _straight)(source, target, shift)
    points[0] = clip(points[0], points[1], source_outline, source)
    points[-1] = clip(points[-1], points[-2], target_outline, target)
    return points


def parallel_shifts(pairs: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """Spread relations between the same two elements (either direction) apart.

    ``pairs`` holds (key, source, target); returns each key's sideways offset.
    """
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, source, target in pairs:
        groups[(min(source, target), max(source, target))].append(key)
    shifts: dict[str, float] = {}
    for members in groups.values():
        middle = (len(members) - 1) / 2
        for rank, key in enumerate(members):
            shifts[key] = (rank - middle) * PARALLEL_GAP
    return shifts


def point_at(points: Sequence[Point], fraction: float) -> tuple[Point, bool]:
    """The point a fraction of the way along a polyline, and whether that leg is vertical."""
    legs = [(a, b, ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5)
            for a, b in zip(points, points[1:], strict=False)]
    goal = sum(length for _, _, length in legs) * fraction
    for a, b, length in legs:
        if goal <= length and length > 0:
            f = goal / length
            return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f), abs(
                b[0] - a[0]) < abs(b[1] - a[1])
        goal -= length
    return points[-1], False


class BoxIndex:
    """A coarse spatial hash of boxes, so label placement asks only about its neighbours."""

    CELL = 200.0

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        # each cell holds (left, top, right, bottom, box): plain floats keep the tests cheap
        self._cells: dict[tuple[int, int], list[tuple[float, float, float, float, Box]]] = (
            defaultdict(list))
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        cell = self.CELL
        for cx in range(int(box.x // cell), int(box.right // cell) + 1):
            for cy in range(int(box.y // cell), int(box.bottom // cell) + 1):
                yield cx, cy

    def add(self, box: Box) -> None:
        entry = (box.x, box.y, box.right, box.bottom, box)
        for key in self._keys(box):
            self._cells[key].append(entry)

    def remove(self, box: Box) -> None:
        """Forget one box (an equal one added earlier), so a move updates in place."""
        for key in self._keys(box):
            cell = self._cells.get(key)
            if cell:
                for i, entry in enumerate(cell):
                    if entry[4] == box:
                        del cell[i]
                        break

    def count_crossed(self, points: Sequence[Point], skip: Sequence[Box], limit: int,
                      seen: dict[Box, None]) -> int:
        """How many boxes (other than those in ``skip``) an orthogonal polyline runs
        through, counting no further than ``limit``; each one met is noted in ``seen``.
        Touching an edge does not count. Written flat: routing asks this a lot."""
        cell, cells = self.CELL, self._cells
        ends = [(b.x, b.y, b.right, b.bottom) for b in skip]
        hit: set[int] = set()
        for i in range(len(points) - 1):
            (ax, ay), (bx, by) = points[i], points[i + 1]
            x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
            y0, y1 = (ay, by) if ay <= by else (by, ay)
            for cx in range(int(x0 // cell), int(x1 // cell) + 1):
                for cy in range(int(y0 // cell), int(y1 // cell) + 1):
                    for entry in cells.get((cx, cy), ()):
                        left, top, right, bottom, box = entry
                        if (x0 < right - 1 and x1 > left + 1 and y0 < bottom - 1
                                and y1 > top + 1 and id(box) not in hit
                                and (left, top, right, bottom) not in ends):
                            hit.add(id(box))
                            seen[box] = None
                            if len(hit) >= limit:
                                return limit
        return len(hit)

    def hits(self, box: Box) -> bool:
        x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
        for key in self._keys(box):
            for left, top, right, bottom, _ in self._cells.get(key, ()):
                if x0 < right and x1 > left and y0 < bottom and y1 > top:
                    return True
        return False


LABEL_SPOTS = (0.5, 0.38, 0.62, 0.27, 0.73, 0.18, 0.82)


def place_label(points: Sequence[Point], width: float, height: float,
                obstacles: BoxIndex) -> Box:
    """A spot for a relation's label on its line, off every shape if there is one."""
    first = None
    for fraction in LABEL_SPOTS:
        (x, y), vertical = point_at(points, fraction)
        candidates = [Box(x - width / 2, y - height / 2, width, height)]
        if vertical:  # beside a vertical leg reads better than across it
            candidates.append(Box(x + 6, y - height / 2, width, height))
        else:
            candidates.append(Box(x - width / 2, y - height - 4, width, height))
        for box in candidates:
            first = first or box
            if not obstacles.hits(box):
                return box
    return first
