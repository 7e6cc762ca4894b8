"""Relation labels as objects: each sits beside its own line, on no shape, no system title,
no other label and no other relation's line.

A label slides along every segment of its route, on both sides (and, less preferred,
centred on the line itself): each such *track* is a one-dimensional search. What lies
beside the track (shapes, the relation's frame, other relations' lines, labels already
placed) blocks intervals of the label's centre; the free position nearest the middle of
the segment wins, the middle of a long inner segment first, the segments into the
arrowheads last. A free spot anywhere along the line is found, not only at a few
fractions of it. Labels are placed one after another, those with the fewest free tracks
first, so a crowded label gets the spot it needs before a relaxed one takes it. A label
with no free spot beside its line may sit a lane or two further out (``LANES``) where
only lines of its own bundle (sharing an end with it) run between it and its line, so a
reader never takes it for another relation's label. A label with no free spot then asks
the labels in its way to move to another spot of their own (free, or hiding fewer lines
in all than it hides now); failing that it takes the spot of least harm (a shape or a
system's title hidden is worst, another label next, a line under it least) and the
relation is reported (``crowded``), so a benchmark can count it. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from archstudio.layout.geometry import Box
from archstudio.render.label_room import LineMover
from archstudio.render.scope import Rect, Scope, rect_of
from archstudio.render.spatial import RTree

Point = tuple[float, float]
GAP = 5.0  # between a line and the label beside it (an arrowhead's barb is 4.5)
END_ROOM = 16.0  # a label keeps off the last stretch before an arrowhead
EDGE = 0.08  # a label's centre keeps this share of its segment from either end
ON_LINE = 1.5  # preference cost of a label centred on its own line over one beside it
CLEAR = 2.0  # between a label and a shape or another label
LINE_CLEAR = 1.0  # between a label and a line crossing its track
# The harm of a label on each; harms along a track add up, and each kind outweighs any
# number of the next (a label on another label is worse than lines under it, however many).
SHAPE, FRAME, LABEL, LINE = 1_000_000, 10_000, 100, 1
LABEL_CELL = 256.0
PIECES = 32
INF = float("inf")
NEAR = 1.0  # label sizes either side of a track's middle searched before the whole track
SPOTS = 6  # spots per track a crowded label tries to clear of other lines
MAKE_ROOM = 2  # labels in the way that a crowded label may ask to move
# outer lanes: a label this much further from its line than GAP, when no spot beside
# its line is free and only lines of its own bundle lie between the label and its line
LANES = (10.0, 20.0)
OUTER = 3.0  # preference cost of an outer lane (after the spots beside the line and on it)

Interval = tuple[float, float, int]  # an open interval of the centre, and its harm


class LabelSize(tuple):
    """A label's ``(width, height)``, used as that pair everywhere, with the narrower
    shapes the same text may take (wrapped into more lines), most preferred first: a
    label with no free spot at its usual size may take one of them."""

    def __new__(cls, size: tuple[float, float],
                narrower: tuple[tuple[float, float], ...] = ()) -> LabelSize:
        made = super().__new__(cls, (float(size[0]), float(size[1])))
        made.narrower = narrower
        return made

    def __reduce__(self):
        return LabelSize, (tuple(self), self.narrower)


def narrower_sizes(size: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """The narrower shapes a label of ``size`` may take (none for a plain pair)."""
    return getattr(size, "narrower", ())


class _Track:
    """A label box sliding along one segment on one side: its centre runs from ``low`` to
    ``high`` along the segment's axis; ``across`` is the box's fixed left (on a vertical
    segment) or top (on a horizontal one)."""

    __slots__ = ("preference", "vertical", "across", "low", "high", "mid", "length",
                 "width", "height", "static", "part", "reach")

    def __init__(self, preference: float, vertical: bool, across: float, low: float,
                 high: float, mid: float, length: float, width: float, height: float) -> None:
        self.preference, self.vertical, self.across = preference, vertical, across
        self.low, self.high, self.mid, self.length = low, high, mid, length
        self.width, self.height = width, height
        self.static: list[Interval] | None = None
        self.part: _Track | None | bool = False  # near_middle(), once asked
        # a track in an outer lane: the box grown across to the near lane, which must be
        # as clear as the box itself (no line, label or shape between a label and its line)
        self.reach: _Track | None = None

    def probe(self) -> _Track:
        """What must be clear for the box to sit on the track (``reach`` or itself)."""
        return self.reach or self

    def box(self, t: float) -> Box:
        if self.vertical:
            return Box(self.across, t - self.height / 2, self.width, self.height)
        return Box(t - self.width / 2, self.across, self.width, self.height)

    def sweep(self, pad: float) -> Rect:
        """The region every position of the box covers, grown by ``pad``."""
        if self.vertical:
            return (self.across - pad, self.low - self.height / 2 - pad,
                    self.across + self.width + pad, self.high + self.height / 2 + pad)
        return (self.low - self.width / 2 - pad, self.across - pad,
                self.high + self.width / 2 + pad, self.across + self.height + pad)

    def blocks(self, rect: Rect, pad: float, harm: int) -> Interval | None:
        """The centres at which the box comes within ``pad`` of ``rect`` (None: never)."""
        x0, y0, x1, y1 = rect
        if self.vertical:
            if not (x0 - pad < self.across + self.width and x1 + pad > self.across):
                return None
            half = self.height / 2
            return (y0 - pad - half, y1 + pad + half, harm)
        if not (y0 - pad < self.across + self.height and y1 + pad > self.across):
            return None
        half = self.width / 2
        return (x0 - pad - half, x1 + pad + half, harm)

    def score(self, t: float) -> float:
        return self.preference + abs(t - self.mid) / self.length

    def near_middle(self) -> _Track | None:
        """The part of the track within a few label sizes of its preferred centre (None:
        the whole track is that short). A free spot found there is the nearest of all, and
        far fewer lines and shapes lie beside it."""
        reach = NEAR * (self.height if self.vertical else self.width)
        centre = min(max(self.mid, self.low), self.high)
        low, high = max(self.low, centre - reach), min(self.high, centre + reach)
        if low <= self.low and high >= self.high:
            return None
        part = _Track(self.preference, self.vertical, self.across, low, high, self.mid,
                      self.length, self.width, self.height)
        if self.reach is not None:
            r = self.reach
            part.reach = _Track(r.preference, r.vertical, r.across, low, high, r.mid,
                                r.length, r.width, r.height)
        return part


def _tracks(points: list[Point], width: float, height: float,
            lanes: tuple[float, ...] = ()) -> list[_Track]:
    """Every track of a label along its route, most preferred first (on the ``lanes``
    further out too, after all the others)."""
    out: list[_Track] = []
    last = len(points) - 2
    for i in range(len(points) - 1):
        (ax, ay), (bx, by) = points[i], points[i + 1]
        length = abs(bx - ax) + abs(by - ay)
        if length <= 0 or (ax != bx and ay != by):
            continue
        vertical = ax == bx
        outer = i == 0 or i == last
        base = -min(length, 400.0) / 200.0 + (0.6 if outer else 0.0)
        start, end = (ay, by) if vertical else (ax, bx)
        low, high = min(start, end) + EDGE * length, max(start, end) - EDGE * length
        half = (height if vertical else width) / 2
        mid = (start + end) / 2
        line = ax if vertical else ay
        size = width if vertical else height
        sides = [(line + GAP, base, 2.0, 0.0), (line - GAP - size, base + 0.05, 2.0, 0.0),
                 (line - size / 2, base + ON_LINE, END_ROOM, 0.0)]
        for n, lane in enumerate(lanes):  # outer lanes: after every spot beside the line
            sides += [(line + GAP + lane, base + OUTER + n, 2.0, -lane),
                      (line - GAP - lane - size, base + OUTER + 0.05 + n, 2.0, lane)]
        for across, preference, head_room, toward in sides:
            lo, hi = low, high
            if i == last:  # clear of the arrowhead (its barbs, or all of it when on it)
                if end > start:
                    hi = min(hi, end - half - head_room)
                else:
                    lo = max(lo, end + half + head_room)
            if lo <= hi:
                track = _Track(preference, vertical, across, lo, hi, mid, length, width,
                               height)
                if toward:  # the box grown across to the near lane
                    grown = (width + abs(toward), height) if vertical else (
                        width, height + abs(toward))
                    track.reach = _Track(preference, vertical, across + min(toward, 0.0),
                                         lo, hi, mid, length, *grown)
                out.append(track)
    out.sort(key=lambda t: (t.preference, t.across, t.low))
    return out


def _part(track: _Track) -> _Track:
    """The track's part near its middle (the track itself when it is that short)."""
    if track.part is False:
        track.part = track.near_middle()
    return track.part or track


def _best(track: _Track, intervals: list[Interval]) -> tuple[int, float]:
    """The least harm along the track and the centre nearest its middle with that harm."""
    low, high = track.low, track.high
    nearest = min(max(track.mid, low), high)
    if not any(a <= nearest <= b for a, b, _ in intervals):
        # the nearest centre of all touches no interval, not even at an end: it is free
        return 0, nearest
    inside = [iv for iv in intervals if iv[1] > low and iv[0] < high]
    if not inside:
        return 0, nearest
    cuts = sorted({low, high, *(a for a, _, _ in inside if low < a < high),
                   *(b for _, b, _ in inside if low < b < high)})
    if len(cuts) == 1:  # a track of a single position
        return sum(h for a, b, h in inside if a < low < b), low
    events = sorted([(a, h) for a, _, h in inside] + [(b, -h) for _, b, h in inside])
    mid, count = track.mid, len(events)
    least, closest, spot = INF, INF, low
    harm, e = 0, 0
    for p, q in zip(cuts, cuts[1:], strict=False):
        while e < count and events[e][0] <= p:
            harm += events[e][1]
            e += 1
        # intervals are open: one starting exactly at p covers (p, q) too, and the loop
        # above has added it; one ending at p has been removed
        if mid < p:
            t, distance = p, p - mid
        elif mid > q:
            t, distance = q, mid - q
        else:
            t, distance = mid, 0.0
        if harm < least or (harm == least and distance < closest):
            least, closest, spot = harm, distance, t
        if least == 0 and q - mid >= closest:
            break  # every later piece lies farther from the middle: none does better
    return least, spot


def _spots(track: _Track, solid: list[Interval], lines: list[Interval], limit: int
           ) -> list[float]:
    """Up to ``limit`` centres along the track free of ``solid`` intervals, one in each
    stretch between the ``lines`` crossing it: fewest lines under the label first, then
    nearest the track's middle."""
    low, high = track.low, track.high
    inside = [iv for iv in solid + lines if iv[1] > low and iv[0] < high]
    cuts = sorted({low, high, *(a for a, _, _ in inside if low < a < high),
                   *(b for _, b, _ in inside if low < b < high)})
    found: list[tuple[int, float, float]] = []
    pieces = list(zip(cuts, cuts[1:], strict=False)) or [(low, low)]
    for p, q in pieces:
        m = (p + q) / 2
        if any(a < m < b or (p == q and a < p < b) for a, b, _ in solid):
            continue
        t = min(max(track.mid, p), q)
        count = sum(1 for a, b, _ in lines if a < m < b or (p == q and a < p < b))
        found.append((count, abs(t - track.mid), t))
    found.sort()
    return [t for _, _, t in found[:limit]]


class _Placed:
    """Labels placed so far, hashed by cell (a label is small, so it spans few cells)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, Box]]] = defaultdict(list)

    def _keys(self, rect: Rect):
        c = LABEL_CELL
        x0, x1 = int(rect[0] // c), int(rect[2] // c)
        y0, y1 = int(rect[1] // c), int(rect[3] // c)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 64:  # an absurdly large region: one bucket
            return [(x0, y0)]
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def add(self, key: str, box: Box) -> None:
        for cell in self._keys((box.x, box.y, box.right, box.bottom)):
            self.cells[cell].append((key, box))

    def remove(self, key: str, box: Box) -> None:
        for cell in self._keys((box.x, box.y, box.right, box.bottom)):
            self.cells[cell].remove((key, box))

    def near(self, rect: Rect) -> dict[str, Box]:
        """The labels whose box touches ``rect`` (a large label is found from its cell
        of origin, as it was filed)."""
        found: dict[str, Box] = {}
        x0, y0, x1, y1 = rect
        for cell in self._keys(rect):
            for key, box in self.cells.get(cell, ()):
                if box.x <= x1 and box.right >= x0 and box.y <= y1 and box.bottom >= y0:
                    found[key] = box
        return found


def _label_frame(scope: Scope) -> Rect | None:
    """Where a label may go: its line's frame, except for a relation between a system and
    its own member, whose line runs in the system's padding (too narrow for a label): its
    label may go anywhere the system's parent allows, beside the system's border."""
    source, target = scope.ends
    scene = scope.scene
    up_s, up_t = scene.ancestors(source), scene.ancestors(target)
    if target not in up_s and source not in up_t:
        return scope.frame
    outer = target if target in up_s else source
    parent = scene.ancestors(outer)
    return None if not parent else rect_of(scene.shapes[parent[0]].box)


def _spans(track: _Track, pieces: list[tuple[object, Rect]], pad: float
           ) -> list[tuple[object, float, float]]:
    """(owner, low, high) of each (owner, rectangle) the box meets across: the open
    interval of centres at which it comes within ``pad`` (``_Track.blocks`` for many
    rectangles at once, the same arithmetic)."""
    across = track.across
    if track.vertical:
        far, half = across + track.width, track.height / 2
        return [(o, y0 - pad - half, y1 + pad + half) for o, (x0, y0, x1, y1) in pieces
                if x0 - pad < far and x1 + pad > across]
    far, half = across + track.height, track.width / 2
    return [(o, x0 - pad - half, x1 + pad + half) for o, (x0, y0, x1, y1) in pieces
            if y0 - pad < far and y1 + pad > across]


def _static(track: _Track, key: str, scope: Scope, lines: RTree[tuple[str, Rect]],
            scopes: Mapping[str, Scope] | None = None) -> list[Interval]:
    """What blocks the track whatever the other labels do: shapes, frame, other lines.
    On an outer lane, lines between the box and its own line block it too, except the
    lines sharing an end with it (``scopes`` tells: its own bundle)."""
    if track.static is not None:
        return track.static
    probe = track.probe()
    shapes = [(None, rect) for rect in scope.obstacles(*probe.sweep(CLEAR))]
    out: list[Interval] = [(a, b, SHAPE) for _, a, b in _spans(probe, shapes, CLEAR)]
    frame = _label_frame(scope)
    if frame is not None:
        fx0, fy0, fx1, fy1 = frame
        if track.vertical:
            outside = track.across < fx0 or track.across + track.width > fx1
            first, second, half = fy0, fy1, track.height / 2
        else:
            outside = track.across < fy0 or track.across + track.height > fy1
            first, second, half = fx0, fx1, track.width / 2
        if outside:
            out.append((-INF, INF, FRAME))
        else:
            out.append((-INF, first + half, FRAME))
            out.append((second - half, INF, FRAME))
    by_line: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pieces = lines.query(*probe.sweep(LINE_CLEAR))
    spans = _spans(probe, pieces, LINE_CLEAR)
    if probe is not track:  # the lines of its own bundle may run between
        ends = set(scope.ends)
        bundle = {o for o, _ in pieces if o != key and scopes is not None
                  and ends.intersection(_ends(scopes, o))}
        spans = [sp for sp in spans if sp[0] not in bundle] + [
            sp for sp in _spans(track, pieces, LINE_CLEAR) if sp[0] in bundle]
    for other, a, b in spans:
        if other != key:
            by_line[other].append((a, b))
    for spans in by_line.values():  # one relation's pieces count once where they meet
        spans.sort()
        a, b = spans[0]
        for c, d in spans[1:]:
            if c <= b:
                b = max(b, d)
            else:
                out.append((a, b, LINE))
                a, b = c, d
        out.append((a, b, LINE))
    track.static = out
    return out


def _ends(scopes: Mapping[str, Scope], key: str) -> tuple[str, ...]:
    """The two ends of relation ``key`` (none when it has no scope)."""
    table = getattr(scopes, "ends", None)  # Scopes knows them without making a scope
    if isinstance(table, dict):
        return table.get(key, ())
    scope = scopes.get(key)
    return scope.ends if scope is not None else ()


def _label_blocks(track: _Track, placed: _Placed, skip: str | None = None
                  ) -> tuple[list[Interval], dict[str, Interval]]:
    out: list[Interval] = []
    owners: dict[str, Interval] = {}
    track = track.probe()
    for other, box in placed.near(track.sweep(CLEAR)).items():
        if other == skip:
            continue
        found = track.blocks((box.x, box.y, box.right, box.bottom), CLEAR, LABEL)
        if found is not None:
            out.append(found)
            owners[other] = found
    return out, owners


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


class _Placement:
    """The labels of one drawing being placed: their tracks and what is placed so far."""

    def __init__(self, routes, sizes, scopes, lines) -> None:
        self.routes, self.sizes, self.scopes, self.lines = routes, sizes, scopes, lines
        self.placed = _Placed()
        self.boxes: dict[str, Box] = {}
        self.tracks: dict = {}  # key, or (key, a narrower size) -> tracks
        self.fixed: set[str] = set()  # labels kept where they are (``keep``)
        self.harm: dict[str, int] = {}  # what each label placed so far hides

    def tracks_of(self, key: str, size: tuple[float, float] | None = None) -> list[_Track]:
        """The tracks of ``key``'s label at its size (or at ``size``, a narrower one)."""
        tag = key if size is None else (key, size)
        found = self.tracks.get(tag)
        if found is None:
            width, height = self.sizes[key] if size is None else size
            found = self.tracks[tag] = _tracks(self.routes[key], width, height,
                                               LANES)
        return found

    def free_tracks(self, key: str, first: int = 3) -> int:
        """How many of the first few tracks have a spot near their middle free of shapes
        and lines."""
        return sum(_best(p, _static(p, key, self.scopes[key], self.lines, self.scopes))[0] == 0
                   for p in map(_part, self.tracks_of(key)[:first]))

    def put(self, key: str, box: Box) -> None:
        self.boxes[key] = box
        self.placed.add(key, box)

    def take(self, key: str) -> Box:
        box = self.boxes.pop(key)
        self.placed.remove(key, box)
        return box

    def best(self, key: str, size: tuple[float, float] | None = None
             ) -> tuple[int, Box] | None:
        """The least harmful spot for ``key``'s label (at ``size``, when given), nearest
        its preferred place."""
        best: tuple[int, float, Box] | None = None
        for track in self.tracks_of(key, size):
            if best is not None and best[0] == 0 and best[1] <= track.preference:
                break  # every later track is less preferred than the free spot found
            harm = 1
            part = _part(track)
            if part is not track:  # near the middle first: the nearest free spot if any
                intervals = _static(part, key, self.scopes[key], self.lines, self.scopes)
                harm, t = _best(part, intervals + _label_blocks(part, self.placed, key)[0])
            if harm:
                intervals = _static(track, key, self.scopes[key], self.lines, self.scopes)
                harm, t = _best(track, intervals + _label_blocks(track, self.placed, key)[0])
            score = track.score(t)
            if best is None or (harm, score) < (best[0], best[1]):
                best = (harm, score, track.box(t))
        return None if best is None else (best[0], best[2])

    def spot_clear_of_lines(self, key: str, mover: LineMover, first: int = 8,
                            size: tuple[float, float] | None = None) -> Box | None:
        """A spot free of shapes and labels along one of the first tracks (of the label
        at ``size``, when given), with the other lines under it moved aside (None: no
        such spot). Along each track the spots with the fewest lines under them are
        tried first (each a different set of lines to move), then the one nearest the
        middle."""
        for track in [t for t in self.tracks_of(key, size) if t.reach is None][:first]:
            static = _static(track, key, self.scopes[key], self.lines, self.scopes)
            solid = [iv for iv in static if iv[2] != LINE]
            solid += _label_blocks(track, self.placed, key)[0]
            lines = [iv for iv in static if iv[2] == LINE]
            for t in _spots(track, solid, lines, SPOTS):
                if mover.clear(track.box(t), key):
                    return track.box(t)
        return None

    def make_room(self, key: str, harm: int) -> list[str] | None:
        """Place ``key``'s label (now at a spot of ``harm``) on a spot free of shapes
        and lines that only labels block, when those labels can move to other spots of
        their own and the lines under all of them together are fewer than before (a
        label there hiding no line, or fewer than ``key``'s now). Returns the labels
        moved onto a spot with lines under it (None: nothing moved)."""
        for track in self.tracks_of(key):
            static = _static(track, key, self.scopes[key], self.lines, self.scopes)
            found, t = _best(track, static)
            if found:
                continue
            box = track.box(t)
            _, owners = _label_blocks(track, self.placed, key)
            in_way = [o for o, (a, b, _) in owners.items() if a < t < b]
            if not in_way or len(in_way) > MAKE_ROOM or not self.fixed.isdisjoint(in_way):
                continue
            taken = {o: self.take(o) for o in in_way}
            self.put(key, box)
            moved: dict[str, tuple[int, Box]] = {}
            for other in in_way:
                found_other = self.best(other)
                if found_other is None or found_other[0] >= LABEL:
                    break
                moved[other] = found_other
                self.put(other, found_other[1])
            else:
                after = sum(h for h, _ in moved.values())
                before = harm + sum(self.harm.get(o, 0) for o in in_way)
                if after < before:
                    self.harm[key] = 0
                    for other, (h, _) in moved.items():
                        self.harm[other] = h
                    return [o for o, (h, _) in moved.items() if h]
            for other in moved:  # undo: the labels go back where they were
                self.take(other)
            self.take(key)
            for other, old in taken.items():
                self.put(other, old)
        return None


def place_labels(routes: dict[str, list[Point]], sizes: Mapping[str, tuple[float, float]],
                 scopes: Mapping[str, Scope], keep: Mapping[str, Box] | None = None,
                 lines=None, moved_lines: set[str] | None = None
                 ) -> tuple[dict[str, Box], list[str]]:
    """A box for every label in ``sizes`` (keyed like ``routes``) and the relations whose
    label found no free spot. ``keep``: labels already placed that stay where they are.
    ``lines``: an index of the routes' segments whose ``query(left, top, right, bottom)``
    gives (key, rectangle) pairs, when the caller keeps one (else one is built).
    ``moved_lines``: when given, a crowded label may have other relations' lines moved
    out from under it (:mod:`label_room`; ``routes`` is changed in place) and the keys of
    the moved lines are added to it, so the caller can update its index; ``keep`` must
    then hold every label placed so far."""
    work = _Placement(routes, sizes, scopes, lines if lines is not None else line_index(routes))
    kept = work.fixed = set(keep or ())
    for key, box in (keep or {}).items():
        work.put(key, box)
    pending = [k for k in sizes if k not in kept and k in routes]
    free = {key: work.free_tracks(key) for key in pending}
    pending.sort(key=lambda k: (free[k], k))
    crowded: list[str] = []
    for key in pending:
        found = work.best(key)
        if found is None:  # a route too short for any track: centre it
            (ax, ay), (bx, by) = routes[key][0], routes[key][-1]
            width, height = sizes[key]
            found = (1, Box((ax + bx - width) / 2, (ay + by - height) / 2, width, height))
        if found[0] > 0:
            crowded.append(key)
        work.put(key, found[1])
        work.harm[key] = found[0]
    for key in list(crowded):  # ask the labels in the way to make room
        if key in kept:
            continue
        box = work.take(key)
        displaced = work.make_room(key, work.harm[key])
        if displaced is not None:
            crowded.remove(key)
            crowded += displaced
        else:
            work.put(key, box)
    for key in list(crowded):  # a narrower shape of the label (more lines) where one fits,
        if key in kept or not narrower_sizes(sizes[key]):  # else the least harmful shape
            continue
        box = work.take(key)
        least = work.best(key)
        for size in narrower_sizes(sizes[key]):
            found = work.best(key, size)
            if found is not None and (least is None or found[0] < least[0]):
                least = found
            if found is not None and found[0] == 0:
                crowded.remove(key)
                break
        work.put(key, least[1] if least is not None else box)
    if crowded and moved_lines is not None:  # move the lines in the way
        mover = LineMover(routes, scopes, work.boxes, lambda r: work.placed.near(r).keys(),
                          work.lines)
        for key in list(crowded):
            if key in kept:
                continue
            box = work.take(key)
            for size in (None, *narrower_sizes(sizes[key])):
                spot = work.spot_clear_of_lines(key, mover, size=size)
                if spot is not None:
                    crowded.remove(key)
                    break
            work.put(key, spot or box)
        moved_lines |= mover.moved
    return work.boxes, sorted(crowded)
