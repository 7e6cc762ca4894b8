"""Orthogonal routes that go around other shapes, and ports spread along a shape's sides.

A relation drawn through a third shape, or sharing its last segment with another relation,
tells the reader something false ("A → C" where only "A → B" exists). So the router tries a
small, fixed set of candidates (a straight line, the two L shapes, Z shapes bending in the
gap between the ends or beside a shape in the way, U shapes around both ends) and keeps the
one crossing the fewest shapes, then with the fewest bends, then the shortest. Candidates are
tried cheapest first and the first clear one wins, so a relation with nothing in its way
costs about what it did before obstacles were considered. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING

from archstudio.layout.geometry import Box

if TYPE_CHECKING:
    from archstudio.render.routing import BoxIndex

Point = tuple[float, float]
PORT_GAP = 16.0  # between neighbouring ports on one side
CHANNEL = 18.0  # how far a bend stays from a shape it goes around
EDGE = 10.0  # a port or a straight line keeps this far from a corner
BLOCKERS = 3  # shapes in the way whose sides are tried as channels
ENOUGH = 3  # crossing this many shapes is as bad as crossing more: stop counting there


def _bends(points: list[Point]) -> int:
    return len(points) - 2


def _length(points: list[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in pairwise(points))


def _outside(value: float, box_low: float, box_high: float) -> bool:
    return value < box_low - EDGE or value > box_high + EDGE


class _Judge:
    """Counts the foreign shapes a candidate crosses, and remembers which, for channels."""

    def __init__(self, obstacles: BoxIndex | None, ends: tuple[Box, Box]) -> None:
        self.obstacles = obstacles
        self.ends = ends
        self.seen: dict[Box, None] = {}  # shapes in the way of some candidate, in order

    def crossed(self, points: list[Point], limit: int) -> int:
        if self.obstacles is None:
            return 0
        return self.obstacles.count_crossed(points, self.ends, limit, self.seen)


def _straight(s: Box, t: Box, ys: float, yt: float, xs: float, xt: float) -> list[list[Point]]:
    (scx, scy), (tcx, tcy) = s.center, t.center
    out = []
    low, high = max(s.y, t.y) + EDGE, min(s.bottom, t.bottom) - EDGE
    if low <= high and (t.x >= s.right or s.x >= t.right):  # side by side
        for y in (yt, ys, (low + high) / 2):
            if low <= y <= high:
                out.append([(scx, y), (tcx, y)])
    low, high = max(s.x, t.x) + EDGE, min(s.right, t.right) - EDGE
    if low <= high and (t.y >= s.bottom or s.y >= t.bottom):  # one above the other
        for x in (xt, xs, (low + high) / 2):
            if low <= x <= high:
                out.append([(x, scy), (x, tcy)])
    return out


def _between(low_box_high: float, high_box_low: float, nudge: float) -> list[float]:
    """The middle of the gap between two ranges (nudged by the port), if there is a gap."""
    if high_box_low - low_box_high <= 2 * EDGE:
        return []
    middle = (low_box_high + high_box_low) / 2
    return [min(max(middle + nudge, low_box_high + EDGE), high_box_low - EDGE)]


def _gaps(s_low: float, s_high: float, t_low: float, t_high: float, nudge: float) -> list[float]:
    return (_between(s_high, t_low, nudge) if t_low >= s_high
            else _between(t_high, s_low, nudge))


def _candidates(s: Box, t: Box, ports: tuple[float, float],
                channels_x: Iterable[float], channels_y: Iterable[float]) -> list[list[Point]]:
    (scx, scy), (tcx, tcy) = s.center, t.center
    ys, yt = _along(scy, s.height, ports[0]), _along(tcy, t.height, ports[1])
    xs, xt = _along(scx, s.width, ports[0]), _along(tcx, t.width, ports[1])
    out = _straight(s, t, ys, yt, xs, xt)
    if _outside(xt, s.x, s.right) and _outside(ys, t.y, t.bottom):  # sideways, then down/up
        out.append([(scx, ys), (xt, ys), (xt, tcy)])
    if _outside(xs, t.x, t.right) and _outside(yt, s.y, s.bottom):  # down/up, then sideways
        out.append([(xs, scy), (xs, yt), (tcx, yt)])
    for x in channels_x:
        if _outside(x, s.x, s.right) and _outside(x, t.x, t.right):
            if ys != yt:
                out.append([(scx, ys), (x, ys), (x, yt), (tcx, yt)])
    for y in channels_y:
        if _outside(y, s.y, s.bottom) and _outside(y, t.y, t.bottom):
            if xs != xt:
                out.append([(xs, scy), (xs, y), (xt, y), (xt, tcy)])
    return out


def _along(centre: float, side: float, offset: float) -> float:
    """A port ``offset`` from the middle of a side, kept off the corners."""
    room = max(side / 2 - EDGE, 0.0)
    return centre + min(max(offset, -room), room)


def _ranked(candidates: list[list[Point]]) -> list[list[Point]]:
    return sorted(candidates, key=lambda p: (_bends(p), _length(p)))


def orthogonal(s: Box, t: Box, obstacles: BoxIndex | None,
               ports: tuple[float, float] = (0.0, 0.0)) -> list[Point] | None:
    """The best route from the middle of ``s`` to the middle of ``t`` (before clipping to the
    outlines), or None when the two overlap so that no candidate applies."""
    nudge = ports[1]
    first_x = _gaps(s.x, s.right, t.x, t.right, nudge)
    first_y = _gaps(s.y, s.bottom, t.y, t.bottom, nudge)
    around_x = [min(s.x, t.x) - 2 * CHANNEL, max(s.right, t.right) + 2 * CHANNEL]
    around_y = [min(s.y, t.y) - 2 * CHANNEL, max(s.bottom, t.bottom) + 2 * CHANNEL]
    judge = _Judge(obstacles, (s, t))
    best: tuple[int, int, float] | None = None
    chosen: list[Point] | None = None
    tried: set[tuple[Point, ...]] = set()
    rounds = ((first_x, first_y), (around_x, around_y), None)
    for channels in rounds:
        if channels is None:  # channels beside the shapes met so far, unless hopeless
            if best is not None and best[0] >= ENOUGH:
                break
            blockers = list(judge.seen)[:BLOCKERS]
            channels = ([x for b in blockers for x in (b.x - CHANNEL, b.right + CHANNEL)],
                        [y for b in blockers for y in (b.y - CHANNEL, b.bottom + CHANNEL)])
        candidates = _candidates(s, t, ports, *channels)
        for points in _ranked(candidates):
            key = tuple(points)
            if key in tried:
                continue
            tried.add(key)
            limit = best[0] if best is not None else ENOUGH
            score = (judge.crossed(points, limit), _bends(points), _length(points))
            if score[0] == 0:  # ranked, so no clear candidate after it is better
                return points
            if best is None or score < best:
                best, chosen = score, points
    return chosen


def _sides(s: Box, t: Box) -> tuple[str, str]:
    """Which side a relation most likely leaves ``s`` and enters ``t`` by (for ports)."""
    (scx, scy), (tcx, tcy) = s.center, t.center
    gap_x = max(t.x - s.right, s.x - t.right)
    gap_y = max(t.y - s.bottom, s.y - t.bottom)
    if gap_x >= gap_y:
        return ("R", "L") if tcx >= scx else ("L", "R")
    return ("B", "T") if tcy >= scy else ("T", "B")


def port_offsets(ends: Iterable[tuple[str, str, str]],
                 boxes: Mapping[str, Box]) -> dict[str, tuple[float, float]]:
    """Spread the relations meeting one side of a shape along it, ordered by where their
    other end lies, so no two share the segment into an arrowhead and they do not cross.

    ``ends`` holds (key, source, target); returns each key's (source, target) offsets from
    the middle of the side.
    """
    groups: dict[tuple[str, str], list[tuple[float, str, int]]] = defaultdict(list)
    for key, source, target in ends:
        s, t = boxes[source], boxes[target]
        if source == target or s.contains_box(t) or t.contains_box(s):
            continue
        side_s, side_t = _sides(s, t)
        (scx, scy), (tcx, tcy) = s.center, t.center
        groups[(source, side_s)].append((tcy if side_s in "LR" else tcx, key, 0))
        groups[(target, side_t)].append((scy if side_t in "LR" else scx, key, 1))
    offsets: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (qname, side), members in groups.items():
        if len(members) < 2:
            continue
        members.sort()
        box = boxes[qname]
        length = box.height if side in "LR" else box.width
        gap = min(PORT_GAP, max(length - 2 * EDGE, 0.0) / len(members))
        middle = (len(members) - 1) / 2
        for rank, (_, key, end) in enumerate(members):
            offsets[key][end] = (rank - middle) * gap
    return {key: (pair[0], pair[1]) for key, pair in offsets.items()}
