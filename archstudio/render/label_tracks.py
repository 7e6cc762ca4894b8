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
                 "width", "height", "static", "reach", "windows")

    def __init__(self, preference: float, vertical: bool, across: float, low: float,
                 high: float, mid: float, length: float, width: float, height: float) -> None:
        self.preference, self.vertical, self.across = preference, vertical, across
        self.low, self.high, self.mid, self.length = low, high, mid, length
        self.width, self.height = width, height
        self.static: list[Interval] | None = None
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

    def clipped(self, low: float, high: float) -> _Track:
        """A copy of this track (without its reach) whose centre runs from ``low`` to
        ``high``."""
        return _Track(self.preference, self.vertical, self.across, low, high, self.mid,
                      self.length, self.width, self.height)

    def between(self, low: float, high: float) -> _Track:
        """The part of the track from ``low`` to ``high`` (its reach likewise)."""
        part = self.clipped(low, high)
        if self.reach is not None:
            part.reach = self.reach.clipped(low, high)
        return part

    def window(self, level: int) -> tuple[_Track, float]:
        """The part of the track within ``reach`` of its preferred centre, and that reach
        (infinite: the whole track). Level 0 reaches ``NEAR`` label sizes either side:
        a free spot found there is the nearest of all, and far fewer lines and shapes lie
        beside it. Each further level reaches ``GROW`` times as far, the last is the
        track itself. Every centre nearer the middle than a free spot found in a window
        lies in that window, so that spot is the track's nearest free one. Windows are
        made when first asked for, one level after another."""
        windows = self.windows
        if windows is None:
            windows = self.windows = []
        while len(windows) <= level:
            reach = NEAR * (self.height if self.vertical else self.width) * GROW ** len(windows)
            centre = min(max(self.mid, self.low), self.high)
            low, high = max(self.low, centre - reach), min(self.high, centre + reach)
            if low <= self.low and high >= self.high:
                windows.append((self, INF))
            else:
                windows.append((self.between(low, high), reach))
        return windows[level]


def _tracks(points: list[Point], width: float, height: float,
            lanes: tuple[float, ...] = (), on_line_first: bool = False) -> list[_Track]:
    """Every track of a label along its route, most preferred first (on the ``lanes``
    further out too, after all the others). ``on_line_first``: centred on the line
    before beside it (a marker, which reads as its line's own when the line runs
    through it)."""
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
                 (line - size / 2, base + (-ON_LINE if on_line_first else ON_LINE),
                  END_ROOM, 0.0)]
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


def _best(track: _Track, intervals: list[Interval]) -> tuple[int, float]:
    """The least harm along the track and the centre nearest its middle with that harm."""
    low, high = track.low, track.high
    nearest = min(max(track.mid, low), high)
    inside = [iv for iv in intervals if iv[1] > low and iv[0] < high]
    if not any(a <= nearest <= b for a, b, _ in inside):
        # the nearest centre of all touches no interval along the track, not even at an
        # end: it is free (one outside the track touches it at most at the track's end)
        return 0, nearest
    cuts = _cuts(low, high, inside)
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


def _cuts(low: float, high: float, inside: list[Interval]) -> list[float]:
    """The track's ends and every end of an interval between them, sorted: between two
    neighbours the same intervals cover every centre."""
    return sorted({low, high, *(a for a, _, _ in inside if low < a < high),
                   *(b for _, b, _ in inside if low < b < high)})


def _spots(track: _Track, solid: list[Interval], lines: list[Interval], limit: int
           ) -> list[float]:
    """Up to ``limit`` centres along the track free of ``solid`` intervals, one in each
    stretch between the ``lines`` crossing it: fewest lines under the label first, then
    nearest the track's middle. One sweep along the cuts counts what covers each piece."""
    low, high = track.low, track.high
    solid = [iv for iv in solid if iv[1] > low and iv[0] < high]
    lines = [iv for iv in lines if iv[1] > low and iv[0] < high]
    cuts = _cuts(low, high, solid + lines)
    if len(cuts) == 1:  # a track of a single position: everything along it covers it
        return [] if solid or limit <= 0 else [low]
    # (place, solid intervals, lines) entering (+1) or leaving (-1) there
    events = sorted([(a, 1, 0) for a, _, _ in solid] + [(b, -1, 0) for _, b, _ in solid]
                    + [(a, 0, 1) for a, _, _ in lines] + [(b, 0, -1) for _, b, _ in lines])
    found: list[tuple[int, float, float]] = []
    covered = count = e = 0
    for p, q in zip(cuts, cuts[1:], strict=False):
        while e < len(events) and events[e][0] <= p:
            covered += events[e][1]
            count += events[e][2]
            e += 1
        # intervals are open: one starting at p covers (p, q), one ending at p does not
        if covered:
            continue
        t = min(max(track.mid, p), q)
        found.append((count, abs(t - track.mid), t))
    found.sort()
    return [t for _, _, t in found[:limit]]
