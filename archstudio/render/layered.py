"""Lines that follow the layered engine's plan: through the dummy points it reserved, with
their jogs in the gaps between layers ordered so that the jogs add no crossings.

When the boxes are the engine's own drawing, each relation has a
:class:`~archstudio.layout.routes.Hint`: one point per layer it crosses, placed by the
crossing minimisation. A line leaves its source on the side facing the flow, runs level
through each of those points and turns only in the gaps between layers. In one gap, the
vertical pieces (for a left-to-right flow) of all lines are ordered as ELK's orthogonal
router orders them: for each pair whose spans overlap, the order that makes fewer
crossings between the two wins; cycles are broken by a greedy sequence, and pieces that
need not be apart share a slot (longest path), so the gap is spread over as few slots as
the ordering needs. A line whose plan runs through anything it must not (the person
dragged a shape into it, or a system's title lies in the way) is left to the search
router (:mod:`search`). Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from archstudio.layout.routes import Hint
from archstudio.layout.slots import MARGIN, SPACING, slots
from archstudio.render.ports import Port
from archstudio.render.scope import Rect, Scope, blocked, rect_of

Point = tuple[float, float]
CLEAR = 9.0  # a jog keeps this far from a shape beside it
READABLE = 3.0  # px between jogs packed at the end of a short room
PARALLEL = 8.0  # relations sharing the engine's plan (same ends) run this far apart
EDGE = 30.0  # a plan may pass this far outside the shapes' extent (layout.SYSTEM_GAP)


def end_sides(hint: Hint) -> tuple[str, str]:
    """The sides a hinted line leaves its source and enters its target by: those facing
    the neighbouring layer along the flow."""
    forward_s = hint.layers[1][0] >= hint.layers[0][0]
    forward_t = hint.layers[-1][0] >= hint.layers[-2][0]
    if hint.axis == 0:
        return ("R" if forward_s else "L", "L" if forward_t else "R")
    return ("B" if forward_s else "T", "T" if forward_t else "B")


def toward(hint: Hint, end: int) -> float:
    """Across the flow, where the line goes next from its source (end 0) or came from
    into its target (end 1): the order of ports along a side."""
    cross = 1 - hint.axis
    if hint.points:
        return hint.points[0 if end == 0 else -1][cross]
    other = hint.target_box if end == 0 else hint.source_box
    return other.center[cross]


class _Jog:
    """The piece of a line across the flow in one gap (in flow/cross coordinates)."""

    __slots__ = ("key", "index", "first", "second", "low", "high", "place")

    def __init__(self, key: str, index: int, first: float, second: float,
                 low: float, high: float) -> None:
        self.key, self.index = key, index
        self.first, self.second = first, second  # cross coordinate on the near / far side
        self.low, self.high = low, high  # where along the flow it may go
        self.place = (low + high) / 2

    def spans(self, cross: float) -> bool:
        a, b = sorted((self.first, self.second))
        return a < cross < b


def _order(jogs: list[_Jog], near: float, far: float) -> None:
    """Give every jog of the gap (near, far) its place: ordered by fewest crossings, as
    few slots as that order needs (``layout.slots``), packed from the near side (each
    inside its room; jogs whose room is shorter, under a title tab, share it in their
    slots' order, and the jogs whose order after them saves crossings follow them)."""
    jogs.sort(key=lambda j: (min(j.first, j.second), max(j.first, j.second), j.key, j.index))
    before: list[tuple[int, int]] = []
    slot = slots([(j.first, j.second) for j in jogs], [(j.first, j.key, j.index) for j in jogs],
                 before)
    count = max(slot, default=0) + 1
    step = min(SPACING, (far - near - 2 * MARGIN) / (count + 1))
    squeezed = []
    for jog, n in zip(jogs, slot, strict=True):  # packed on the near side: room for labels
        jog.place = near + MARGIN + (n + 1) * step
        if not jog.low <= jog.place <= jog.high:  # its room starts further on
            squeezed.append((n, jog))
    # Jogs whose room is shorter share it in their slots' order.
    squeezed.sort(key=lambda item: item[0])
    for rank, (_, jog) in enumerate(squeezed):
        jog.place = min(jog.low + (rank + 1) * step, jog.high)
        if len(squeezed) > 1 and jog.low + len(squeezed) * step > jog.high:
            jog.place = jog.low + (jog.high - jog.low) * (rank + 1) / (len(squeezed) + 1)
    # Every jog whose order after a squeezed one saves crossings goes after it (met at
    # the room's end, nudging would spread them in any order); the rest keep their places
    # near the near side.
    after: dict[int, list[int]] = {}
    for a, b in before:
        after.setdefault(a, []).append(b)
    for a in sorted(range(len(jogs)), key=lambda i: slot[i]):
        for b in after.get(a, ()):
            if jogs[b].place <= jogs[a].place:
                jogs[b].place = jogs[a].place + min(step, SPACING / 2)
    _back_from_ends(jogs, [jog for _, jog in squeezed], step, far)


def _back_from_ends(jogs: list[_Jog], squeezed: list[_Jog], step: float, far: float
                    ) -> None:
    """Jogs pushed past the end of their room go back into it, with the squeezed jogs
    they were pushed after, in the order they were given: clipped to one place, they
    were spread apart later in any order (two lines from one service into one row of
    datastores crossed twice). Only jogs whose rooms overlap share one (``_sharing``);
    in each such run they stand ``READABLE`` apart or more where the room allows, and
    where it is too short for that they may come as close as that to the layer after
    the gap (``far``)."""
    over = [j for j in jogs if j.place > j.high]
    if not over:
        return
    group = sorted({id(j): j for j in [*over, *squeezed]}.values(), key=lambda j: j.place)
    for run in _sharing(group):
        if len(run) == 1:  # nothing to share its room with: as far on as it allows
            run[0].place = max(min(run[0].place, run[0].high), run[0].low)
            continue
        low = max(j.low for j in run)
        high = min(j.high for j in run)
        if low <= high < low + READABLE * (len(run) - 1):
            high = max(high, min(far - READABLE, low + READABLE * (len(run) - 1)))
        apart = min(max(min(step, SPACING / 2) / 2, READABLE),
                    (high - low) / max(len(run) - 1, 1))
        start = max(low, high - apart * (len(run) - 1))
        for rank, jog in enumerate(run):
            jog.place = start + rank * apart


def _sharing(group: list[_Jog]) -> list[list[_Jog]]:
    """``group`` (in its order) cut into runs whose rooms all overlap: a jog whose room
    has nothing in common with the run so far starts the next (jogs in unrelated rooms
    used to be clipped each to its own room's end, where they met in any order)."""
    runs: list[list[_Jog]] = []
    low, high = 0.0, -1.0
    for jog in group:
        if runs and max(low, jog.low) <= min(high, jog.high):
            runs[-1].append(jog)
            low, high = max(low, jog.low), min(high, jog.high)
        else:
            runs.append([jog])
            low, high = jog.low, jog.high
    return runs


def _room(scope: Scope, axis: int, jog: _Jog, near: float, far: float
          ) -> tuple[float, float] | None:
    """The stretch along the flow where the jog (and the level pieces joining it) stays
    clear of the scope's obstacles, inside the gap (near, far)."""
    low, high = near + MARGIN, far - MARGIN
    if low > high:
        return None
    c0, c1 = sorted((jog.first, jog.second))
    shapes = scope.scene.shapes
    ends = {rect_of(shapes[q].box) for q in scope.ends}  # the line leaves them anyway
    if axis == 0:
        rects = [r for r in scope.obstacles(near, c0, far, c1) if r not in ends]
    else:
        rects = [(y0, x0, y1, x1) for x0, y0, x1, y1 in scope.obstacles(c0, near, c1, far)
                 if (x0, y0, x1, y1) not in ends]
    # (flow low, cross low, flow high, cross high) per obstacle
    comes, goes = jog.first, jog.second
    free = [(low, high)]
    for f0, k0, f1, k1 in rects:
        if k0 < c1 and k1 > c0:  # across the jog's span: not in that stretch
            free = _cut(free, f0 - CLEAR, f1 + CLEAR)
        if k0 < comes < k1:  # on the level piece from the near side
            free = _cut(free, f0 - CLEAR, high + 1)
        if k0 < goes < k1:
            free = _cut(free, low - 1, f1 + CLEAR)
    if not free:
        return None
    return max(free, key=lambda r: (r[1] - r[0], -r[0]))


def _cut(free: list[tuple[float, float]], a: float, b: float) -> list[tuple[float, float]]:
    out = []
    for lo, hi in free:
        if b <= lo or a >= hi:
            out.append((lo, hi))
            continue
        if a > lo:
            out.append((lo, a))
        if b < hi:
            out.append((b, hi))
    return out


def follow_hints(hints: Mapping[str, Hint], ports: Mapping[str, tuple[Port, Port]],
                 scopes: Mapping[str, Scope]) -> dict[str, Planned]:
    """Lines along the engine's plan for the relations in ``hints`` (whose ports are on
    the sides :func:`end_sides` gives). Where a stretch of a plan is not clear because of
    a shape (one dragged onto it), that stretch is a hole
    for the search to fill (:mod:`detour`) and the rest of the line keeps its plan. A
    plan that runs across a system block or a title band is left out: the way round a
    whole system is no stretch of the plan, and the relation is routed on its own."""
    stations: dict[str, list[float]] = {}  # cross coordinates, port to port
    spreads = _parallel_offsets(hints)
    gaps: dict[tuple[int, float, float], list[_Jog]] = defaultdict(list)
    broken: set[tuple[str, int]] = set()  # jogs with no room in their gap
    failed: set[str] = set()  # plans across a system block or title band
    systems = _system_rects(scopes, hints)
    for key in sorted(hints):
        hint, (start, end) = hints[key], ports[key]
        cross = 1 - hint.axis
        offset = spreads.get(key, 0.0)
        line = [start.point[cross], *(p[cross] + offset for p in hint.points),
                end.point[cross]]
        stations[key] = line
        for index in range(len(line) - 1):
            (a_lo, a_hi), (b_lo, b_hi) = hint.layers[index], hint.layers[index + 1]
            forward = b_lo >= a_lo
            near, far = (a_hi, b_lo) if forward else (b_hi, a_lo)
            if line[index] == line[index + 1]:
                continue
            jog = _Jog(key, index, line[index] if forward else line[index + 1],
                       line[index + 1] if forward else line[index], near, far)
            room = _room(scopes[key], hint.axis, jog, near, far)
            if room is None:
                broken.add((key, index))
                if _across_system(scopes[key], hint.axis, jog, near, far, systems):
                    failed.add(key)
                continue
            jog.low, jog.high = room
            gaps[(hint.axis, round(near, 1), round(far, 1))].append(jog)
    places: dict[tuple[str, int], float] = {}
    for (_, near, far), jogs in gaps.items():
        _order(jogs, near, far)
        for jog in jogs:
            places[(jog.key, jog.index)] = jog.place
    out: dict[str, Planned] = {}
    for key, line in stations.items():
        if key in failed:
            continue
        hint, (start, end) = hints[key], ports[key]
        flow = hint.axis
        points = [start.point]
        holes: set[int] = set()
        for index in range(len(line) - 1):
            if line[index] == line[index + 1]:
                continue
            if (key, index) in broken:  # from the layer's edge to the next layer's
                (a_lo, a_hi), (b_lo, b_hi) = hint.layers[index], hint.layers[index + 1]
                forward = b_lo >= a_lo
                points.append(_point(flow, a_hi if forward else a_lo, line[index]))
                holes.add(len(points) - 1)
                points.append(_point(flow, b_lo if forward else b_hi, line[index + 1]))
                continue
            at = places[(key, index)]
            points.append(_point(flow, at, line[index]))
            points.append(_point(flow, at, line[index + 1]))
        points.append(end.point)
        unclear = _unclear(points, scopes[key], systems)
        if unclear is not None:
            out[key] = Planned(points, _stretches(holes | unclear, len(points) - 1))
    return out


@dataclass(frozen=True, slots=True)
class Planned:
    """A line along its plan: ``points`` port to port, and the stretches (first, last
    point index) that are not clear and must be searched for; none when the whole plan
    holds."""

    points: list[Point]
    holes: list[tuple[int, int]]


def _stretches(holes: set[int], last: int) -> list[tuple[int, int]]:
    """Runs of unclear segments (segment j runs from point j to j + 1) as point ranges,
    each with the segment before and after it (the search may move their bends: a way
    round an obstacle then needs no turn back)."""
    out: list[tuple[int, int]] = []
    for j in sorted(holes):
        first, end = max(j - 1, 0), min(j + 2, last)
        if out and out[-1][1] >= first:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((first, end))
    return out


def _point(flow: int, along: float, across: float) -> Point:
    return (along, across) if flow == 0 else (across, along)


def _system_rects(scopes: Mapping[str, Scope], hints: Mapping[str, Hint]) -> set[Rect]:
    """The boxes of every system in the scene of these relations."""
    for key in hints:
        shapes = scopes[key].scene.shapes
        return {rect_of(s.box) for s in shapes.values() if s.is_group}
    return set()


def _systemic(scope: Scope, rects: list[Rect], systems: set[Rect]) -> bool:
    """Whether any of ``rects`` (obstacles in a plan's way) is a system or a title band."""
    bands = set(scope._bands)
    return any(r in systems or r in bands for r in rects)


def _across_system(scope: Scope, axis: int, jog: _Jog, near: float, far: float,
                   systems: set[Rect]) -> bool:
    """Whether a jog with no room in its gap is kept out by a system or a title band."""
    c0, c1 = sorted((jog.first, jog.second))
    if axis == 0:
        rects = scope.obstacles(near, c0, far, c1)
    else:
        rects = scope.obstacles(c0, near, c1, far)
    return _systemic(scope, rects, systems)


def _unclear(points: list[Point], scope: Scope, systems: set[Rect]) -> set[int] | None:
    """The segments of a planned line that run through an obstacle, or end outside the
    frame or more than ``EDGE`` outside the extent of the shapes (a plan far beyond the
    drawing's edge would widen the picture; one on the edge, a dummy point first or last
    in its layer, or a jog in the room the layout leaves past the outermost system, does
    not, and a line searched instead crossed the diagram); None when one runs through a
    system or a title band or leaves the frame or that margin (no stretch of the plan:
    the line is searched whole)."""
    bounds = scope.scene.index.bounds()
    last = len(points) - 1

    def outside(n: int) -> bool:
        if n in (0, last):
            return False
        x, y = points[n]
        if not scope.inside_frame(x, y):
            return True
        return bounds is not None and not (bounds[0] - EDGE <= x <= bounds[2] + EDGE
                                           and bounds[1] - EDGE <= y <= bounds[3] + EDGE)

    out = set()
    for j in range(last):
        a, b = points[j], points[j + 1]
        if a == b:
            continue
        left, right = min(a[0], b[0]), max(a[0], b[0])
        top, bottom = min(a[1], b[1]), max(a[1], b[1])
        if outside(j) or outside(j + 1):
            return None
        if a[0] != b[0] and a[1] != b[1]:  # a jog with no room in its gap
            out.add(j)
            continue
        rects = [r for r in scope.obstacles(left, top, right, bottom) if blocked([a, b], [r])]
        if rects:
            if _systemic(scope, rects, systems):
                return None
            out.add(j)
    return out


def _parallel_offsets(hints: Mapping[str, Hint]) -> dict[str, float]:
    """Relations with one plan (the same two ends) run ``PARALLEL`` apart through it."""
    groups: dict[Hint, list[str]] = defaultdict(list)
    for key in sorted(hints):
        groups[hints[key]].append(key)
    out = {}
    for keys in groups.values():
        if len(keys) > 1:
            for n, key in enumerate(keys):
                out[key] = (n - (len(keys) - 1) / 2) * PARALLEL
    return out
