"""What a move changes in a computed drawing, found without looking at every line.

A drawing keeps, next to its lines and labels, a few indexes (:class:`DrawingIndex`): the
segments of its routes before and after nudging and its label boxes, hashed by cell, and
each route's extent. ``Drawing.update`` hands them on to the next drawing and changes
only the entries of the relations it routed again, so after a drag the cost follows the
lines near the change, not the size of the diagram:

* :func:`local_ports` assigns ports only on the shapes whose sides can have changed;
* :func:`channel_members` finds the segments that share a channel with a changed one
  (nudging spreads a channel as a whole, so those are spread again, the rest kept);
* :func:`near_segments` finds the lines beside the changed ones, which the last separating
  passes must keep off.

Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from archstudio.layout.geometry import Box
from archstudio.render.ports import Port, assign_ports
from archstudio.render.spatial import RTree

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
Link = tuple[str, str, str]
CELLS = 64  # cells across the drawing's extent: a cell holds a few shapes' worth of lines
SMALLEST_CELL = 96.0
MOST_CELLS = 4096  # a segment spanning more cells than this asks for a new grid
SEPARATION = 10.0  # as in nudge: segments closer than this across share a channel


class SegmentGrid:
    """Rectangles (segments of routes, label boxes) per key, hashed by cell; entries of
    one key are replaced as a whole. The cell size follows the drawing's extent, so huge
    coordinates cost nothing special; a segment far larger than the grid was made for
    marks it ``stale`` (its owner builds a new one)."""

    def __init__(self, extent: Rect | None) -> None:
        if extent is None:
            self.cell = SMALLEST_CELL
        else:
            span = max(extent[2] - extent[0], extent[3] - extent[1])
            self.cell = max(span / CELLS, SMALLEST_CELL)
        self.cells: dict[tuple[int, int], dict[str, list[tuple[int, Rect]]]] = \
            defaultdict(dict)
        self.of_key: dict[str, list[tuple[int, int]]] = {}
        self.stale = False

    def _span(self, rect: Rect) -> tuple[int, int, int, int]:
        c = self.cell
        return int(rect[0] // c), int(rect[1] // c), int(rect[2] // c), int(rect[3] // c)

    def put(self, key: str, rects: Iterable[tuple[int, Rect]]) -> None:
        """Replace ``key``'s rectangles (each with its index, e.g. the segment's)."""
        self.remove(key)
        cells: list[tuple[int, int]] = []
        grid = self.cells
        for entry in rects:
            x0, y0, x1, y1 = self._span(entry[1])
            if (x1 - x0 + 1) * (y1 - y0 + 1) > MOST_CELLS:
                self.stale = True
                x1, y1 = x0, y0
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    bucket = grid[(cx, cy)]
                    found = bucket.get(key)
                    if found is None:
                        bucket[key] = [entry]
                        cells.append((cx, cy))
                    else:
                        found.append(entry)
        self.of_key[key] = cells

    def remove(self, key: str) -> None:
        for cell in self.of_key.pop(key, ()):
            bucket = self.cells[cell]
            del bucket[key]
            if not bucket:
                del self.cells[cell]

    def query(self, left: float, top: float, right: float, bottom: float
              ) -> list[tuple[str, int, Rect]]:
        """(key, index, rectangle) of every entry touching the region (edges included),
        each once."""
        x0, y0, x1, y1 = self._span((left, top, right, bottom))
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MOST_CELLS:  # a huge region: look at everything
            cells = list(self.cells.values())
        else:
            get = self.cells.get
            cells = [b for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)
                     if (b := get((cx, cy))) is not None]
        found: dict[tuple[str, int], Rect] = {}
        for bucket in cells:
            for key, entries in bucket.items():
                for index, r in entries:
                    if r[0] <= right and r[2] >= left and r[1] <= bottom and r[3] >= top:
                        found[(key, index)] = r
        return [(key, index, r) for (key, index), r in found.items()]


def segment_rects(points: list[Point]) -> list[tuple[int, Rect]]:
    """Each segment of a route as (index, rectangle)."""
    out = []
    for i in range(len(points) - 1):
        (ax, ay), (bx, by) = points[i], points[i + 1]
        out.append((i, (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))))
    return out


def extent_of(points: list[Point]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _union(rects: Iterable[Rect]) -> Rect | None:
    rects = list(rects)
    if not rects:
        return None
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects),
            max(r[3] for r in rects))


PIECES = 32  # a long segment is indexed as at most this many pieces
FEWEST_REBUILT = 256  # entries replaced before the static part is built again


class LineIndex:
    """Rectangles per key (route segments, label boxes): a static R-tree built once, with
    long segments cut into pieces so its nodes stay local, plus the keys replaced since in
    a small :class:`SegmentGrid`. Once a good part has been replaced it asks (``stale``)
    to be built again, so updates cost amortised time in what they replace."""

    def __init__(self, entries: Mapping[str, list[tuple[int, Rect]]],
                 extent: Rect | None) -> None:
        self.size = len(entries)
        span = 0.0 if extent is None else max(extent[2] - extent[0], extent[3] - extent[1])
        piece = max(span / PIECES, 200.0)
        items: dict[bool, list] = {True: [], False: []}  # vertical segments apart
        for key, rects in entries.items():
            for index, rect in rects:
                x0, y0, x1, y1 = rect
                count = max(1, min(PIECES, int(max(x1 - x0, y1 - y0) // piece) + 1))
                vertical = x0 == x1 and y0 != y1
                if count == 1:
                    items[vertical].append((rect, (key, index, rect)))
                    continue
                for n in range(count):
                    if x1 - x0 >= y1 - y0:
                        part = (x0 + (x1 - x0) * n / count, y0,
                                x0 + (x1 - x0) * (n + 1) / count, y1)
                    else:
                        part = (x0, y0 + (y1 - y0) * n / count,
                                x1, y0 + (y1 - y0) * (n + 1) / count)
                    items[vertical].append((part, (key, index, rect)))
        self.bases: dict[bool, RTree[tuple[str, int, Rect]]] = {
            vertical: RTree(found) for vertical, found in items.items()}
        self.dropped: set[str] = set()
        self.extra = SegmentGrid(extent)

    def put(self, key: str, rects: list[tuple[int, Rect]]) -> None:
        self.dropped.add(key)
        self.extra.put(key, rects)

    def remove(self, key: str) -> None:
        self.dropped.add(key)
        self.extra.remove(key)

    @property
    def stale(self) -> bool:
        return self.extra.stale or len(self.dropped) > max(FEWEST_REBUILT, self.size // 4)

    def query(self, left: float, top: float, right: float, bottom: float,
              vertical: bool | None = None) -> list[tuple[str, int, Rect]]:
        """(key, index, rectangle) of every entry touching the region, each once; only
        vertical segments (``vertical=True``) or only the others (``False``) if asked."""
        dropped = self.dropped
        found: dict[tuple[str, int], Rect] = {}
        for kind, base in self.bases.items():
            if vertical is not None and kind != vertical:
                continue
            for key, index, r in base.query(left, top, right, bottom):
                if key not in dropped and r[0] <= right and r[2] >= left \
                        and r[1] <= bottom and r[3] >= top:
                    found[(key, index)] = r
        if self.extra.of_key:
            for key, index, r in self.extra.query(left, top, right, bottom):
                if vertical is None or (r[0] == r[2] and r[1] != r[3]) == vertical:
                    found[(key, index)] = r
        return [(key, index, r) for (key, index), r in found.items()]


class DrawingIndex:
    """The indexes one drawing hands on to the next (see the module's docstring)."""

    def __init__(self, raw: Mapping[str, list[Point]], routes: Mapping[str, list[Point]],
                 labels: Mapping[str, Box]) -> None:
        self.extents = {k: extent_of(p) for k, p in routes.items() if p}
        self.scene = None  # the routing scene (scope.Scene) the drawing was made with
        self.whole = _union([*self.extents.values(),
                             *(extent_of(p) for p in raw.values() if p)])
        self.raw = LineIndex({k: segment_rects(p) for k, p in raw.items()}, self.whole)
        self.lines = LineIndex({k: segment_rects(p) for k, p in routes.items()}, self.whole)
        self.set_labels(labels)

    def set_labels(self, labels: Mapping[str, Box]) -> None:
        self.labels = LineIndex({k: [(0, (b.x, b.y, b.right, b.bottom))]
                                 for k, b in labels.items()}, self.whole)

    @property
    def stale(self) -> bool:
        return self.raw.stale or self.lines.stale or self.labels.stale


def neighbours(links: Iterable[Link]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for _, source, target in links:
        out[source].add(target)
        out[target].add(source)
    return out


def local_ports(links: list[Link], boxes: Mapping[str, Box], encloses: Callable,
                before: Mapping[str, tuple[Port, Port]], dirty: set[str]
                ) -> dict[str, tuple[Port, Port]]:
    """The ports :func:`assign_ports` would give ``links``, computed only near ``dirty``
    shapes (moved, or with relations that came, went or changed ends).

    A port depends on the side's other ports (their order and count) and, alone on its
    side, on the port at its line's other end. So the ports of relations at a dirty shape
    or at one of its neighbours (``near``) can change; computing them on every relation
    within one more ring of neighbours gives each of those sides all its members; every
    other relation keeps its ports."""
    around = neighbours(links)
    near = set(dirty)
    for qname in dirty:
        near |= around.get(qname, set())
    ring = set(near)
    for qname in near:
        ring |= around.get(qname, set())
    sub = [link for link in links if link[1] in ring or link[2] in ring]
    fresh = assign_ports(sub, boxes, encloses)
    ports = {}
    for key, source, target in links:
        if source in near or target in near or key not in before:
            ports[key] = fresh[key]
        else:
            ports[key] = before[key]
    return ports


def _probe(grid: LineIndex, rect: Rect, skip: str) -> list[tuple[str, int, Rect]]:
    """Segments of other keys in the channel of the segment ``rect`` (same direction,
    closer than the separation across, overlapping along)."""
    x0, y0, x1, y1 = rect
    vertical = x0 == x1
    if vertical:
        hits = grid.query(x0 - SEPARATION, y0, x1 + SEPARATION, y1, True)
    else:
        hits = grid.query(x0, y0 - SEPARATION, x1, y1 + SEPARATION, False)
    out = []
    for key, index, r in hits:
        if key == skip or (r[0] == r[2] and r[1] == r[3]):
            continue
        if vertical:
            if r[0] != r[2] or abs(r[0] - x0) >= SEPARATION:
                continue
            if not (r[1] < y1 - 0.5 and y0 < r[3] - 0.5):
                continue
        else:
            if r[1] != r[3] or abs(r[1] - y0) >= SEPARATION:
                continue
            if not (r[0] < x1 - 0.5 and x0 < r[2] - 0.5):
                continue
        out.append((key, index, r))
    return out


def channel_members(grid: LineIndex, seeds: Iterable[tuple[str, Rect]],
                    changed: set[str]) -> dict[str, set[int]]:
    """Segments (key → indexes) of unchanged relations that share a channel, directly or
    through others, with any of ``seeds`` ((key, segment rectangle)); ``grid`` holds the
    routes before nudging."""
    members: dict[str, set[int]] = defaultdict(set)
    pending = list(seeds)
    while pending:
        key, rect = pending.pop()
        if rect[0] != rect[2] and rect[1] != rect[3]:
            continue
        if rect[0] == rect[2] and rect[1] == rect[3]:
            continue
        for other, index, r in _probe(grid, rect, key):
            if other in changed or index in members[other]:
                continue
            members[other].add(index)
            pending.append((other, r))
    return {k: v for k, v in members.items() if v}


def near_segments(grid: LineIndex, routes: Mapping[str, list[Point]], keys: Iterable[str],
                  skip: set[str], before: Mapping[str, list[Point]]) -> set[str]:
    """Relations (outside ``skip``) with a segment in a channel of a segment of ``keys``'
    routes that is not where it was in ``before``: the lines the changed ones must keep
    off."""
    found: set[str] = set()
    for key in keys:
        old = set(segment_rects(before.get(key, [])))
        for entry in segment_rects(routes[key]):
            rect = entry[1]
            if entry in old or (rect[0] == rect[2] and rect[1] == rect[3]):
                continue
            for other, _, _ in _probe(grid, rect, key):
                if other not in skip:
                    found.add(other)
    return found


class LinePieces:
    """A :class:`LineIndex` of routes seen as label placement asks: (key, rectangle)."""

    def __init__(self, grid: LineIndex) -> None:
        self.grid = grid

    def query(self, left: float, top: float, right: float, bottom: float
              ) -> list[tuple[str, Rect]]:
        return [(key, rect) for key, _, rect in self.grid.query(left, top, right, bottom)]
