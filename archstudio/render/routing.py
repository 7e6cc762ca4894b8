"""Simple routes of one relation on its own, and clipping a line to a shape's outline.

Two styles, chosen in the settings: ``straight`` (centre to centre) and ``orthogonal``.
The orthogonal drawing of a whole diagram (around every shape, spread apart, labels
placed) is :class:`archstudio.render.drawing.Drawing`; :func:`route` is its straight
style and the plain L/Z shape of a single pair. Pure geometry on tuples, no Qt. Every
route ends exactly on the outline of each shape, not on its bounding box.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from archstudio.layout.geometry import Box

__all__ = ["STYLES", "clip", "parallel_shifts", "route"]

Point = tuple[float, float]
STYLES = ("orthogonal", "straight")
PARALLEL_GAP = 16.0


def clip(inside: Point, outside: Point, outline: Sequence[Point], box: Box) -> Point:
    """Where the segment inside→outside leaves a shape (the crossing nearest outside):
    the parameter along outside→inside of its crossing with each edge of the outline,
    the least one. Written out in one loop (no call per edge): every line end of a
    drawing is clipped, against outlines of up to a few dozen edges."""
    best = None
    ox, oy = box.x, box.y
    px, py = outside
    rx, ry = inside[0] - px, inside[1] - py
    count = len(outline)
    for i in range(count):
        ax, ay = outline[i]
        bx, by = outline[(i + 1) % count]
        ax, ay, bx, by = ax + ox, ay + oy, bx + ox, by + oy
        sx, sy = bx - ax, by - ay
        denominator = rx * sy - ry * sx
        if abs(denominator) < 1e-9:
            continue
        qpx, qpy = ax - px, ay - py
        t = (qpx * sy - qpy * sx) / denominator
        u = (qpx * ry - qpy * rx) / denominator
        if 0.0 <= t <= 1.0 and 0.0 <= u <= 1.0 and (best is None or t < best):
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
) -> list[Point]:
    """The polyline of one relation on its own (no obstacles), first point on the source
    outline, last on the target's; ``shift`` moves it sideways (parallel relations)."""
    if source == target:
        return _loop(source)
    if source.contains_box(target) or target.contains_box(source):
        style = "straight"  # into or out of an enclosing system: the shortest way out
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
