"""A line's simple shapes and ends: an element's loops to itself, the straight style, and
ends moved from a box's side onto the shape's outline. Pure geometry, no Qt."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from archstudio.layout.geometry import Box
from archstudio.render.routing import clip, route
from archstudio.render.scope import Shape

Point = tuple[float, float]
Outline = Callable[[str], Sequence[Point] | None]  # a shape's outline, box-relative
LOOP = 24.0
LOOP_SPACING = 12.0  # between the loops of one element


CORNERS = (("T", "R"), ("B", "R"), ("B", "L"), ("T", "L"))  # loop corners, usual order
EDGE_ROOM = 80.0  # a side this close to the drawing's edge: a loop and its label stick out


def corner_order(box: Box, ports: Iterable[tuple[str, Point]],
                 bounds: tuple[float, float, float, float] | None = None
                 ) -> tuple[int, ...]:
    """The element's corners in the order its loops take them: the corners with fewest
    ports of other lines on the two sides beside them first (a port on the corner's half
    of a side counts twice), so a loop and its label keep off the lines coming in; a side
    on the edge of the drawing (``bounds``, the extent of every shape: a loop there makes
    the picture larger) counts as much as a port on the corner's half; ties in the usual
    order (top-right, bottom-right, bottom-left, top-left)."""
    cx, cy = box.center
    weight = [0, 0, 0, 0]
    if bounds is not None:
        room = {"T": box.y - bounds[1], "B": bounds[3] - box.bottom,
                "L": box.x - bounds[0], "R": bounds[2] - box.right}
        for corner, sides in enumerate(CORNERS):
            weight[corner] += 2 * sum(room[side] < EDGE_ROOM for side in sides)
    for side, (x, y) in ports:
        for corner, (vertical, horizontal) in enumerate(CORNERS):
            if side == vertical:  # the top or bottom side: the corner's half is its x
                weight[corner] += 2 if (x >= cx) == (horizontal == "R") else 1
            elif side == horizontal:
                weight[corner] += 2 if (y <= cy) == (vertical == "T") else 1
    return tuple(sorted(range(4), key=lambda corner: (weight[corner], corner)))


def extent(boxes: Iterable[Box]) -> tuple[float, float, float, float] | None:
    """The rectangle holding every box (None: no box)."""
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b.x for b in boxes), min(b.y for b in boxes),
            max(b.right for b in boxes), max(b.bottom for b in boxes))


def ports_by_element(links: Iterable[tuple[str, str, str]],
                     ports: Mapping[str, tuple]) -> dict[str, list[tuple[str, Point]]]:
    """(side, point) of every port of a line between two elements, per element."""
    found: dict[str, list[tuple[str, Point]]] = {}
    for key, source, target in links:
        pair = ports.get(key)
        if source == target or pair is None:
            continue
        for qname, port in ((source, pair[0]), (target, pair[1])):
            found.setdefault(qname, []).append((port.side, port.point))
    return found


class LoopCorners:
    """The order of each element's corners for its loops (:func:`corner_order`), worked
    out from the ports and the drawing's extent at the first loop asked for (a drawing
    without loops pays nothing)."""

    def __init__(self, links: Iterable[tuple[str, str, str]], ports: Mapping[str, tuple],
                 boxes: Mapping[str, Box]) -> None:
        self.links, self.ports, self.boxes = links, ports, boxes
        self.near: dict[str, list[tuple[str, Point]]] | None = None
        self.bounds: tuple[float, float, float, float] | None = None

    def order(self, qname: str) -> tuple[int, ...]:
        if self.near is None:
            self.near = ports_by_element(self.links, self.ports)
            self.bounds = extent(self.boxes.values())
        return corner_order(self.boxes[qname], self.near.get(qname, ()), self.bounds)


def loop(box: Box, nth: int = 0, order: tuple[int, ...] = (0, 1, 2, 3)) -> list[Point]:
    """A relation from an element to itself: a small loop over a corner. An element's
    loops take its corners in turn (``order``: by default top-right, bottom-right,
    bottom-left, top-left; :func:`corner_order` puts the corners freest of other lines
    first), so each keeps room for its label outside, then go around those a channel
    further out; no two share a segment."""
    grow = (nth // 4) * LOOP_SPACING
    x = box.right - min(30.0 + grow, box.width * (nth // 4 + 1) / (nth // 4 + 3))
    y, out = box.y, LOOP + grow
    # back in by the right side above its middle (a box under 4 px high: at the middle)
    down = min(20.0 + grow, box.height / 2 - 2 if box.height >= 4 else box.height / 2)
    points = [(x, y), (x, y - out), (box.right + out, y - out), (box.right + out, y + down),
              (box.right, y + down)]
    corner = order[nth % 4]
    if corner in (1, 2):  # a bottom corner: mirrored top to bottom
        points = [(px, box.y + box.bottom - py) for px, py in points]
    if corner in (2, 3):  # a left corner: mirrored left to right
        points = [(box.x + box.right - px, py) for px, py in points]
    return points


def straight(key: str, source: str, target: str, shapes: Mapping[str, Shape],
              outline: Outline | None, shifts: Mapping[str, float]) -> list[Point]:
    s, t = shapes[source].box, shapes[target].box

    def shape_outline(qname: str, box: Box) -> Sequence[Point]:
        found = outline(qname) if outline is not None and not shapes[qname].is_group else None
        return found or ((0.0, 0.0), (box.width, 0.0), (box.width, box.height),
                         (0.0, box.height))

    return route(s, t, shape_outline(source, s), shape_outline(target, t), "straight",
                 shifts.get(key, 0.0))


def clip_ends(points: list[Point], source: str, target: str, shapes: Mapping[str, Shape],
               outline: Outline | None) -> list[Point]:
    """Move each end from the box's side onto the shape's outline (a cylinder's lid, a
    person's head), along the end segment, so the line stays orthogonal."""
    if outline is None or len(points) < 2:
        return points
    points = list(points)
    for index, inner, qname in ((0, 1, source), (-1, -2, target)):
        shape = shapes[qname]
        if shape.is_group:
            continue
        shape_outline = outline(qname)
        if not shape_outline:
            continue
        end, nxt = points[index], points[inner]
        box = shape.box
        dx = (end[0] > nxt[0]) - (end[0] < nxt[0])
        dy = (end[1] > nxt[1]) - (end[1] < nxt[1])
        deep = (end[0] + dx * box.width, end[1] + dy * box.height)
        points[index] = clip(deep, nxt, shape_outline, box)
    return points
