"""The stretches of a planned line that its plan cannot draw, filled by the search.

A line along the layered engine's plan (:mod:`layered`) may meet something its plan did
not foresee in one stretch: a jog between two layers that would cross a system block or
a title band, a level piece through a title, a shape dragged onto it. Throwing the whole
plan away for that (searching the line from port to port) loses the order the layout
worked out everywhere else, and the searched line cuts through the planned bundles. So
only the stretch that is not clear is searched, from the last planned point before it
(leaving it in the direction the line was going) to the first planned point after it
(arriving in the direction the line goes on), counting the lines already there when the
drawing does; the rest of the line keeps its plan. Pure geometry, no Qt.
"""

from __future__ import annotations

from archstudio.render.laid import Laid
from archstudio.render.layered import Planned
from archstudio.render.ports import Port
from archstudio.render.scope import Scope, blocked

# the search's own steps, used here on one stretch of a line
from archstudio.render.search import (
    CROSS_EFFORT,
    IMPROVE,
    STUB,
    Budget,
    heading_of,
    quick_route,
    searched_route,
    simplify,
    step_heading,
)

Point = tuple[float, float]


def _leaving(points: list[Point], j: int, start: Port) -> int:
    """The heading a line has when it reaches point ``j`` (its port's at the start)."""
    for n in range(j, 0, -1):
        found = step_heading(points[n - 1], points[n])
        if found is not None:
            return found
    return heading_of(start.direction)


def _arriving(points: list[Point], k: int, end: Port) -> int:
    """The heading a line has when it leaves point ``k`` (into its port at the end)."""
    for n in range(k, len(points) - 1):
        found = step_heading(points[n], points[n + 1])
        if found is not None:
            return found
    return (heading_of(end.direction) + 2) % 4


def _between(scope: Scope, a: Point, b: Point, first: int, last: int, budget: Budget,
             laid: Laid | None) -> list[Point] | None:
    """A clear way from ``a`` to ``b`` (both included): a plain shape if one is clear and
    crosses nothing, else the fewest crossings within a bounded effort, else length only."""
    middle = quick_route(scope, a, b, first, last)
    if middle is not None and laid is not None and laid.crossings(middle):
        middle = searched_route(scope, a, b, first, last, budget, laid, IMPROVE) or middle
    if middle is None and laid is not None:
        middle = searched_route(scope, a, b, first, last, budget, laid, CROSS_EFFORT)
    if middle is None:
        middle = searched_route(scope, a, b, first, last, budget)
    return middle


def _clear(scope: Scope, a: Point, b: Point) -> bool:
    left, right = min(a[0], b[0]), max(a[0], b[0])
    top, bottom = min(a[1], b[1]), max(a[1], b[1])
    return not blocked([a, b], scope.obstacles(left, top, right, bottom))


def detoured(planned: Planned, start: Port, end: Port, scope: Scope, budget: Budget,
             laid: Laid | None = None) -> list[Point] | None:
    """The planned line with each hole searched, or None when a hole has no clear way
    (the whole relation is then searched on its own)."""
    points = list(planned.points)
    last_index = len(points) - 1
    for j, k in reversed(planned.holes):
        first, last = _leaving(points, j, start), _arriving(points, k, end)
        a = points[j] if j > 0 else (start.point[0] + start.direction[0] * STUB,
                                     start.point[1] + start.direction[1] * STUB)
        b = points[k] if k < last_index else (end.point[0] + end.direction[0] * STUB,
                                              end.point[1] + end.direction[1] * STUB)
        if (j == 0 and not _clear(scope, start.point, a)) \
                or (k == last_index and not _clear(scope, b, end.point)):
            return None  # a port walled in: the search's own way out (route_between)
        if j > 0 and k < last_index and a == b:
            points[j:k + 1] = [a]
            continue
        middle = _between(scope, a, b, first, last, budget, laid)
        if middle is None:
            return None
        head = points[:j] if j > 0 else [start.point]
        tail = points[k + 1:] if k < last_index else [end.point]
        points = head + middle + tail
    return simplify(points)
