"""A label's tracks: the one-dimensional searches along each segment of its line.

A track is one side of one segment (or the line itself) at the label's distance; what
lies beside it blocks open intervals of the label's centre, and the free position
nearest the segment's middle wins. Split from :mod:`archstudio.render.labels`, which
decides which label goes where; this module only knows tracks. Pure geometry, no Qt.
"""

from __future__ import annotations

from archstudio.layout.geometry import Box
from archstudio.render.scope import Rect

Point = tuple[float, float]
Interval = tuple[float, float, int]  # an open interval of the centre, and its harm
GAP = 5.0  # between a line and the label beside it (an arrowhead's barb is 4.5)
END_ROOM = 16.0  # a label keeps off the last stretch before an arrowhead
EDGE = 0.08  # a label's centre keeps this share of its segment from either end
ON_LINE = 1.5  # preference cost of a label centred on its own line over one beside it
INF = float("inf")
NEAR = 1.0  # label sizes either side of a track's middle searched before the whole track
GROW = 4.0  # each further window along a track reaches this many times as far
OUTER = 3.0  # preference cost of an outer lane (after the spots beside the line and on it)
CORNER = 5.0  # preference cost of a spot over its own line's turn: after the outer lanes


class _Track:
    """A label box sliding along one segment on one side: its centre runs from ``low`` to
    ``high`` along the segment's axis; ``across`` is the box's fixed left (on a vertical
    segment) or top (on a horizontal one)."""

    __slots__ = ("preference", "vertical", "across", "low", "high", "mid", "length",
                 "width", "height", "static", "part", "reach", "windows")

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
        self.windows: list[tuple[_Track, float]] | None = None  # see window()

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
        return self.between(low, high)

    def between(self, low: float, high: float) -> _Track:
        """The part of the track from ``low`` to ``high`` (its reach likewise)."""
        part = _Track(self.preference, self.vertical, self.across, low, high, self.mid,
                      self.length, self.width, self.height)
        if self.reach is not None:
            r = self.reach
            part.reach = _Track(r.preference, r.vertical, r.across, low, high, r.mid,
                                r.length, r.width, r.height)
        return part

    def window(self, level: int) -> tuple[_Track, float]:
        """The part of the track within ``reach`` of its preferred centre, and that reach
        (infinite: the whole track): level 0 is :func:`_part`, each further level reaches
        ``GROW`` times as far, the last is the track itself. Every centre nearer the
        middle than a free spot found in a window lies in that window, so that spot is
        the track's nearest free one."""
        if self.windows is None:
            part = _part(self)
            reach = NEAR * (self.height if self.vertical else self.width)
            self.windows = [(part, reach if part is not self else INF)]
            centre = min(max(self.mid, self.low), self.high)
            while self.windows[-1][0] is not self:
                reach *= GROW
                low, high = max(self.low, centre - reach), min(self.high, centre + reach)
                if low <= self.low and high >= self.high:
                    self.windows.append((self, INF))
                else:
                    self.windows.append((self.between(low, high), reach))
        return self.windows[level]


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
        # the side (+1 / -1 across) each neighbouring segment turns to at this one's ends
        before = _turn(points[i - 1], points[i], vertical) if i > 0 else 0
        after = _turn(points[i + 2], points[i + 1], vertical) if i < last else 0
        for across, preference, head_room, toward in sides:
            lo, hi = low, high
            if i == last:  # clear of the arrowhead (its barbs, or all of it when on it)
                if end > start:
                    hi = min(hi, end - half - head_room)
                else:
                    lo = max(lo, end + half + head_room)
            # Beside the line, on the side its next (previous) segment turns to, a label
            # stays short of that corner: over it, the label would hide its own line's
            # turn and seem to hang on the line beyond (an arrowhead, another line).
            # (The whole track stays, after the others: a corner beats a worse spot.)
            side = 0 if across == line - size / 2 else (1 if across > line else -1)
            short_lo, short_hi = lo, hi
            if side and side == after:
                short_hi = min(hi, end - half - GAP) if end > start else hi
                short_lo = max(lo, end + half + GAP) if end < start else lo
            if side and side == before:
                short_lo = max(short_lo, start + half + GAP) if end > start else short_lo
                short_hi = min(short_hi, start - half - GAP) if end < start else short_hi
            spans = [(preference, short_lo, short_hi)]
            if (short_lo, short_hi) != (lo, hi):
                spans.append((preference + CORNER, lo, hi))
            for cost, lo, hi in spans:
                if lo <= hi:
                    out.append(_track(cost, vertical, across, lo, hi, mid, length, width,
                                      height, toward))
    out.sort(key=lambda t: (t.preference, t.across, t.low))
    return out


def _track(preference: float, vertical: bool, across: float, lo: float, hi: float,
           mid: float, length: float, width: float, height: float, toward: float) -> _Track:
    track = _Track(preference, vertical, across, lo, hi, mid, length, width, height)
    if toward:  # the box grown across to the near lane
        grown = (width + abs(toward), height) if vertical else (width, height + abs(toward))
        track.reach = _Track(preference, vertical, across + min(toward, 0.0), lo, hi, mid,
                             length, *grown)
    return track


def _turn(far: Point, corner: Point, vertical: bool) -> int:
    """Which side (+1 / -1 across a segment) the neighbouring segment from ``corner`` to
    ``far`` lies on; 0 when it runs straight on."""
    delta = far[0] - corner[0] if vertical else far[1] - corner[1]
    return (delta > 0) - (delta < 0)


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
