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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archstudio.layout.geometry import Box
from archstudio.layout.routes import Hint
from archstudio.render.labels import place_labels
from archstudio.render.laid import Laid
from archstudio.render.layered import end_sides, follow_hints, toward
from archstudio.render.nudge import nudge, repair, separate_ends
from archstudio.render.ports import OUTWARD, Port, assign_ports
from archstudio.render.routing import clip, parallel_shifts, route
from archstudio.render.scope import Avoiding, Rect, Scene, Scope, Shape, rect_of
from archstudio.render.search import Budget, route_between
from archstudio.render.spatial import RTree

Point = tuple[float, float]
Link = tuple[str, str, str]  # relation key, source, target
Outline = Callable[[str], Sequence[Point] | None]  # a shape's outline, box-relative
LOOP = 24.0
SQUEEZE_ROUNDS = 1  # times lines in channels too narrow for them are routed again
AGAIN_EFFORT = 2000  # grid states for each such try
PLAN_ROUNDS = 2  # ports assigned again once it is known which relations cannot follow their plan
CROSSING_AWARE_UP_TO = 100  # relations: plans and crossing-aware search (see _careful)
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
    hints: dict[str, Hint] = field(default_factory=dict)  # the layout's plan per relation
    followed: set[str] = field(default_factory=set)  # relations drawn along their hint

    @classmethod
    def compute(cls, shapes: Mapping[str, Shape], links: Iterable[Link],
                sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
                style: str = "orthogonal", hints: Mapping[str, Hint] | None = None
                ) -> Drawing:
        """``hints``: the layered engine's plan for relations whose ends are where it
        drew them (``layout.routes.hints_for``); the others are routed on their own."""
        drawing = cls(shapes=dict(shapes), links=list(links), sizes=dict(sizes), style=style,
                      hints=dict(hints or {}))
        drawing._route(None, outline)
        return drawing

    def report(self) -> dict[str, int]:
        """What the benchmark counts: routes that cross a shape, labels without a free spot."""
        return {"relations": len(self.links), "blocked_routes": len(self.blocked),
                "crowded_labels": len(self.crowded)}

    def update(self, shapes: Mapping[str, Shape], links: Iterable[Link],
               sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
               hints: Mapping[str, Hint] | None = None) -> Drawing:
        """The drawing after some shapes moved (or relations came or went): a new
        ``Drawing`` that re-routes only what the change touches. ``hints``: the layout's
        plans for the new boxes (after Auto-arrange), else the ones known are kept."""
        links = list(links)
        moved = {q for q, s in shapes.items() if self.shapes.get(q) != s}
        moved |= self.shapes.keys() - shapes.keys()
        fresh = Drawing(shapes=dict(shapes), links=links, sizes=dict(sizes), style=self.style,
                        hints=self.hints if hints is None else dict(hints))
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
        hinted = self._fitted_hints(boxes, links) if _careful(links) else {}
        scopes: dict[str, Scope] = {key: scene.scope(source, target)
                                    for key, source, target in self.links}
        if before is not None and touched is not None:  # keep what was followed before
            hinted = {k: h for k, h in hinted.items() if k in touched or k in before.followed}
        ports, followed = self._ports_and_plans(scene, boxes, links, hinted, scopes, touched)
        if before is not None and touched is not None:
            for key, _, _ in links:  # a port that slid along its side: route again
                if before.ports.get(key) != ports.get(key):
                    touched.add(key)
        self.ports = ports
        blocked: set[str] = set()
        shifts = parallel_shifts(self.links) if self.style == "straight" else {}
        budget = Budget(len(links) if touched is None else len(touched))
        laid = Laid() if _careful(links) else None
        if laid is not None:
            for key in followed:
                laid.add(followed[key])
            if before is not None and touched is not None:
                for key, _, _ in links:
                    if key not in touched and key in before.raw:
                        laid.add(before.raw[key])
        for key, source, target in _routing_order(self.links, ports, followed,
                                                  _careful(links)):
            if source == target:
                self.raw[key] = _loop(boxes[source])
                continue
            if before is not None and touched is not None and key not in touched \
                    and key in before.raw:
                self.raw[key] = list(before.raw[key])
                if key in before.blocked:
                    blocked.add(key)
                if key in before.followed:
                    self.followed.add(key)
                continue
            if self.style == "straight":
                self.raw[key] = _straight(key, source, target, self.shapes, outline, shifts)
                continue
            if key in followed:
                self.raw[key] = _clip_ends(followed[key], source, target, self.shapes, outline)
                self.followed.add(key)
                continue
            if not self._search(key, source, target, scopes[key], budget, laid, outline):
                blocked.add(key)
        self.routes = {key: list(points) for key, points in self.raw.items()}
        if self.style != "straight":
            keys = [k for k, _, _ in self.links if k in self.routes]
            squeezed = nudge(self.routes, scopes, keys, self.followed)
            searched = {k for k, _, _ in links if k not in self.followed
                        and (touched is None or k in touched)}
            avoid: dict[str, list[Rect]] = {}
            for _ in range(SQUEEZE_ROUNDS):
                if laid is None or not squeezed.keys() & searched:
                    break
                # lines that avoided crossings by piling into a channel too narrow for
                # them: route those again around the full channels (with effort of their
                # own: the first searches may have spent the drawing's), and spread afresh
                again = Budget(len(squeezed.keys() & searched))
                for key, source, target in links:
                    if key in squeezed and key in searched:
                        avoid[key] = avoid.get(key, []) + squeezed[key]
                        self._search_again(key, source, target, scopes[key], avoid[key],
                                           again, laid, outline)
                self.routes = {key: list(points) for key, points in self.raw.items()}
                squeezed = nudge(self.routes, scopes, keys, self.followed)
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


    def _search(self, key: str, source: str, target: str, scope: Scope, budget: Budget,
                laid: Laid | None, outline: Outline | None, effort: int | None = None
                ) -> bool:
        """Route one relation on its own between its ports (into ``raw``); whether the
        line is clear of every shape."""
        start, end = self.ports[key]
        ends = tuple(None if self.shapes[q].is_group or port.direction != _out(port)
                     else self.shapes[q].box for q, port in ((source, start), (target, end)))
        points, clear = route_between(scope, start, end, budget, ends, laid, effort)
        if laid is not None:
            laid.add(points)
        self.raw[key] = _clip_ends(points, source, target, self.shapes, outline)
        return clear

    def _search_again(self, key: str, source: str, target: str, scope: Scope,
                      full: list[Rect], budget: Budget, laid: Laid, outline: Outline | None
                      ) -> None:
        """Route a relation again out of the ``full`` channels, else by length and bends
        only (as if no line were there yet); if neither finds a clear way, it keeps its
        line."""
        was = self.raw[key]
        if not self._search(key, source, target, Avoiding(scope, full), budget, laid,
                            outline, AGAIN_EFFORT) and not self._search(
                key, source, target, scope, budget, None, outline):
            self.raw[key] = was

    def _ports_and_plans(self, scene: Scene, boxes: Mapping[str, Box], links: list[Link],
                         hinted: dict[str, Hint], scopes: Mapping[str, Scope],
                         touched: set[str] | None
                         ) -> tuple[dict[str, tuple[Port, Port]], dict[str, list[Point]]]:
        """Ports, and the lines that follow the layout's plan. A relation whose plan is
        not clear gets its ports as if it had none (it is routed on its own), so the
        ports are assigned again once that is known."""
        def encloses(a: str, b: str) -> bool:
            return a in scene.ancestors(b)

        plans = dict(hinted)
        for _ in range(PLAN_ROUNDS):
            prefer = {}
            for key, hint in plans.items():
                sides = end_sides(hint)
                prefer[(key, 0)] = (sides[0], toward(hint, 0))
                prefer[(key, 1)] = (sides[1], toward(hint, 1))
            ports = assign_ports(links, boxes, encloses, prefer,
                                 scene.ancestors if _careful(links) else None,
                                 lambda q, side, system: _clear_run(scene, q, side, system))
            followed = follow_hints({k: h for k, h in plans.items()
                                     if touched is None or k in touched}, ports, scopes)
            failed = {k for k in plans if (touched is None or k in touched)
                      and k not in followed}
            if not failed:
                break
            plans = {k: h for k, h in plans.items() if k not in failed}
        followed = {k: v for k, v in followed.items() if k in plans}
        return ports, followed

    def _fitted_hints(self, boxes: Mapping[str, Box], links: list[Link]) -> dict[str, Hint]:
        """The hints that still hold for the boxes now (both ends where the plan has them)."""
        if self.style == "straight" or not self.hints:
            return {}
        out = {}
        for key, source, target in links:
            hint = self.hints.get(key)
            fitted = hint.fitted(boxes[source], boxes[target]) if hint is not None else None
            if fitted is not None:
                out[key] = fitted
        return out


def _clear_run(scene: Scene, qname: str, side: str, system: str) -> bool:
    """Whether no other shape of ``system`` lies between ``qname`` and that side of it
    (level with ``qname``), so a line can run straight out of the system there."""
    box, outer = scene.shapes[qname].box, scene.shapes[system].box
    if side == "L":
        strip = (outer.x, box.y, box.x, box.bottom)
    else:
        strip = (box.right, box.y, outer.right, box.bottom)
    for other in scene.index.query(*strip):
        if other == qname or other == system or system not in scene.ancestors(other):
            continue
        if qname in scene.ancestors(other) or other in scene.ancestors(qname):
            continue
        o = scene.shapes[other].box
        if o.x < strip[2] and o.right > strip[0] and o.y < strip[3] and o.bottom > strip[1]:
            return False
    return True


def wants_plans(links: list[Link]) -> bool:
    """Whether a drawing of these relations follows the layout's plans (the caller need
    not look them up otherwise: ``layout.routes.hints_for`` may lay the model out)."""
    return _careful([link for link in links if link[1] != link[2]])


def _careful(links: list[Link]) -> bool:
    """Whether the drawing is small enough for the careful routing: lines follow the
    layout's plan, the search counts crossings, lines leave systems by the shortest way
    round, short lines go first. In denser drawings the gaps between layers are too
    narrow for every planned jog and the labels (TrainTicket, 154 relations, compact
    layout: more crossings and twice the lines under labels with the plans than
    without), avoiding crossings crowds lines into the few corridors that have none
    (no fewer crossings, four times the shared segments and the search), and past a few
    hundred relations a budget of search effort decides: spending it on the short lines
    first would leave the long ones without."""
    return len(links) <= CROSSING_AWARE_UP_TO


def _routing_order(links: list[Link], ports: Mapping[str, tuple[Port, Port]],
                   followed: Mapping[str, list[Point]], shortest_first: bool) -> list[Link]:
    """Lines along the layout's plan first, then (``shortest_first``) the others by
    length: a short line has few ways to go, a long one can go round what is there."""
    def length(link: Link) -> float:
        if not shortest_first or link[0] not in ports:
            return 0.0
        (ax, ay), (bx, by) = ports[link[0]][0].point, ports[link[0]][1].point
        return abs(ax - bx) + abs(ay - by)

    return sorted(links, key=lambda link: (link[0] not in followed, length(link)))


def _out(port: Port) -> tuple[float, float]:
    return OUTWARD[port.side]


def _loop(box: Box) -> list[Point]:
    """A relation from an element to itself: a small loop over its top-right corner."""
    x, y = box.right - min(30.0, box.width / 3), box.y
    return [(x, y), (x, y - LOOP), (box.right + LOOP, y - LOOP), (box.right + LOOP, y + 20),
            (box.right, y + 20)]


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
