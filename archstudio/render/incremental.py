"""What a move changes in a computed drawing, found without looking at every line.

A drawing keeps, next to its lines and labels, a few indexes (:class:`DrawingIndex`): the
segments of its routes before and after nudging and its label boxes (:class:`LineIndex`),
each route's extent and the routing scene. ``Drawing.update`` hands them on to the next
drawing and changes only the entries of the relations it routed again, so after a drag
the cost follows the lines near the change, not the size of the diagram:

* :func:`local_ports` assigns ports only on the shapes whose sides can have changed;
* :func:`channel_members` finds the segments that share a channel with a changed one
  (nudging spreads a channel as a whole, so those are spread again, the rest kept);
* :func:`near_segments` finds the lines beside the changed ones, which the last separating
  passes must keep off.

Pure geometry, no Qt.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from archstudio.layout.geometry import Box
from archstudio.render.ports import Port, assign_ports

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
Link = tuple[str, str, str]
BAND = 32.0  # width of the bands segments are bucketed in, across their direction
BLOCK = 2048.0  # length of the finest blocks a band is cut into, along it
LONGEST = 8  # blocks one segment may fill; a longer one goes to blocks this many times longer
LEVELS = 1024  # block sizes at most; a block is numbered ``number * LEVELS + level``
# (one int per key); past a few hundred levels the size is infinite: one block for all
SIZES = [BLOCK]
while len(SIZES) < LEVELS:
    SIZES.append(SIZES[-1] * LONGEST)  # a float: grows to inf, never raises
CELL = 256.0  # size of the cells boxes (labels) are bucketed in
MOST_BUCKETS = 4096  # a region spanning more buckets than this looks at every bucket
SEPARATION = 10.0  # as in nudge: segments closer than this across share a channel

Entry = tuple[str, int, Rect]  # key, index (of the segment in its route), rectangle


class LineIndex:
    """Rectangles per key (route segments, label boxes), replaced a key at a time.

    A horizontal segment is bucketed by the band of ``BAND`` px its y lies in and the
    blocks it spans along it, a vertical one likewise, anything else (a label box) by the
    cells of ``CELL`` px it covers. Blocks come in levels: ``BLOCK`` px, then ``LONGEST``
    times longer at each level up; a segment goes to the finest level where it spans at
    most ``LONGEST`` blocks. So a small region looks at a few buckets per level, and what
    it finds there is mostly segments that long, which tend to reach it: a long line
    across a big drawing is neither filed in thousands of blocks nor met by every query
    of its band. Bucket keys are integers in a dict, so huge coordinates cost nothing
    special.
    """

    def __init__(self, entries: Mapping[str, list[tuple[int, Rect]]] | None = None) -> None:
        # horizontal by (y band, x block), vertical by (x band, y block); a block of
        # level 0 is ``BLOCK`` px long, each level up ``LONGEST`` times longer (keys stay
        # pairs of ints: a drawing's indexes are pickled to and from the routing process)
        self.across: dict[tuple[int, int], list[Entry]] = {}
        self.down: dict[tuple[int, int], list[Entry]] = {}
        # per block, the sorted bands that have entries there, so a query looks only at
        # bands in use instead of every band its region spans
        self.across_bands: dict[int, list[int]] = {}
        self.down_bands: dict[int, list[int]] = {}
        # the levels in use, with how many blocks each holds
        self.across_levels: dict[int, int] = {}
        self.down_levels: dict[int, int] = {}
        self.cells: dict[tuple[int, int], list[Entry]] = defaultdict(list)
        self.big: list[Entry] = []  # boxes too large for cells
        self.of_key: dict[str, list[tuple[object, object]]] = {}
        for key, rects in (entries or {}).items():
            self.put(key, rects)

    def put(self, key: str, rects: Iterable[tuple[int, Rect]]) -> None:
        """Replace ``key``'s rectangles (each with its index, e.g. the segment's)."""
        if key in self.of_key:
            self.remove(key)
        places: list[tuple[object, object]] = []
        for index, rect in rects:
            entry = (key, index, rect)
            x0, y0, x1, y1 = rect
            if y0 == y1 and x0 != x1:
                self._along(self.across, self.across_bands, int(y0 // BAND), x0, x1, entry,
                            places, self.across_levels)
            elif x0 == x1 and y0 != y1:
                self._along(self.down, self.down_bands, int(x0 // BAND), y0, y1, entry,
                            places, self.down_levels)
            else:
                cx0, cy0 = int(x0 // CELL), int(y0 // CELL)
                cx1, cy1 = int(x1 // CELL), int(y1 // CELL)
                if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > 16:
                    self.big.append(entry)
                    places.append((None, None))
                    continue
                for cx in range(cx0, cx1 + 1):
                    for cy in range(cy0, cy1 + 1):
                        self.cells[(cx, cy)].append(entry)
                        places.append((self.cells, (cx, cy)))
        self.of_key[key] = places

    @staticmethod
    def _along(buckets: dict, bands: dict, band: int, low: float, high: float, entry: Entry,
               places: list, levels: dict) -> None:
        level, size = 0, SIZES[0]
        b0, b1 = int(low // size), int(high // size)
        while b1 - b0 >= LONGEST and level < LEVELS - 1:
            level += 1
            size = SIZES[level]
            b0, b1 = int(low // size), int(high // size)
        for number in range(b0, b1 + 1):
            block = number * LEVELS + level
            found = buckets.get((band, block))
            if found is None:
                buckets[(band, block)] = [entry]
                in_block = bands.get(block)
                if in_block is None:
                    bands[block] = [band]
                    levels[level] = levels.get(level, 0) + 1
                else:
                    insort(in_block, band)
            else:
                found.append(entry)
            places.append((buckets, (band, block)))

    def remove(self, key: str) -> None:
        for buckets, bucket in self.of_key.pop(key, ()):
            if buckets is None:
                self.big = [e for e in self.big if e[0] != key]
                continue
            found = buckets.get(bucket)
            if found is not None:
                kept = [e for e in found if e[0] != key]
                if kept:
                    buckets[bucket] = kept
                else:
                    del buckets[bucket]
                    if buckets is not self.cells:
                        band, block = bucket
                        across = buckets is self.across
                        bands_of = self.across_bands if across else self.down_bands
                        bands = bands_of[block]
                        del bands[bisect_left(bands, band)]
                        if not bands:
                            del bands_of[block]
                            levels = self.across_levels if across else self.down_levels
                            level = block % LEVELS
                            levels[level] -= 1
                            if not levels[level]:
                                del levels[level]

    @staticmethod
    def _bands(buckets: dict, bands_of: dict, levels: dict, low: float, high: float,
               start: float, end: float) -> list[list[Entry]]:
        """The buckets of bands low..high and blocks start..end, at every level: per
        block, the bands in use found by bisection, so a region costs the buckets it
        holds, not the bands it spans."""
        if not buckets:
            return []
        b0, b1 = int(low // BAND), int(high // BAND)
        out = []
        for level, count in levels.items():
            size = SIZES[level]
            k0, k1 = int(start // size), int(end // size)
            if k1 - k0 + 1 > count:
                blocks = [k for k in bands_of
                          if k % LEVELS == level and k0 <= k // LEVELS <= k1]
            else:
                blocks = [k * LEVELS + level for k in range(k0, k1 + 1)]
            for block in blocks:
                bands = bands_of.get(block)
                if not bands:
                    continue
                first = bisect_left(bands, b0)
                last = bisect_right(bands, b1, first)
                out += [buckets[(band, block)] for band in bands[first:last]]
        return out

    def query(self, left: float, top: float, right: float, bottom: float,
              vertical: bool | None = None) -> list[Entry]:
        """(key, index, rectangle) of every entry touching the region, each once; only
        vertical segments (``vertical=True``) or only the others (``False``) if asked."""
        lists = []
        if vertical is not True:
            lists += self._bands(self.across, self.across_bands, self.across_levels, top,
                                 bottom, left, right)
            cx0, cy0, cx1, cy1 = (int(left // CELL), int(top // CELL), int(right // CELL),
                                  int(bottom // CELL))
            if not self.cells:
                pass
            elif (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > min(MOST_BUCKETS, len(self.cells)):
                lists += [v for (cx, cy), v in self.cells.items()
                          if cx0 <= cx <= cx1 and cy0 <= cy <= cy1]
            else:
                get = self.cells.get
                lists += [v for cx in range(cx0, cx1 + 1) for cy in range(cy0, cy1 + 1)
                          if (v := get((cx, cy))) is not None]
            if self.big:
                lists.append(self.big)
        if vertical is not False:
            lists += self._bands(self.down, self.down_bands, self.down_levels, left, right,
                                 top, bottom)
        hits = [entry for entries in lists for entry in entries
                if (r := entry[2])[0] <= right and r[2] >= left and r[1] <= bottom
                and r[3] >= top]
        # an entry spanning several buckets is found once per bucket: keep the first
        return list(dict.fromkeys(hits)) if len(lists) > 1 else hits


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


class DrawingIndex:
    """The indexes one drawing hands on to the next (see the module's docstring)."""

    def __init__(self, raw: Mapping[str, list[Point]], routes: Mapping[str, list[Point]],
                 labels: Mapping[str, Box]) -> None:
        self.extents = {k: extent_of(p) for k, p in routes.items() if p}
        self.scene = None  # the routing scene (scope.Scene) the drawing was made with
        self.raw = LineIndex({k: segment_rects(p) for k, p in raw.items()})
        self.lines = LineIndex({k: segment_rects(p) for k, p in routes.items()})
        self.set_labels(labels)

    def set_labels(self, labels: Mapping[str, Box]) -> None:
        self.labels = LineIndex({k: [(0, (b.x, b.y, b.right, b.bottom))]
                                 for k, b in labels.items()})


def neighbours(links: Iterable[Link]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for _, source, target in links:
        out[source].add(target)
        out[target].add(source)
    return out


def local_ports(links: list[Link], boxes: Mapping[str, Box], encloses: Callable,
                before: Mapping[str, tuple[Port, Port]], dirty: set[str],
                prefer: Mapping | None = None, holders=None, clear_run=None,
                tab_right=None) -> dict[str, tuple[Port, Port]]:
    """The ports :func:`assign_ports` would give ``links``, computed only near ``dirty``
    shapes (moved, or with relations that came, went or changed ends).

    A port depends on the side's other ports (their order and count) and, alone on its
    side, on the port at its line's other end. So the ports of relations at a dirty shape
    or at one of its neighbours (``near``) can change; computing them on every relation
    within one more ring of neighbours gives each of those sides all its members; every
    other relation keeps its ports. ``prefer``, ``holders``, ``clear_run``, ``tab_right``:
    as the whole drawing passed them to :func:`assign_ports` (the sides and order of the lines along
    the layout's plan, the ways out of systems), else a side's fresh ports could land on
    the kept port of another line."""
    around = neighbours(links)
    near = set(dirty)
    for qname in dirty:
        near |= around.get(qname, set())
    ring = set(near)
    for qname in near:
        ring |= around.get(qname, set())
    sub = [link for link in links if link[1] in ring or link[2] in ring]
    fresh = assign_ports(sub, boxes, encloses, prefer, holders, clear_run, tab_right)
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
