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
in all than it hides now), then tries its narrower shapes (wrapped narrower), then other
relations' lines moved from under it (:mod:`label_room`), and only then its shorter
shapes (without its technology line: ``edge_face``), and last its *marker* (a small
numbered badge on its line, the text in the picture's legend and on hover) where that
spot is free; failing that it takes the spot of least harm (a shape or a system's title
hidden is worst, another label next, a line under it least) and the relation is reported
(``crowded``), so a benchmark can count it. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from heapq import heappop, heappush

from archstudio.layout.geometry import Box
from archstudio.render.label_room import LineMover
from archstudio.render.label_tracks import (
    INF,
    Interval,
    Point,
    _best,
    _spots,
    _Track,
    _tracks,
)
from archstudio.render.scope import Rect, Scope, rect_of
from archstudio.render.spatial import RTree

CLEAR = 2.0  # between a label and a shape or another label
LINE_CLEAR = 1.0  # between a label and a line crossing its track
# The harm of a label on each; harms along a track add up, and each kind outweighs any
# number of the next (a label on another label is worse than lines under it, however many).
SHAPE, FRAME, LABEL, LINE = 1_000_000, 10_000, 100, 1
LABEL_CELL = 256.0
PIECES = 32
SPOTS = 6  # spots per track a crowded label tries to clear of other lines
MAKE_ROOM = 2  # labels in the way that a crowded label may ask to move
# outer lanes: a label this much further from its line than GAP, when no spot beside
# its line is free and only lines of its own bundle lie between the label and its line
LANES = (10.0, 20.0)



class LabelSize(tuple):
    """A label's ``(width, height)``, used as that pair everywhere, with the narrower
    shapes the same text may take (wrapped into more lines), most preferred first: a
    label with no free spot at its usual size may take one of them. Then the ``shorter``
    shapes, which leave part of the text out (its technology line): taken only where
    they free the label from every line, when no shape of its whole text is freed. Last
    the ``marker``'s size (a numbered badge standing for the text), taken only on a spot
    free of everything, when every shape of the text hides something."""

    def __new__(cls, size: tuple[float, float],
                narrower: tuple[tuple[float, float], ...] = (),
                shorter: tuple[tuple[float, float], ...] = (),
                marker: tuple[float, float] | None = None) -> LabelSize:
        made = super().__new__(cls, (float(size[0]), float(size[1])))
        made.narrower = narrower
        made.shorter = shorter
        made.marker = marker
        return made

    def __reduce__(self):
        return LabelSize, (tuple(self), self.narrower, self.shorter, self.marker)


def narrower_sizes(size: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """The narrower shapes a label of ``size`` may take (none for a plain pair)."""
    return getattr(size, "narrower", ())


def shorter_sizes(size: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """The shapes of ``size``'s label that leave part of its text out (none for a pair)."""
    return getattr(size, "shorter", ())


def marker_size(size: tuple[float, float]) -> tuple[float, float] | None:
    """The size of the marker standing for ``size``'s label (None for a pair)."""
    return getattr(size, "marker", None)


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
        of origin, as it was filed). A region spanning more cells than hold labels (a
        long track across a big drawing) looks at those cells instead of its own."""
        found: dict[str, Box] = {}
        x0, y0, x1, y1 = rect
        c = LABEL_CELL
        cx0, cx1, cy0, cy1 = int(x0 // c), int(x1 // c), int(y0 // c), int(y1 // c)
        if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) <= 64:
            cells = self._keys(rect)
        elif (cx1 - cx0 + 1) * (cy1 - cy0 + 1) <= len(self.cells):
            cells = [(x, y) for x in range(cx0, cx1 + 1) for y in range(cy0, cy1 + 1)]
        else:
            cells = [k for k in self.cells if cx0 <= k[0] <= cx1 and cy0 <= k[1] <= cy1]
        for cell in cells:
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
            marker = size is not None and size == marker_size(self.sizes[key])
            found = self.tracks[tag] = _tracks(self.routes[key], width, height,
                                               LANES, on_line_first=marker)
        return found

    def free_tracks(self, key: str, first: int = 3) -> int:
        """How many of the first few tracks have a spot near their middle free of shapes
        and lines."""
        return sum(_best(p, _static(p, key, self.scopes[key], self.lines, self.scopes))[0] == 0
                   for p in (t.window(0)[0] for t in self.tracks_of(key)[:first]))

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
        its preferred place: the least (harm, score) over its tracks, the earliest track
        on a tie. Tracks are searched best first, each in windows growing from its middle
        (:meth:`_Track.window`): a window with no free spot bounds the score of any free
        spot farther out, so a track is swept whole only while it may still beat the
        free spot found so far, or when no track has one (the least harm is wanted)."""
        tracks = self.tracks_of(key, size)
        if not tracks:
            return None
        scope = self.scopes[key]
        # (lower bound of a free spot's score, track, window level); the tracks come
        # sorted by preference, so the list is a heap already
        pending = [(track.preference, n, 0) for n, track in enumerate(tracks)]
        free: tuple[float, int, Box] | None = None
        least: tuple[int, float, int, Box] | None = None
        while pending:
            bound, n, level = heappop(pending)
            if free is not None and (bound, n) > (free[0], free[1]):
                break  # no track left can beat (or tie earlier than) the free spot
            track = tracks[n]
            window, reach = track.window(level)
            intervals = _static(window, key, scope, self.lines, self.scopes)
            harm, t = _best(window, intervals + _label_blocks(window, self.placed, key)[0])
            if harm == 0:  # the nearest free spot of the track: nearer ones lie inside
                found = (track.score(t), n, track.box(t))
                if free is None or found[:2] < free[:2]:
                    free = found
            elif window is not track:
                heappush(pending, (track.preference + reach / track.length, n, level + 1))
            elif least is None or (harm, track.score(t), n) < least[:3]:
                least = (harm, track.score(t), n, track.box(t))
        if free is not None:
            return 0, free[2]
        return None if least is None else (least[0], least[3])

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
        moved (None: nothing moved); ``harm`` then tells what each hides where it is."""
        for track in self.tracks_of(key):
            static = _static(track, key, self.scopes[key], self.lines, self.scopes)
            blocked, t = _best(track, static)
            if blocked:  # a shape, the frame or a line there: no label can make room
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
                    return list(moved)
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
        if key in kept or key not in crowded:  # (moved to a free spot to make room)
            continue
        box = work.take(key)
        moved = work.make_room(key, work.harm[key])
        if moved is not None:
            crowded.remove(key)
            # each label once: one that was crowded and moved to a free spot is not now
            crowded = [k for k in crowded if k not in moved or work.harm[k]]
            crowded += [k for k in moved if work.harm[k] and k not in crowded]
        else:
            work.put(key, box)
    for key in list(crowded):  # a narrower shape of the label (more lines) where one fits,
        if key in kept or key not in crowded or not narrower_sizes(sizes[key]):
            continue  # (else the least harmful shape)
        crowded = _reshaped(work, key, narrower_sizes(sizes[key]), crowded, True)
    mover = None
    if crowded and moved_lines is not None:  # move the lines in the way
        mover = LineMover(routes, scopes, work.boxes, lambda r: work.placed.near(r).keys(),
                          work.lines)
        crowded = _cleared(work, mover, crowded, lambda k: (None, *narrower_sizes(sizes[k])))
        if mover.moved:  # the later shapes see the moved lines where they run now
            work.lines = _MovedLines(work.lines, mover)
            work.tracks.clear()
    for key in list(crowded):  # the label without its technology where that frees it (or
        # hides fewer lines than any shape of all its text; lines moved for these shapes
        # freed no more labels on the corpus)
        if key in kept or key not in crowded or not shorter_sizes(sizes[key]):
            continue
        crowded = _reshaped(work, key, shorter_sizes(sizes[key]), crowded, False)
    crowded = _marked(work, crowded)
    if mover is not None:
        moved_lines |= mover.moved
    return work.boxes, sorted(crowded)


def _reshaped(work: _Placement, key: str, shapes: tuple[tuple[float, float], ...],
              crowded: list[str], fresh: bool) -> list[str]:
    """``key``'s crowded label in the first of ``shapes`` with a free spot, else in the
    least harmful of ``shapes`` and its usual shape's best spot (``fresh``) or the spot
    it holds. Returns the labels still crowded. (Asking the labels in the way to make
    room for these shapes too freed fewer labels on the corpus, at a third more time.)"""
    box = work.take(key)
    least = work.best(key) if fresh else (work.harm[key], box)
    for size in shapes:
        found = work.best(key, size)
        if found is not None and (least is None or found[0] < least[0]):
            least = found
        if found is not None and found[0] == 0:
            break
    if least is not None:
        box = least[1]
        work.harm[key] = least[0]
    work.put(key, box)
    return crowded if work.harm[key] else [k for k in crowded if k != key]


def _cleared(work: _Placement, mover: LineMover, crowded: list[str], shapes) -> list[str]:
    """The crowded labels each on a spot along its line (at one of ``shapes(key)``, None
    its usual size) with the other lines under it moved aside, where one is found.
    Returns the labels still crowded."""
    still = []
    for key in crowded:
        if key in work.fixed:
            still.append(key)
            continue
        box = work.take(key)
        spot = next((found for size in shapes(key)
                     if (found := work.spot_clear_of_lines(key, mover, size=size))
                     is not None), None)
        if spot is not None:
            work.harm[key] = 0
        else:
            still.append(key)
        work.put(key, spot or box)
    return still


class _MovedLines:
    """The lines' pieces as label placement asks for them (``query``), the lines moved
    out from under labels where they run now (``LineMover.now``) instead of where they
    ran: a label placed after the moves must not take a spot a moved line now crosses."""

    def __init__(self, before, mover: LineMover) -> None:
        self.before, self.mover = before, mover

    def query(self, left: float, top: float, right: float, bottom: float
              ) -> list[tuple[str, Rect]]:
        moved = self.mover.moved
        out = [(key, rect) for key, rect in self.before.query(left, top, right, bottom)
               if key not in moved]
        out += [(key, rect) for key, _, rect in self.mover.now.query(left, top, right, bottom)
                if key in moved]
        return out


def _marked(work: _Placement, crowded: list[str]) -> list[str]:
    """Each crowded label that has a marker as a marker, where a spot along its line is
    free of everything for it (elsewhere it keeps the least harmful shape of its text: a
    marker that hides a line too would only make the line harder to read). Returns the
    labels still crowded."""
    still = []
    for key in crowded:
        marker = marker_size(work.sizes[key])
        if key in work.fixed or marker is None:
            still.append(key)
            continue
        found = work.best(key, marker)
        if found is not None and found[0] == 0:
            work.take(key)
            work.put(key, found[1])
            work.harm[key] = 0
        else:
            still.append(key)
    return still
