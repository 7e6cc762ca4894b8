"""Room for a crowded label: other relations' lines moved out from under it.

A label with no free spot along its line (:mod:`labels`) often has only a line or two of
other relations crossing the spot it needs, in a channel that has room to spare. Such a
line is moved across, just past the label's edge, the way nudging moves it: an inner
segment within the room nudging would give it (clear of shapes, inside its frame, never
past the far ends of its neighbouring segments), an end segment by sliding its port along
a rectangle's side. A moved line runs under no other label, keeps its own label beside
it and adds at most one crossing; where another line already runs at its new place, that
one is pushed further out first (a bundle shifts as a whole). All lines under the label
move, or none does. The moves tried are bounded per spot and per drawing. Pure geometry,
no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from archstudio.layout.geometry import Box
from archstudio.render.incremental import LineIndex, segment_rects
from archstudio.render.nudge import (
    SEPARATION,
    _Lines,
    _reverses,
    _room,
    _Segment,
    _segments,
    moved_clear,
)
from archstudio.render.ports import EDGE as PORT_EDGE
from archstudio.render.scope import Rect, Scope
from archstudio.render.spatial import RTree

Point = tuple[float, float]
PAST = 3.0  # how far past the label's edge a moved line runs
TRIES = 8  # places tried on either side, a channel's spacing apart
BESIDE = 8.0  # a label this close to a segment belongs to it (labels.GAP and a little)
ROUNDS = 3  # passes over the lines still under a label (a line may cross it twice)
PUSH = 6  # lines of a bundle a moved line may push further out, one after another
EFFORT_BASE, EFFORT_PER_LINE = 1_000, 4  # moves a drawing's crowded labels may try
PER_SPOT = 60  # moves tried to clear one spot
MORE_CROSSINGS = 1  # crossings a moved line may add
PORT_GAP = 16.0  # a port slid along its side keeps this far from the other ports there


def _enters(a: Point, b: Point, box: Box, pad: float = 0.0) -> bool:
    x0, x1 = min(a[0], b[0]), max(a[0], b[0])
    y0, y1 = min(a[1], b[1]), max(a[1], b[1])
    return (x0 < box.right + pad and x1 > box.x - pad and y0 < box.bottom + pad
            and y1 > box.y - pad)


class LineMover:
    """The lines of one drawing, ready to be moved out from under labels."""

    def __init__(self, routes: dict[str, list[Point]], scopes: Mapping[str, Scope],
                 labels: Mapping[str, Box], labels_near: Callable[[Rect], Iterable[str]],
                 lines: RTree[tuple[str, Rect]]) -> None:
        self.routes, self.scopes, self.labels = routes, scopes, labels
        self.labels_near = labels_near  # the labels touching a region, as placed now
        keys = sorted(routes)
        self.lines = _Lines(_segments(routes, keys))
        self.index = lines  # the pieces of every line as placed (labels.line_index)
        self.moved: set[str] = set()
        # moves tried in all (pushes included): the pass costs at most this, linear in
        # the drawing's size
        self.effort = EFFORT_BASE + EFFORT_PER_LINE * len(routes)
        self.extents: dict[str, Rect] = {}  # where the lines moved so far are now
        self.now = LineIndex()  # their segments where they are now
        self.allowance = PER_SPOT  # moves left for the spot being cleared
        self.rooms: dict[tuple, tuple[float, float]] = {}  # _room of a segment where it is

    def under(self, box: Box, owner: str) -> list[tuple[str, int]]:
        """(relation, segment index) of every other line running under ``box``."""
        x0, y0, x1, y1 = box.x - 1, box.y - 1, box.right + 1, box.bottom + 1
        keys = {key for key, (a, b, c, d) in self.index.query(x0, y0, x1, y1)
                if a < x1 and c > x0 and b < y1 and d > y0}
        extents = self.extents  # the moved lines where they are now: only those reaching
        # the box are walked (every moved line walked per call grew with the moves made)
        keys.update(key for key in self.moved if (e := extents[key])[0] < x1
                    and e[2] > x0 and e[1] < y1 and e[3] > y0)
        found = []
        for key in sorted(keys - {owner}):
            points = self.routes[key]
            for i in range(len(points) - 1):
                if points[i] != points[i + 1] and _enters(points[i], points[i + 1], box, 1.0):
                    found.append((key, i))
        return found

    def clear(self, box: Box, owner: str) -> bool:
        """Move every other line out from under ``box`` (True), or leave all as they were.
        A line whose new place another line already takes pushes that one further out,
        a channel's spacing on (a bundle beside the label shifts as a whole)."""
        under = self.under(box, owner)
        if not under:
            return True
        saved: dict[str, list[Point]] = {}
        self.allowance = PER_SPOT
        for _ in range(ROUNDS):  # a line with two segments under the label: one at a time
            done = set()
            for key, i in under:
                if key in done:
                    continue
                if len(self.routes[key]) < 3 or not self._move_out(key, i, box, saved):
                    break
                done.add(key)
            else:
                under = self.under(box, owner)
                if not under:
                    self.moved |= set(saved)
                    return True
                continue
            break
        for key, points in saved.items():  # undo
            self._restore(key, points)
        return False

    def _restore(self, key: str, points: list[Point]) -> None:
        self.routes[key][:] = points
        self._moved_to(key, points)
        for n in range(len(points) - 1):
            entry = self.lines.by_place.get((key, n))
            if entry is not None:
                self.lines.move(entry, points[n][0 if entry.vertical else 1])
                _refresh(entry, points)

    def _move_out(self, key: str, i: int, box: Box, saved: dict[str, list[Point]]) -> bool:
        points = self.routes[key]
        seg = _Segment(key, i, points[i], points[i + 1], True)
        low, high = (box.x, box.right) if seg.vertical else (box.y, box.bottom)
        goals = [(g, sign) for k in range(TRIES) for g, sign in (
            (low - PAST - k * SEPARATION, -1), (high + PAST + k * SEPARATION, 1))]
        for goal, sign in sorted(goals, key=lambda g: abs(g[0] - seg.coord)):
            if self._shift(key, i, goal, sign, PUSH, saved):
                return True
        return False

    def _shift(self, key: str, i: int, goal: float, sign: int, depth: int,
               saved: dict[str, list[Point]]) -> bool:
        """Move segment ``i`` of ``key`` across to ``goal`` (an end segment slides its
        port along its side); the parallel segments of other lines already there are
        pushed a channel's spacing (a port ``PORT_GAP``) further in direction ``sign``
        first, ``depth`` more at most. On failure the lines this call pushed go back;
        ``saved`` holds every route as it was before the spot's first move."""
        points = self.routes[key]
        last = len(points) - 2
        if last < 1 or self.effort <= 0 or self.allowance <= 0:
            return False
        self.effort -= 1
        self.allowance -= 1
        a, b = points[i], points[i + 1]
        seg = _Segment(key, i, a, b, True)
        if 0 < i < last:  # the room depends on the segment and its two neighbours only;
            # the goals tried for one segment (and pushes back and forth) ask it again
            tag = (key, i, *points[i - 1:i + 3])
            room = self.rooms.get(tag)
            if room is None:
                room = self.rooms[tag] = _room(seg, points, self.scopes[key])
            lo, hi = room
        else:  # an end segment: its port slides along its side
            lo, hi = self._side_room(key, i, seg)
        if not lo <= goal <= hi:
            return False
        moved = list(points)
        if seg.vertical:
            moved[i], moved[i + 1] = (goal, a[1]), (goal, b[1])
        else:
            moved[i], moved[i + 1] = (a[0], goal), (b[0], goal)
        if _reverses(points, moved, i):
            return False
        if not moved_clear(moved, i, self.scopes[key]):
            return False
        if not self._free(key, i, moved, self.labels.get(key), points):
            return False
        if self._more_crossings(key, points, moved, i) > MORE_CROSSINGS:
            return False  # a line out from under a label is worth one crossing, not more
        probe = _Segment(key, i, moved[i], moved[i + 1], False)
        in_way = self._taken_by(probe, PORT_GAP if i in (0, last) else SEPARATION / 2)
        if in_way and depth <= 0:
            return False
        before = {k: list(self.routes[k]) for k, _ in in_way}
        for other, n in in_way:
            saved.setdefault(other, list(self.routes[other]))
            step = PORT_GAP if n in (0, len(self.routes[other]) - 2) else SEPARATION
            if not self._shift(other, n, goal + sign * step, sign, depth - 1, saved):
                for k, old in before.items():  # those pushed so far go back
                    self._restore(k, old)
                return False
        saved.setdefault(key, list(points))
        for n in (i - 1, i, i + 1):
            entry = self.lines.by_place.get((key, n))
            if entry is not None:
                axis = 0 if entry.vertical else 1
                self.lines.move(entry, moved[n][axis])
                _refresh(entry, moved)
        points[:] = moved
        self._moved_to(key, moved)
        return True

    def _more_crossings(self, key: str, before: list[Point], after: list[Point],
                        i: int) -> int:
        """How many more crossings with the other lines segment ``i`` of ``key`` and the
        segments either side of it make after the move than before. Only what lies in
        the strip the segment sweeps can change: the other lines there are counted
        against both versions."""
        a, b, c, d = before[i], before[i + 1], after[i], after[i + 1]
        x0, x1 = min(a[0], b[0], c[0], d[0]), max(a[0], b[0], c[0], d[0])
        y0, y1 = min(a[1], b[1], c[1], d[1]), max(a[1], b[1], c[1], d[1])
        moved = self.extents  # lines moved since the index was made: their segments now
        # the index's segments (an orthogonal segment is the diagonal of its rectangle)
        # where they are still where the index has them, the moved lines' from the index
        # of where they are now: a strip across a big drawing meets few segments but many
        # lines, and more lines are moved the bigger the drawing
        segments = _joined((k, rect) for k, rect in self.index.query(x0, y0, x1, y1)
                           if k != key and k not in moved)
        segments += [((r[0], r[1]), (r[2], r[3])) for k, _, r in self.now.query(x0, y0, x1, y1)
                     if k != key]
        return _crossing_count(after, i, segments) - _crossing_count(before, i, segments)


    def _moved_to(self, key: str, points: list[Point]) -> None:
        self.extents[key] = _extent(points)
        self.now.put(key, segment_rects(points))

    def _side_room(self, key: str, i: int, seg: _Segment) -> tuple[float, float]:
        """Where the port of end segment ``i`` may slide along its side: the side of a
        box it meets square on (a rectangle's side, not a curved outline), keeping
        ``ports.EDGE`` from the corners; nowhere (an empty range) otherwise."""
        scope = self.scopes[key]
        source, target = scope.ends
        points = self.routes[key]
        if source == target:
            return 1.0, 0.0
        shape = scope.scene.shapes.get(source if i == 0 else target)
        if shape is None:
            return 1.0, 0.0
        box, port = shape.box, points[0] if i == 0 else points[-1]
        if seg.vertical:
            on_side = min(abs(port[1] - box.y), abs(port[1] - box.bottom)) < 0.01
            lo, hi = box.x + PORT_EDGE, box.right - PORT_EDGE
        else:
            on_side = min(abs(port[0] - box.x), abs(port[0] - box.right)) < 0.01
            lo, hi = box.y + PORT_EDGE, box.bottom - PORT_EDGE
        return (lo, hi) if on_side else (1.0, 0.0)

    def _taken_by(self, probe: _Segment, window: float) -> list[tuple[str, int]]:
        """The other relations' segments running closer than ``window`` to where
        ``probe`` lies (one per line)."""
        lines = self.lines
        b = lines._bucket(probe.coord)
        found: dict[str, int] = {}
        for n in (b - 1, b, b + 1):
            for s in lines.buckets.get((probe.vertical, n), ()):
                if (s.key != probe.key and abs(s.coord - probe.coord) < window
                        and s.low < probe.high and probe.low < s.high):
                    found.setdefault(s.key, s.index)
        return sorted(found.items())

    def _free(self, key: str, i: int, moved: list[Point], own: Box | None,
              before: list[Point]) -> bool:
        """Whether the changed segments run under no other label, the segments beside the
        moved one on no other line, and the relation's own label still sits beside an
        unchanged segment (the moved segment's own place is checked by the caller)."""
        for n in (i - 1, i, i + 1):
            if not 0 <= n < len(moved) - 1:
                continue
            a, b = moved[n], moved[n + 1]
            if a == b:
                continue
            probe = _Segment(key, n, a, b, False)
            if n != i and self.lines.taken(probe, probe.coord) and (
                    before[n] == before[n + 1]
                    or not self.lines.taken(_Segment(key, n, before[n], before[n + 1], False),
                                            probe.coord)):
                return False
            x0, x1 = min(a[0], b[0]), max(a[0], b[0])
            y0, y1 = min(a[1], b[1]), max(a[1], b[1])
            for other in self.labels_near((x0 - 1, y0 - 1, x1 + 1, y1 + 1)):
                if other != key and _enters(a, b, self.labels[other], 1.0):
                    return False
        if own is not None:
            if _beside(before[i], before[i + 1], own):
                return False
            for n in (i - 1, i + 1):  # beside a neighbour: it must still reach the label
                if 0 <= n < len(moved) - 1 and _beside(before[n], before[n + 1], own) \
                        and not _beside(moved[n], moved[n + 1], own):
                    return False
        return True


def _crossing_count(points: list[Point], i: int,
                    segments: list[tuple[Point, Point]]) -> int:
    """Proper crossings of segments ``i - 1`` to ``i + 1`` of ``points`` with
    ``segments`` (orthogonal lines: one vertical, the other horizontal)."""
    count = 0
    for n in (i - 1, i, i + 1):
        if not 0 <= n < len(points) - 1 or points[n] == points[n + 1]:
            continue
        (ax, ay), (bx, by) = points[n], points[n + 1]
        lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        for (cx, cy), (dx, dy) in segments:
            if ax == bx and cy == dy:
                if min(cx, dx) < ax < max(cx, dx) and lo_y < cy < hi_y:
                    count += 1
            elif ay == by and cx == dx and min(cy, dy) < ay < max(cy, dy) \
                    and lo_x < cx < hi_x:
                count += 1
    return count


def _joined(pieces: Iterable[tuple[str, Rect]]) -> list[tuple[Point, Point]]:
    """The index's pieces of each line joined again where they meet: a crossing exactly
    where one piece ends and the next begins is no proper crossing of either piece, but
    is one of the segment they were cut from."""
    runs: dict[tuple[str, bool, float], list[tuple[float, float]]] = {}
    for key, (x0, y0, x1, y1) in pieces:
        upright = x0 == x1 and y0 != y1
        runs.setdefault((key, upright, x0 if upright else y0), []).append(
            (y0, y1) if upright else (x0, x1))
    out: list[tuple[Point, Point]] = []
    for (_, upright, at), spans in runs.items():
        spans.sort()
        low, high = spans[0]
        for start, end in [*spans[1:], (float("inf"), float("inf"))]:
            if start <= high:
                high = max(high, end)
                continue
            out.append(((at, low), (at, high)) if upright else ((low, at), (high, at)))
            low, high = start, end
    return out


def _extent(points: list[Point]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _beside(a: Point, b: Point, box: Box) -> bool:
    """Whether the label ``box`` sits beside (or on) the segment: its centre level with
    the segment's span, its near edge within ``BESIDE`` of the line."""
    cx, cy = box.center
    if a[1] == b[1]:
        return (min(a[0], b[0]) <= cx <= max(a[0], b[0])
                and box.y - BESIDE <= a[1] <= box.bottom + BESIDE)
    return (min(a[1], b[1]) <= cy <= max(a[1], b[1])
            and box.x - BESIDE <= a[0] <= box.right + BESIDE)


def _refresh(entry: _Segment, points: list[Point]) -> None:
    a, b = points[entry.index], points[entry.index + 1]
    ends = (a[1], b[1]) if entry.vertical else (a[0], b[0])
    entry.low, entry.high = min(ends), max(ends)
