"""The computed drawing of a diagram's relations: every line and every label box, once.

``Drawing.compute`` takes the shapes (boxes and nesting), the relations and the size of
each label (measured by the caller: this module has no Qt) and gives each relation its
orthogonal polyline (ports spread, :mod:`search` around the obstacles of its
:mod:`scope`, :mod:`nudge` so no two share a segment) and its label box (:mod:`labels`).
Canvas items, PNG/SVG/PDF export and the JSON export all read this one result.

``Drawing.update`` follows a move: it routes again only the relations attached to what
moved, those whose line or label the moved shapes now cover, and those whose ports moved
along a side; the rest keep their lines and labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archstudio.layout.geometry import Box
from archstudio.render.labels import place_labels
from archstudio.render.nudge import nudge, repair, separate_ends
from archstudio.render.ports import OUTWARD, Port, assign_ports
from archstudio.render.routing import clip, parallel_shifts, route
from archstudio.render.scope import Scene, Scope, Shape, rect_of
from archstudio.render.search import Budget, route_between
from archstudio.render.spatial import RTree

Point = tuple[float, float]
Link = tuple[str, str, str]  # relation key, source, target
Outline = Callable[[str], Sequence[Point] | None]  # a shape's outline, box-relative
LOOP = 24.0
LOOP_SPACING = 12.0  # between the loops of one element
REPAIR_UP_TO = 800  # relations: the repair pass grows faster than linear beyond real systems


@dataclass
class Drawing:
    """Lines and label boxes of every relation, with what could not be done cleanly."""

    routes: dict[str, list[Point]] = field(default_factory=dict)
    labels: dict[str, Box] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)  # no route clear of every shape
    crowded: list[str] = field(default_factory=list)  # no label spot free of everything
    shapes: dict[str, Shape] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    sizes: dict[str, tuple[float, float]] = field(default_factory=dict)
    ports: dict[str, tuple[Port, Port]] = field(default_factory=dict)
    raw: dict[str, list[Point]] = field(default_factory=dict)  # routes before nudging
    style: str = "orthogonal"  # or "straight": centre to centre

    @classmethod
    def compute(cls, shapes: Mapping[str, Shape], links: Iterable[Link],
                sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
                style: str = "orthogonal") -> Drawing:
        drawing = cls(shapes=dict(shapes), links=list(links), sizes=dict(sizes), style=style)
        drawing._route(None, outline)
        return drawing

    def report(self) -> dict[str, int]:
        """What the benchmark counts: routes that cross a shape, labels without a free spot."""
        return {"relations": len(self.links), "blocked_routes": len(self.blocked),
                "crowded_labels": len(self.crowded)}

    def update(self, shapes: Mapping[str, Shape], links: Iterable[Link],
               sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None
               ) -> Drawing:
        """The drawing after some shapes moved (or relations came or went): a new
        ``Drawing`` that re-routes only what the change touches."""
        links = list(links)
        moved = {q for q, s in shapes.items() if self.shapes.get(q) != s}
        moved |= self.shapes.keys() - shapes.keys()
        fresh = Drawing(shapes=dict(shapes), links=links, sizes=dict(sizes), style=self.style)
        known = {key for key, _, _ in self.links}
        if not moved and [k for k, _, _ in links] == [k for k, _, _ in self.links] \
                and fresh.sizes == self.sizes:
            return self
        changed_area = [rect_of(shapes[q].box) for q in moved if q in shapes]
        changed_area += [rect_of(self.shapes[q].box) for q in moved if q in self.shapes]
        touched: set[str] = set()
        for key, source, target in links:
            if key not in known or source in moved or target in moved \
                    or fresh.sizes.get(key) != self.sizes.get(key):
                touched.add(key)
        if changed_area:
            touched |= self._covered_by(changed_area)
            # a line that went around a shape's old place (its extent holds that place)
            # may now take a shorter way
            touched |= self._around([rect_of(self.shapes[q].box) for q in moved
                                     if q in self.shapes])
        fresh._route(touched, outline, self)
        return fresh

    def _around(self, rects: list[tuple[float, float, float, float]]) -> set[str]:
        """Relations whose line's extent overlaps any of ``rects``."""
        if not rects:
            return set()
        index = RTree((r, n) for n, r in enumerate(rects))
        hit = set()
        for key, points in self.routes.items():
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if index.query(min(xs), min(ys), max(xs), max(ys)):
                hit.add(key)
        return hit

    def _covered_by(self, rects: list[tuple[float, float, float, float]]) -> set[str]:
        """Relations whose line or label lies on any of ``rects``."""
        index = RTree((r, n) for n, r in enumerate(rects))
        hit: set[str] = set()
        for key, points in self.routes.items():
            for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
                x0, x1 = min(ax, bx), max(ax, bx)
                y0, y1 = min(ay, by), max(ay, by)
                if any(x0 < r[2] and x1 > r[0] and y0 < r[3] and y1 > r[1]
                       for r in (rects[n] for n in index.query(x0, y0, x1, y1))):
                    hit.add(key)
                    break
        for key, box in self.labels.items():
            if index.query(box.x, box.y, box.right, box.bottom):
                hit.add(key)
        return hit

    def _route(self, touched: set[str] | None, outline: Outline | None,
               before: Drawing | None = None) -> None:
        scene = Scene(self.shapes)
        boxes = {q: s.box for q, s in self.shapes.items()}
        links = [link for link in self.links if link[1] != link[2]]
        ports = assign_ports(links, boxes, lambda a, b: a in scene.ancestors(b))
        if before is not None and touched is not None:
            for key, _, _ in links:  # a port that slid along its side: route again
                if before.ports.get(key) != ports.get(key):
                    touched.add(key)
        self.ports = ports
        scopes: dict[str, Scope] = {}
        loops: dict[str, int] = defaultdict(int)  # self-relations drawn so far, per element
        blocked: set[str] = set()
        shifts = parallel_shifts(self.links) if self.style == "straight" else {}
        budget = Budget(len(links) if touched is None else len(touched))
        for key, source, target in self.links:
            scopes[key] = scene.scope(source, target)
            if source == target:
                self.raw[key] = _loop(boxes[source], loops[source])
                loops[source] += 1
                continue
            if before is not None and touched is not None and key not in touched \
                    and key in before.raw:
                self.raw[key] = list(before.raw[key])
                if key in before.blocked:
                    blocked.add(key)
                continue
            if self.style == "straight":
                self.raw[key] = _straight(key, source, target, self.shapes, outline, shifts)
                continue
            start, end = ports[key]
            ends = tuple(None if self.shapes[q].is_group or port.direction != _out(port)
                         else boxes[q] for q, port in ((source, start), (target, end)))
            points, clear = route_between(scopes[key], start, end, budget, ends)
            if not clear:
                blocked.add(key)
            self.raw[key] = _clip_ends(points, source, target, self.shapes, outline)
        self.routes = {key: list(points) for key, points in self.raw.items()}
        if self.style != "straight":
            keys = [k for k, _, _ in self.links if k in self.routes]
            nudge(self.routes, scopes, keys)
            separate_ends(self.routes, scopes, keys)
            if len(keys) <= REPAIR_UP_TO:  # past that, bounded time beats the last few
                repair(self.routes, scopes, keys)
        keep = None
        if before is not None and touched is not None:
            keep = {k: b for k, b in before.labels.items()
                    if k not in touched and k in self.sizes and k in self.routes
                    and before.routes.get(k) == self.routes[k]}
        sizes = {k: v for k, v in self.sizes.items() if k in self.routes}
        self.labels, self.crowded = place_labels(self.routes, sizes, scopes, keep)
        if keep:  # labels kept as they were may have been crowded before too
            self.crowded = sorted(set(self.crowded) | (set(keep) & set(before.crowded)))
        self.blocked = sorted(blocked)


def _out(port: Port) -> tuple[float, float]:
    return OUTWARD[port.side]


def _loop(box: Box, nth: int = 0) -> list[Point]:
    """A relation from an element to itself: a small loop over a corner. An element's
    loops take its top-right, bottom-right, bottom-left and top-left corners in turn (so
    each keeps room for its label outside), then go around those a channel further out;
    no two share a segment."""
    grow = (nth // 4) * LOOP_SPACING
    x = box.right - min(30.0 + grow, box.width * (nth // 4 + 1) / (nth // 4 + 3))
    y, out = box.y, LOOP + grow
    down = min(20.0 + grow, box.height / 2 - 2)
    points = [(x, y), (x, y - out), (box.right + out, y - out), (box.right + out, y + down),
              (box.right, y + down)]
    corner = nth % 4
    if corner in (1, 2):  # a bottom corner: mirrored top to bottom
        points = [(px, box.y + box.bottom - py) for px, py in points]
    if corner in (2, 3):  # a left corner: mirrored left to right
        points = [(box.x + box.right - px, py) for px, py in points]
    return points


def _straight(key: str, source: str, target: str, shapes: Mapping[str, Shape],
              outline: Outline | None, shifts: Mapping[str, float]) -> list[Point]:
    s, t = shapes[source].box, shapes[target].box

    def shape_outline(qname: str, box: Box) -> Sequence[Point]:
        found = outline(qname) if outline is not None and not shapes[qname].is_group else None
        return found or ((0.0, 0.0), (box.width, 0.0), (box.width, box.height),
                         (0.0, box.height))

    return route(s, t, shape_outline(source, s), shape_outline(target, t), "straight",
                 shifts.get(key, 0.0))


def _clip_ends(points: list[Point], source: str, target: str, shapes: Mapping[str, Shape],
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
