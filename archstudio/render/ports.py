"""Ports: where each relation meets its shapes, spread along the sides so that no two share
the segment into a shape and lines next to a shape do not cross.

Each end picks the side facing the other end (the side of an enclosing system nearest the
inner element, for a relation into or out of the system holding it); the ends on one side
are ordered by where their other ends lie and spread evenly along it, a single port in
the middle. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from archstudio.layout.geometry import GROUP_TITLE, Box

Point = tuple[float, float]
EDGE = 10.0  # ports keep this far from a corner
SEPARATION = 10.0  # ports beside a title tab keep at least this far apart
# unit vector pointing out of a shape through each side
OUTWARD = {"L": (-1.0, 0.0), "R": (1.0, 0.0), "T": (0.0, -1.0), "B": (0.0, 1.0)}
INWARD = {"L": (1.0, 0.0), "R": (-1.0, 0.0), "T": (0.0, 1.0), "B": (0.0, -1.0)}


@dataclass(frozen=True, slots=True)
class Port:
    """A point on a side of a box and the direction a line leaves it by."""

    point: Point
    direction: Point
    side: str


def facing_side(box: Box, other: Box) -> str:
    """The side of ``box`` that faces ``other``: across the wider gap between them."""
    (cx, cy), (ox, oy) = box.center, other.center
    gap_x = max(other.x - box.right, box.x - other.right)
    gap_y = max(other.y - box.bottom, box.y - other.bottom)
    if gap_x < 0 and gap_y < 0:  # overlapping boxes: by the centres, scaled by size
        dx, dy = (ox - cx) / max(box.width, 1.0), (oy - cy) / max(box.height, 1.0)
        if abs(dx) >= abs(dy):
            return "R" if dx >= 0 else "L"
        return "B" if dy >= 0 else "T"
    if gap_x >= gap_y:
        return "R" if ox >= cx else "L"
    return "B" if oy >= cy else "T"


def inner_side(outer: Box, inner: Box) -> str:
    """The side of an enclosing system a line from ``inner`` reaches first (never the top,
    where the system's title is)."""
    distances = {"L": inner.x - outer.x, "R": outer.right - inner.right,
                 "B": outer.bottom - inner.bottom}
    return min(distances, key=lambda side: (distances[side], side))


def _slot(box: Box, side: str, rank: int, count: int, start: float | None = None) -> Point:
    """Port ``rank`` of ``count`` spread along a side (along the top from ``start`` on,
    when given: beside a system's title tab)."""
    if side in "LR":
        low, high = box.y + EDGE, box.bottom - EDGE
    else:
        low, high = box.x + EDGE, box.right - EDGE
        if start is not None:
            low = max(low, start)
    if high <= low:
        low = high = (low + high) / 2
    along = low + (high - low) * (rank + 1) / (count + 1)
    if side == "L":
        return (box.x, along)
    if side == "R":
        return (box.right, along)
    if side == "T":
        return (along, box.y)
    return (along, box.bottom)


def assign_ports(ends: Iterable[tuple[str, str, str]], boxes: Mapping[str, Box],
                 encloses, prefer: Mapping[tuple[str, int], tuple[str, float]] | None = None,
                 holders=None, clear_run=None, tab_right=None) -> dict[str, tuple[Port, Port]]:
    """Both ports of every relation in ``ends`` ((key, source, target), no self-loops);
    ``encloses(a, b)`` says whether system ``a`` holds ``b``. ``prefer``: for some ends
    ((key, 0) the source, (key, 1) the target) the side to use and where across it the
    line goes next (the layered engine's plan), which orders the ports on that side.
    ``holders(q)``: the systems holding ``q``, innermost first; with it, an end inside a
    system whose other end lies above that system gets the side facing the way out of the
    system that costs the shortest detour (:func:`way_out`);
    ``clear_run(q, side, system)`` says whether nothing lies between ``q`` and that side
    of the system's box; ``tab_right(system)``: where its title tab ends (without it the
    title takes the whole top)."""
    prefer = prefer or {}
    wanted: dict[tuple[str, str], list[tuple[float, str, int]]] = defaultdict(list)
    sides: dict[tuple[str, int], str] = {}
    inward: set[tuple[str, int]] = set()
    for key, source, target in ends:
        s, t = boxes[source], boxes[target]
        if encloses(target, source):
            side_s, side_t = facing_side(s, _beyond(t, inner_side(t, s), s)), inner_side(t, s)
            inward.add((key, 1))
        elif encloses(source, target):
            side_s, side_t = inner_side(s, t), facing_side(t, _beyond(s, inner_side(s, t), t))
            inward.add((key, 0))
        else:
            exit_s = exit_t = None
            if holders is not None:
                exit_t = way_out(t, s, [q for q in holders(target)
                                        if q not in holders(source)], boxes,
                                 lambda side, system, q=target: clear_run(q, side, system),
                                 tab_right)
                exit_s = way_out(s, t, [q for q in holders(source)
                                        if q not in holders(target)], boxes,
                                 lambda side, system, q=source: clear_run(q, side, system),
                                 tab_right)
            side_s = facing_side(s, exit_s or exit_t or t)
            side_t = facing_side(t, exit_t or exit_s or s)
        side_s = prefer.get((key, 0), (side_s,))[0]
        side_t = prefer.get((key, 1), (side_t,))[0]
        sides[(key, 0)], sides[(key, 1)] = side_s, side_t
        for end, (qname, side, other) in enumerate(((source, side_s, t), (target, side_t, s))):
            ox, oy = other.center
            along = prefer[(key, end)][1] if (key, end) in prefer else (
                oy if side in "LR" else ox)
            wanted[(qname, side)].append((along, key, end))
    ports: dict[tuple[str, int], Port] = {}
    ends_of = {key: (source, target) for key, source, target in ends}
    starts: dict[tuple[str, str], float] = {}  # tops whose ports start past a title tab
    for (qname, side), members in wanted.items():
        members.sort()
        box = boxes[qname]
        start = None
        if side == "T" and holders is not None and tab_right is not None:
            start = _beside_tab(qname, members, ends_of, boxes, holders, tab_right)
            if start is not None:
                starts[(qname, side)] = start
        for rank, (_, key, end) in enumerate(members):
            point = _slot(box, side, rank, len(members), start)
            direction = INWARD[side] if (key, end) in inward else OUTWARD[side]
            ports[(key, end)] = Port(point, direction, side)
    _align_single_ports(wanted, ports, boxes, sides, starts)
    return {key: (ports[(key, 0)], ports[(key, 1)]) for key, _, _ in ends}


def _beside_tab(qname: str, members, ends_of, boxes: Mapping[str, Box], holders,
                tab_right) -> float | None:
    """Where the ports on the top of ``qname`` start when one of its lines leaves a system
    upwards and that system's title tab lies above part of the top: past the tab, so the
    line can go straight up beside it (None: no such line, or no room there)."""
    box = boxes[qname]
    start = None
    for _, key, end in members:
        other = ends_of[key][1 - end]
        if other == qname:
            continue
        mine = holders(qname)
        theirs = set(holders(other))
        for system in mine:
            if system in theirs or system == other:
                break
            if boxes[other].bottom > boxes[system].y:  # not above this system
                continue
            right = tab_right(system)
            if boxes[system].x <= box.right and right > box.x - EDGE:
                start = max(start or right, right) + EDGE
    if start is None or box.right - EDGE - start < SEPARATION * len(members):
        return None
    return start


OPPOSITE = {"L": "R", "R": "L", "T": "B", "B": "T"}


def _align_single_ports(wanted, ports: dict, boxes: Mapping[str, Box], sides: dict,
                        starts: Mapping[tuple[str, str], float]) -> None:
    """A port alone on its side moves level with the port at the other end, when that one
    faces it and lies within reach (and not back under a title tab it keeps clear of,
    ``starts``): a straight line instead of a small jog."""
    for (qname, side), members in sorted(wanted.items()):
        if len(members) != 1:
            continue
        _, key, end = members[0]
        other = ports[(key, 1 - end)]
        if sides[(key, 1 - end)] != OPPOSITE[side]:
            continue
        box, mine = boxes[qname], ports[(key, end)]
        if side in "LR":
            if box.y + EDGE <= other.point[1] <= box.bottom - EDGE:
                ports[(key, end)] = Port((mine.point[0], other.point[1]), mine.direction, side)
        elif max(box.x + EDGE, starts.get((qname, side), box.x)) <= other.point[0] \
                <= box.right - EDGE:
            ports[(key, end)] = Port((other.point[0], mine.point[1]), mine.direction, side)


def _beyond(outer: Box, side: str, inner: Box) -> Box:
    """A point-sized box just past ``side`` of ``outer``, level with ``inner``: where a line
    from ``inner`` to that side is headed."""
    cx, cy = inner.center
    if side == "L":
        return Box(outer.x, cy, 0, 0)
    if side == "R":
        return Box(outer.right, cy, 0, 0)
    return Box(cx, outer.bottom, 0, 0)


def way_out(inner: Box, other: Box, systems: list[str], boxes: Mapping[str, Box],
            clear_run, tab_right=None) -> Box | None:
    """Where a line from ``inner`` (held by ``systems``, innermost first, none of which
    holds ``other``) leaves the outermost of them, when ``other`` lies above it: the point
    on its left or right side, whichever makes the shorter way round, when nothing
    separates ``inner`` from that side (``clear_run(side, system)``). None when the line
    may go the direct way: up across the top border beyond the systems' title tabs
    (``tab_right(system)``: where a tab ends; without it the title takes the whole top)
    costs the least detour, or the side is not free (then the search finds the way up)."""
    if not systems:
        return None
    outer = boxes[systems[-1]]
    (ix, _), (ox, oy) = inner.center, other.center
    if oy >= outer.y + GROUP_TITLE or not outer.x < ox < outer.right:
        return None
    around_left = abs(ox - outer.x) + abs(ix - outer.x)
    around_right = abs(outer.right - ox) + abs(outer.right - ix)
    if tab_right is not None:
        free = max(tab_right(q) for q in systems) + EDGE  # the top border is free past here
        if free < outer.right - EDGE:
            via_top = max(0.0, free - ix) + max(0.0, free - ox)
            if via_top <= min(around_left, around_right):
                return None
    side = "L" if around_left < around_right else "R"
    if not all(clear_run(side, q) for q in systems):
        return None
    return _beyond(outer, side, inner)
