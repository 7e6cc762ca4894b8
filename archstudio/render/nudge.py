"""Nudging: lines that run along one channel are spread apart, so no two relations share
a segment (a shared segment reads as one relation, or hides where a line goes).

As in libavoid's nudging, segments are grouped by channel (collinear, or closer than
``SEPARATION``, with overlapping extents), each inner segment of a route may move across
its channel as far as the obstacles beside it (and the segments at its ends) allow, and
the segments of one channel are spread evenly in the room they share, ordered by where
their neighbouring segments lead so that the spreading adds no crossings. The first and
last segment of a route stay on their ports (those are spread by :mod:`ports`). Pure
geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from heapq import heapify, heappop, heappush

from archstudio.layout.layering import greedy_sequence
from archstudio.render.scope import Scope, blocked, rect_of
from archstudio.render.search import STUB

Point = tuple[float, float]
SEPARATION = 10.0  # between parallel lines in one channel
CLEARANCE = 9.0  # a nudged line keeps this far from a shape
READABLE = 3.0  # lines closer than this read as one
TIGHT_CLEARANCE = 2.0  # ...or this far, where a channel is too narrow for its lines
APART = 1.5  # the least distance a repair leaves between lines in a channel packed tighter
REACH = 400.0  # how far across a channel a segment looks for room


class _Segment:
    __slots__ = ("key", "index", "vertical", "coord", "low", "high", "movable")

    def __init__(self, key: str, index: int, a: Point, b: Point, movable: bool) -> None:
        self.key, self.index, self.movable = key, index, movable
        self.vertical = a[0] == b[0]
        self.coord = a[0] if self.vertical else a[1]
        ends = (a[1], b[1]) if self.vertical else (a[0], b[0])
        self.low, self.high = min(ends), max(ends)


def _segments(routes: Mapping[str, list[Point]], keys,
              fixed: frozenset[str] | set[str] = frozenset()) -> list[_Segment]:
    out = []
    for key in keys:
        points = routes[key]
        last = len(points) - 2
        held = key in fixed
        for i in range(len(points) - 1):
            a, b = points[i], points[i + 1]
            if a != b:
                out.append(_Segment(key, i, a, b, 0 < i < last and not held))
    return out


def _channels(segments: list[_Segment]) -> list[list[_Segment]]:
    """Groups of segments of different relations lying in one channel."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for vertical in (True, False):
        line = sorted((s for s in segments if s.vertical == vertical),
                      key=lambda s: (s.coord, s.low))
        for n, seg in enumerate(line):
            m = n + 1
            while m < len(line) and line[m].coord - seg.coord < SEPARATION:
                other = line[m]
                if (other.key != seg.key and other.low < seg.high - 0.5
                        and seg.low < other.high - 0.5):
                    a, b = find(id(other)), find(id(seg))
                    if a != b:
                        parent[a] = b
                m += 1
    groups: dict[int, list[_Segment]] = defaultdict(list)
    for seg in segments:
        groups[find(id(seg))].append(seg)
    return [g for g in groups.values() if len(g) > 1]


def _room(seg: _Segment, points: list[Point], scope: Scope, clearance: float = CLEARANCE
          ) -> tuple[float, float]:
    """How far the segment may move across its channel: to ``clearance`` from the nearest
    obstacle beside it, to its frame, and never past the far ends of the segments at its
    ends."""
    c, low, high = seg.coord, seg.low, seg.high
    lo, hi = c - REACH, c + REACH
    if seg.vertical:
        rects = scope.obstacles(c - REACH, low, c + REACH, high)
        for x0, y0, x1, y1 in rects:
            if y0 < high and y1 > low:
                if x1 <= c:
                    lo = max(lo, x1 + clearance)
                elif x0 >= c:
                    hi = min(hi, x0 - clearance)
                else:
                    return c, c
    else:
        rects = scope.obstacles(low, c - REACH, high, c + REACH)
        for x0, y0, x1, y1 in rects:
            if x0 < high and x1 > low:
                if y1 <= c:
                    lo = max(lo, y1 + clearance)
                elif y0 >= c:
                    hi = min(hi, y0 - clearance)
                else:
                    return c, c
    frame = scope.frame
    if frame is not None:
        lo = max(lo, frame[0] if seg.vertical else frame[1])
        hi = min(hi, frame[2] if seg.vertical else frame[3])
    axis = 0 if seg.vertical else 1
    for far in (points[seg.index - 1][axis], points[seg.index + 2][axis]):
        margin = STUB / 2
        if far < c:
            lo = max(lo, far + margin)
        elif far > c:
            hi = min(hi, far - margin)
    return min(lo, c), max(hi, c)  # already closer than the clearance: it may stay


def _lean(seg: _Segment, points: list[Point]) -> float:
    """Where the segment's neighbours lead, across the channel: the side it belongs on."""
    axis = 0 if seg.vertical else 1
    return points[seg.index - 1][axis] + points[seg.index + 2][axis] if seg.movable else 0.0


def _turns(seg: _Segment, points: list[Point]) -> tuple[tuple[float, float], ...]:
    """(where along the channel, which way across it) for both ends of an inner segment:
    the side its neighbouring segments leave the channel to."""
    axis = 0 if seg.vertical else 1  # across the channel
    along = 1 - axis
    i = seg.index
    out = []
    for end, neighbour in ((points[i], points[i - 1]), (points[i + 1], points[i + 2])):
        out.append((end[along], neighbour[axis] - seg.coord))
    return tuple(out)


def _cost(first: _Segment, second: _Segment, turns: dict) -> int:
    """Crossings between two segments of one channel when ``first`` lies on the lower
    side: an end of one turning across the other's line within the other's extent."""
    count = 0
    for where, way in turns[id(first)]:
        if way > 0 and second.low < where < second.high:
            count += 1
    for where, way in turns[id(second)]:
        if way < 0 and first.low < where < first.high:
            count += 1
    return count


def _crossing_order(members: list, routes: Mapping[str, list[Point]]) -> list:
    """The segments of one channel (with their rooms) in the order across it that makes
    the fewest crossings between them (pairwise, as ELK and libavoid order the segments
    of one channel); where the order makes no difference, by where their neighbours
    lead."""
    members = sorted(members, key=lambda p: (_lean(p[0], routes[p[0].key]), p[0].coord,
                                             p[0].key))
    count = len(members)
    if count < 2:
        return members
    turns = {id(seg): _turns(seg, routes[seg.key]) for seg, _ in members}
    after: list[list[int]] = [[] for _ in range(count)]
    edges = []
    for a in range(count):
        sa = members[a][0]
        for b in range(a + 1, count):
            sb = members[b][0]
            if sa.low >= sb.high or sb.low >= sa.high:
                continue
            ab, ba = _cost(sa, sb, turns), _cost(sb, sa, turns)
            if ab != ba:
                edges.append((a, b) if ab < ba else (b, a))
    if not edges:
        return members
    rank = {node: n for n, node in enumerate(greedy_sequence(count, edges))}
    waiting = [0] * count
    for a, b in edges:
        if rank[a] < rank[b]:
            after[a].append(b)
            waiting[b] += 1
        else:
            after[b].append(a)
            waiting[a] += 1
    ready = [n for n in range(count) if not waiting[n]]
    heapify(ready)
    order = []
    while ready:
        node = heappop(ready)
        order.append(members[node])
        for other in after[node]:
            waiting[other] -= 1
            if not waiting[other]:
                heappush(ready, other)
    return order


def nudge(routes: dict[str, list[Point]], scopes: Mapping[str, Scope],
          keys=None, fixed: frozenset[str] | set[str] = frozenset()
          ) -> dict[str, list[tuple[float, float, float, float]]]:
    """Spread the routes in ``routes`` (changed in place) so that no two share a segment.
    ``fixed``: relations whose lines are already placed apart (along the layout's plan);
    the others make room around them. Returns the relations a channel has no room for
    (lines closer than half ``SEPARATION``), the longest of each such channel, with the
    channel's area (left, top, right, bottom) for them to keep out of."""
    segments = _segments(routes, keys if keys is not None else sorted(routes), fixed)
    squeezed: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    for group in _channels(segments):
        for key, areas in spread(group, routes, scopes).items():
            squeezed[key] += areas
    return squeezed


def nudge_segments(routes: dict[str, list[Point]], scopes: Mapping[str, Scope],
                   places: Mapping[str, Iterable[int]]) -> None:
    """Nudge only the given segments (key → segment indexes), which must hold whole
    channels: what a drawing does again after a move, near the lines that changed."""
    segments = []
    for key in sorted(places):
        points = routes[key]
        last = len(points) - 2
        for i in sorted(places[key]):
            if i <= last and points[i] != points[i + 1]:
                segments.append(_Segment(key, i, points[i], points[i + 1], 0 < i < last))
    for group in _channels(segments):
        spread(group, routes, scopes)


def spread(group: list[_Segment], routes: dict[str, list[Point]],
           scopes: Mapping[str, Scope]) -> dict[str, list[tuple[float, float, float, float]]]:
    """Spread the segments of one channel evenly in the room they share, in the order
    that makes the fewest crossings. Returns the longest lines the channel has no room
    for (closer than half ``SEPARATION``), each with the channel's area."""
    squeezed: dict[str, list[tuple[float, float, float, float]]] = {}
    movable = [s for s in group if s.movable]
    if not movable:
        return squeezed
    fixed = [s.coord for s in group if not s.movable]
    rooms, lo, hi = _shared_room(movable, routes, scopes, CLEARANCE)
    if hi - lo < (len(group) - 1) * READABLE:  # lines would merge: closer to the shapes
        tight = _shared_room(movable, routes, scopes, TIGHT_CLEARANCE)
        if tight[2] - tight[1] > hi - lo:
            rooms, lo, hi = tight
    movable_sorted = _crossing_order(list(zip(movable, rooms, strict=True)), routes)
    count = len(movable_sorted) + len(fixed)
    gap = min(SEPARATION, (hi - lo) / max(count, 1)) if hi > lo else 0.0
    room_for = int(max(hi - lo, 0.0) // (SEPARATION / 2)) + 1 - len(fixed)
    if len(movable) > room_for:  # the longest lines beyond what the channel holds
        by_length = sorted(movable, key=lambda s: (-_extent(routes[s.key]), s.key))
        low, high = min(s.low for s in movable), max(s.high for s in movable)
        c0 = min(s.coord for s in movable) - SEPARATION / 2
        c1 = max(s.coord for s in movable) + SEPARATION / 2
        area = (c0, low, c1, high) if movable[0].vertical else (low, c0, high, c1)
        for seg in by_length[:len(movable) - max(room_for, 0)]:
            squeezed.setdefault(seg.key, []).append(area)
    centre = sum(s.coord for s in movable) / len(movable)
    slots = _slots(centre, len(movable_sorted), gap, lo, hi, fixed)
    for (seg, room), coord in zip(movable_sorted, slots, strict=True):
        if room[0] <= room[1]:
            coord = min(max(coord, room[0]), room[1])
        _move(routes[seg.key], seg, coord)
    return squeezed


def _extent(points: list[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in zip(points, points[1:],
                                                                     strict=False))


def _shared_room(movable: list[_Segment], routes, scopes, clearance: float):
    """Each segment's room and the room they share (the union when none is shared by
    all: each is then kept in its own)."""
    rooms = [_room(s, routes[s.key], scopes[s.key], clearance) for s in movable]
    lo = max(r[0] for r in rooms)
    hi = min(r[1] for r in rooms)
    if hi < lo:
        lo, hi = min(r[0] for r in rooms), max(r[1] for r in rooms)
    return rooms, lo, hi


def _slots(centre: float, count: int, gap: float, lo: float, hi: float,
           fixed: list[float]) -> list[float]:
    """``count`` positions ``gap`` apart around ``centre`` inside [lo, hi], keeping off
    the ``fixed`` lines of the channel."""
    if gap <= 0:
        return [min(max(centre, lo), hi)] * count
    candidates = []
    step = 0
    while len(candidates) < count and step < 4 * (count + len(fixed)) + 4:
        for offset in ((step,) if step == 0 else (step, -step)):
            position = centre + offset * gap / 2
            if lo <= position <= hi and all(abs(position - f) >= gap / 2 for f in fixed):
                if all(abs(position - c) >= gap - 1e-9 for c in candidates):
                    candidates.append(position)
        step += 1
    while len(candidates) < count:
        candidates.append(min(max(centre, lo), hi))
    return sorted(candidates[:count])


def _move(points: list[Point], seg: _Segment, coord: float) -> None:
    i = seg.index
    if seg.vertical:
        points[i] = (coord, points[i][1])
        points[i + 1] = (coord, points[i + 1][1])
    else:
        points[i] = (points[i][0], coord)
        points[i + 1] = (points[i + 1][0], coord)


def separate_ends(routes: dict[str, list[Point]], scopes: Mapping[str, Scope],
                  keys=None) -> None:
    """Where the first or last segments of two relations lie on one line and overlap
    (their ports happen to be level), slide the bend after one of them along so that the
    two no longer meet: ports stay put, the overlap goes."""
    segments = _segments(routes, keys if keys is not None else sorted(routes))
    lines = _Lines(segments)
    for group in _channels(segments):
        ends = [s for s in group if not s.movable]
        for n, seg in enumerate(ends):
            for other in ends[n + 1:]:
                if seg.key == other.key or seg.coord != other.coord:
                    continue
                if min(seg.high, other.high) - max(seg.low, other.low) <= 0.5:
                    continue
                if not (_shorten(routes, scopes, seg, other, lines)
                        or _shorten(routes, scopes, other, seg, lines)
                        or _slide_port(routes, scopes, seg, lines)
                        or _slide_port(routes, scopes, other, lines)):
                    continue
                # refresh both extents for the pairs still to come
                for s in (seg, other):
                    a, b = routes[s.key][s.index], routes[s.key][s.index + 1]
                    ends_ = (a[1], b[1]) if s.vertical else (a[0], b[0])
                    s.low, s.high = min(ends_), max(ends_)


class _Lines:
    """Segments bucketed by line, so "is this line taken here?" looks at a few of them."""

    def __init__(self, segments: list[_Segment]) -> None:
        self.buckets: dict[tuple[bool, int], list[_Segment]] = defaultdict(list)
        self.by_place = {(s.key, s.index): s for s in segments}
        for seg in segments:
            self.buckets[(seg.vertical, self._bucket(seg.coord))].append(seg)

    @staticmethod
    def _bucket(coord: float) -> int:
        return int(coord // SEPARATION)

    def move(self, seg: _Segment, coord: float) -> None:
        self.buckets[(seg.vertical, self._bucket(seg.coord))].remove(seg)
        seg.coord = coord
        self.buckets[(seg.vertical, self._bucket(coord))].append(seg)

    def taken(self, jog: _Segment, coord: float, apart: float = SEPARATION / 2) -> bool:
        """Whether another relation's segment already runs within ``apart`` of where
        ``jog`` would move to."""
        b = self._bucket(coord)
        for n in (b - 1, b, b + 1):
            for s in self.buckets.get((jog.vertical, n), ()):
                if (s.key != jog.key and abs(s.coord - coord) < apart
                        and s.low < jog.high and jog.low < s.high):
                    return True
        return False

    def beside(self, seg: _Segment, reach: float) -> list[float]:
        """Where the other relations' segments alongside ``seg`` (overlapping its
        extent, within ``reach`` across) run."""
        out = []
        lo, hi = self._bucket(seg.coord - reach), self._bucket(seg.coord + reach)
        for n in range(lo, hi + 1):
            for s in self.buckets.get((seg.vertical, n), ()):
                if (s.key != seg.key and abs(s.coord - seg.coord) <= reach
                        and s.low < seg.high and seg.low < s.high):
                    out.append(s.coord)
        return out


def _shorten(routes, scopes, seg: _Segment, other: _Segment,
             lines: _Lines) -> bool:
    """Move the bend at the inner end of ``seg`` so it stops short of ``other``."""
    points = routes[seg.key]
    last = len(points) - 2
    if seg.index == 0:
        port, bend, jog_index = points[0], points[1], 1
    elif seg.index == last:
        port, bend, jog_index = points[-1], points[-2], last - 1
    else:
        return False
    if not 0 < jog_index < last:
        return False
    axis = 1 if seg.vertical else 0
    p, c = port[axis], bend[axis]
    if p < c:  # the segment runs from the port up to c: end it before the other starts
        goal = other.low - SEPARATION
        if goal <= p + STUB / 2:
            return False
    else:
        goal = other.high + SEPARATION
        if goal >= p - STUB / 2:
            return False
    jog = _Segment(seg.key, jog_index, points[jog_index], points[jog_index + 1], True)
    if jog.vertical == seg.vertical:
        return False
    lo, hi = _room(jog, points, scopes[seg.key])
    if not lo <= goal <= hi or lines.taken(jog, goal):
        return False
    _move(points, jog, goal)
    entry = lines.by_place.get((jog.key, jog.index))
    if entry is not None:  # the jog's entry follows it
        lines.move(entry, goal)
    return True


def _slide_port(routes, scopes, seg: _Segment, lines: _Lines) -> bool:
    """Last resort for two level end segments: move one of them (with its port) a little
    along its shape's side, if the moved line is clear and not on another line."""
    if seg.index not in (0, len(routes[seg.key]) - 2) or len(routes[seg.key]) < 3:
        return False
    return _shift(routes, scopes, seg, lines, (SEPARATION / 2, -SEPARATION / 2))


def _gaps(seg: _Segment, lines: _Lines) -> list[float]:
    """Offsets that take ``seg`` to the middle of each gap between the other lines beside
    it (within one spacing either way), the widest gap first."""
    near = sorted(lines.beside(seg, SEPARATION))
    found = []
    for a, b in zip(near, near[1:], strict=False):
        middle = (a + b) / 2
        if b - a >= 2 * APART and abs(middle - seg.coord) <= SEPARATION:
            found.append((-(b - a), abs(middle - seg.coord), middle - seg.coord))
    return [offset for _, _, offset in sorted(found)]


def _shift(routes, scopes, seg: _Segment, lines: _Lines, offsets,
           apart: float = SEPARATION / 2) -> bool:
    """Move one segment across its line by the first of ``offsets`` that leaves the route
    clear of obstacles and at least ``apart`` from every other relation's lines."""
    points = routes[seg.key]
    i = seg.index
    for offset in offsets:
        coord = seg.coord + offset
        moved = list(points)
        if seg.vertical:
            moved[i], moved[i + 1] = (coord, moved[i][1]), (coord, moved[i + 1][1])
        else:
            moved[i], moved[i + 1] = (moved[i][0], coord), (moved[i + 1][0], coord)
        if not moved_clear(moved, i, scopes[seg.key]) or _reverses(points, moved, i):
            continue
        probe = _Segment(seg.key, i, moved[i], moved[i + 1], False)
        if lines.taken(probe, coord, apart):
            continue
        points[:] = moved
        lines.move(seg, coord)
        return True
    return False


def moved_clear(moved: list[Point], i: int, scope: Scope) -> bool:
    """Whether segment ``i`` of a route and the segments either side of it run clear of
    the scope's obstacles. An end segment may reach into its own end shape (its end is
    cut to the shape's outline: a cylinder's curved top, a person's head), so it is only
    checked against the other obstacles."""
    last = len(moved) - 2
    for n in (i - 1, i, i + 1):
        if not 0 <= n <= last:
            continue
        a, b = moved[n], moved[n + 1]
        rects = scope.obstacles(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]),
                                max(a[1], b[1]))
        if n in (0, last):
            own = {rect_of(scope.scene.shapes[q].box) for q in scope.ends
                   if q in scope.scene.shapes}
            rects = [r for r in rects if r not in own]
        if blocked([a, b], rects):
            return False
    return True


def _reverses(before: list[Point], after: list[Point], i: int) -> bool:
    """Whether a neighbouring segment flipped direction (it would run back over itself)."""
    for n in (i - 1, i + 1):
        if 0 <= n < len(before) - 1:
            (a, b), (c, d) = (before[n], before[n + 1]), (after[n], after[n + 1])
            if (b[0] - a[0]) * (d[0] - c[0]) < 0 or (b[1] - a[1]) * (d[1] - c[1]) < 0:
                return True
            if c == d and a != b:
                return True
    return False


def repair(routes: dict[str, list[Point]], scopes: Mapping[str, Scope], keys=None) -> None:
    """A last pass for segments still shared after nudging: move one of each pair a little
    further, inner segments first, wherever that stays clear."""
    offsets = tuple(sign * SEPARATION * k / 2 for k in (1, 2, 3, 4) for sign in (1, -1))
    keys = keys if keys is not None else sorted(routes)
    segments = _segments(routes, keys)
    lines = _Lines(segments)
    attempts = len(keys)  # one try per relation on average: the cost stays linear
    for group in _channels(segments):
        group.sort(key=lambda s: (s.coord, s.low, s.key))
        for n, seg in enumerate(group):
            for other in group[n + 1:]:
                if (seg.key == other.key or abs(seg.coord - other.coord) > 0.5
                        or min(seg.high, other.high) - max(seg.low, other.low) <= 1):
                    continue
                movers = sorted((seg, other), key=lambda s: not s.movable)
                for mover in movers:
                    if attempts <= 0:
                        return
                    attempts -= 1
                    offsets_here = offsets if mover.movable else offsets[:2]
                    if _shift(routes, scopes, mover, lines, offsets_here):
                        break
                else:  # a channel packed closer than the usual spacing: its widest gap
                    for mover in movers:  # an end segment slides its port: no further
                        gaps = [offset for offset in _gaps(mover, lines)
                                if mover.movable or abs(offset) <= SEPARATION / 2]
                        if _shift(routes, scopes, mover, lines, gaps, APART):
                            break
