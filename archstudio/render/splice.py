"""After a drag: a moved shape's line keeps its old way from where the move no longer
matters, and only the stretch near the shape is searched again.

A line that crosses the diagram took a long search when the drawing was made; moving one
of its ends by a few pixels changes only its first stretch. So the old route is kept
from its first bend clear of the moved shape's old and new place onward (if that part is
still clear of every shape), and the new port is joined to that bend by the quick shapes
or a search in a small window, arriving in the direction the kept part goes on. A drag so
costs a short search, and the line does not jump to another way across the diagram.
Pure geometry, no Qt.
"""

from __future__ import annotations

from archstudio.layout.geometry import Box
from archstudio.render.ports import Port
from archstudio.render.scope import Rect, Scope, blocked

# the search's own steps, used here on a shorter stretch
from archstudio.render.search import (
    STUB,
    Budget,
    _free_port,
    heading_of,
    quick_route,
    searched_route,
    simplify,
)

Point = tuple[float, float]
AWAY = 3 * STUB  # a bend this far from the moved shape's old and new place is kept


def spliced(scope: Scope, start: Port, end: Port, old: list[Point], moved_source: bool,
            zone: Rect, budget: Budget, boxes: tuple[Box | None, Box | None]
            ) -> list[Point] | None:
    """The new route of a relation one of whose ends moved (the source if
    ``moved_source``), from ``start`` to ``end``, keeping ``old`` (its route before the
    move, source to target) beyond ``zone`` (the moved shape's old and new place); None
    when no such route is clear."""
    if not moved_source:  # work from the moved end: the target's side, reversed
        found = spliced(scope, end, start, old[::-1], True, zone, budget, boxes[::-1])
        return None if found is None else found[::-1]
    x0, y0, x1, y1 = zone[0] - AWAY, zone[1] - AWAY, zone[2] + AWAY, zone[3] + AWAY
    keep = next((k for k in range(1, len(old) - 1)
                 if not (x0 <= old[k][0] <= x1 and y0 <= old[k][1] <= y1)), None)
    if keep is None:
        return None
    bend, after = old[keep], old[keep + 1]
    length = abs(after[0] - bend[0]) + abs(after[1] - bend[1])
    if length <= STUB + 1:
        return None
    tail = old[keep:]
    if not _clear(scope, tail):
        return None
    dx = float((after[0] > bend[0]) - (after[0] < bend[0]))
    dy = float((after[1] > bend[1]) - (after[1] < bend[1]))
    start, end = _free_port(scope, start, boxes[0]), _free_port(scope, end, boxes[1])
    a = (start.point[0] + start.direction[0] * STUB, start.point[1] + start.direction[1] * STUB)
    b = (end.point[0] + end.direction[0] * STUB, end.point[1] + end.direction[1] * STUB)
    first = heading_of(start.direction)
    whole = quick_route(scope, a, b, first, (heading_of(end.direction) + 2) % 4)
    if whole is not None:  # a plain L or Z is clear now: as a fresh route would be
        return simplify([start.point, *whole, end.point])
    last = heading_of((dx, dy))
    middle = quick_route(scope, a, bend, first, last)
    if middle is None:
        middle = searched_route(scope, a, bend, first, last, budget)
    if middle is None:
        return None
    return simplify([start.point, *middle, *tail[1:]])


def _clear(scope: Scope, points: list[Point]) -> bool:
    for a, b in zip(points, points[1:], strict=False):
        left, right = min(a[0], b[0]), max(a[0], b[0])
        top, bottom = min(a[1], b[1]), max(a[1], b[1])
        if blocked([a, b], scope.obstacles(left, top, right, bottom)) \
                or not scope.inside_frame(*b):
            return False
    return True
