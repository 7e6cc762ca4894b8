"""After a drag: a line that only passes the moved shape keeps its way, and only the
stretch near the shape's old and new place is searched again.

A long line routed again because a shape moved onto it (or away from beside it) took a
search across the diagram, a tenth of a second and more in a big one; and the new way
could run anywhere, so a line far from the drag would jump. Here the line keeps its
bends before it first comes near the moved shape and after it last leaves, and only the
stretch between is found again (the quick shapes, else a search in a window around that
stretch), as :mod:`splice` does for a line attached to the moved shape. Pure geometry,
no Qt.
"""

from __future__ import annotations

from archstudio.render.incremental import segment_rects
from archstudio.render.scope import Rect, Scope
from archstudio.render.search import Budget, quick_route, searched_route, simplify, step_heading

Point = tuple[float, float]
EFFORT = 1500  # grid states the search for the stretch near the shape may take


def bridged(scope: Scope, old: list[Point], zones: list[Rect], budget: Budget
            ) -> list[Point] | None:
    """``old`` (a route whose ends did not move) with its stretch through ``zones`` (the
    moved shapes' old and new places, with room around them) found again; ``old`` as
    it is when it does not come near them, and None when the stretch to find again
    reaches an end segment (the caller routes the whole line) or no way is found."""
    near = [i for i, (x0, y0, x1, y1) in segment_rects(old)
            if any(x0 <= zx1 and x1 >= zx0 and y0 <= zy1 and y1 >= zy0
                   for zx0, zy0, zx1, zy1 in zones)]
    if not near:
        return old
    first, last = near[0], near[-1]
    if first == 0 or last >= len(old) - 2:
        return None  # the stretch starts or ends at a port
    a, b = old[first], old[last + 1]
    heading_in = step_heading(old[first - 1], a)
    heading_out = step_heading(b, old[last + 2])
    if heading_in is None or heading_out is None:
        return None
    middle = quick_route(scope, a, b, heading_in, heading_out)
    if middle is None:
        middle = searched_route(scope, a, b, heading_in, heading_out, budget, None, EFFORT)
    if middle is None:
        return None
    return simplify([*old[:first], *middle, *old[last + 2:]])

