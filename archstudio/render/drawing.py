"""The computed drawing of a diagram's relations: every line and every label box, once.

``Drawing.compute`` takes the shapes (boxes and nesting), the relations and the size of
each label (measured by the caller: this module has no Qt) and gives each relation its
orthogonal polyline (ports spread, :mod:`search` around the obstacles of its
:mod:`scope`, :mod:`nudge` so no two share a segment) and its label box (:mod:`labels`).
Canvas items, PNG/SVG/PDF export and the JSON export all read this one result.

``Drawing.update`` follows a move: it routes again only the relations attached to what
moved (keeping a long line's way beyond the moved shape, :mod:`splice`), those whose line
or label the moved shapes now cover or that went around their old place, and those whose
ports moved along a side; it nudges again only the channels those lines run in and places
again only the labels near them (:mod:`incremental`); the rest keep their lines and
labels. Going back to an earlier set of boxes (an undo) gives back that drawing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archstudio.layout.geometry import Box
from archstudio.layout.routes import Hint
from archstudio.render.corridor import order_tracks
from archstudio.render.detour import detoured
from archstudio.render.incremental import (
    DrawingIndex,
    LinePieces,
    channel_members,
    extent_of,
    local_ports,
    near_segments,
    segment_rects,
)
from archstudio.render.labels import GAP, place_labels
from archstudio.render.laid import Laid
from archstudio.render.layered import Planned, end_sides, follow_hints, toward
from archstudio.render.line_ends import clip_ends, loop, straight
from archstudio.render.nudge import (
    SEPARATION,
    nudge,
    nudge_segments,
    repair,
    separate_ends,
)
from archstudio.render.ports import OUTWARD, Port, assign_ports
from archstudio.render.routing import parallel_shifts
from archstudio.render.scope import (
    Avoiding,
    Rect,
    Scene,
    Scope,
    Scopes,
    Shape,
    blocked,
    rect_of,
    title_rect,
)
from archstudio.render.search import Budget, route_between
from archstudio.render.splice import spliced

Point = tuple[float, float]
Link = tuple[str, str, str]  # relation key, source, target
Outline = Callable[[str], Sequence[Point] | None]  # a shape's outline, box-relative
BESIDE = 3 * SEPARATION  # a line this close to a shape's old place went around it
AROUND_MOST = 16  # lines re-routed because their extent holds a moved shape's old place
LOCAL = 6.0  # ...when that extent is at most this many times the shape's size
HISTORY = 8  # earlier drawings an update looks for the same shapes in (undo, redo)
SQUEEZE_ROUNDS = 1  # times lines in channels too narrow for them are routed again
AGAIN_EFFORT = 2000  # grid states for each try to route a line out of a full channel
PLAN_ROUNDS = 2  # ports assigned again once it is known which lines cannot follow a plan
CROSSING_AWARE_UP_TO = 100  # relations: careful routing whatever the plans (see _careful)
CAREFUL_SEARCHES = 200  # bigger drawings: careful when at most this many lines are searched
PLANS_HOLD = 0.6  # ...and at least this share of the relations follow their plan whole
PLANS_UP_TO = 2 * CAREFUL_SEARCHES  # relations: the plans are looked up (see wants_plans)


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
    tracks: int = 0  # tracks around the whole diagram taken (see :mod:`corridor`)
    # what the next update starts from (see :mod:`incremental`); handed on, not shared
    index: DrawingIndex | None = field(default=None, repr=False, compare=False)
    # the drawing this one was updated from (an undo finds it again), ``HISTORY`` deep
    previous: Drawing | None = field(default=None, repr=False, compare=False)
    hints: dict[str, Hint] = field(default_factory=dict)  # the layout's plan per relation
    followed: set[str] = field(default_factory=set)  # relations drawn along their plan
    detoured: set[str] = field(default_factory=set)  # ...except a stretch searched for
    careful: bool = False  # routed carefully (see _careful): ports leave systems the short way
    # the ports' sides and order taken from the plans (what assign_ports was given)
    prefer: dict[tuple[str, int], tuple[str, float]] = field(default_factory=dict)

    @classmethod
    def compute(cls, shapes: Mapping[str, Shape], links: Iterable[Link],
                sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
                style: str = "orthogonal", hints: Mapping[str, Hint] | None = None
                ) -> Drawing:
        """``hints``: the layered engine's plan for relations whose ends are where it
        drew them (``layout.routes.hints_for``); the others are routed on their own."""
        drawing = cls(shapes=dict(shapes), links=list(links), sizes=dict(sizes), style=style,
                      hints=dict(hints or {}))
        drawing._route(outline)
        return drawing

    def report(self) -> dict[str, int]:
        """What the benchmark counts: routes that cross a shape, labels without a free spot."""
        return {"relations": len(self.links), "blocked_routes": len(self.blocked),
                "crowded_labels": len(self.crowded)}

    def update(self, shapes: Mapping[str, Shape], links: Iterable[Link],
               sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
               hints: Mapping[str, Hint] | None = None) -> Drawing:
        """The drawing after some shapes moved (or relations came or went): a new
        ``Drawing`` that re-routes only what the change touches, spreads again only the
        channels those lines run in and places again only the labels near them."""
        links = list(links)
        if hints and self.style != "straight" and any(
                self.hints.get(k) != h for k, h in hints.items()):
            # plans of a new layout (Auto-arrange): the whole drawing along them
            return Drawing.compute(shapes, links, sizes, outline, self.style, hints)
        moved = {q for q, s in shapes.items() if self.shapes.get(q) is not s
                 and self.shapes.get(q) != s}
        moved |= self.shapes.keys() - shapes.keys()
        fresh = Drawing(shapes=dict(shapes), links=links, sizes=dict(sizes), style=self.style,
                        hints=self.hints)
        if not moved and [k for k, _, _ in links] == [k for k, _, _ in self.links] \
                and fresh.sizes == self.sizes:
            return self
        if self.style == "straight":
            fresh._route(outline)
            return fresh
        earlier = self._recalled(fresh, moved)
        if earlier is not None:
            return earlier
        fresh.previous = self
        _forget_beyond(fresh, HISTORY)
        ends_before = {key: (source, target) for key, source, target in self.links}
        ends_now = {key: (source, target) for key, source, target in links}
        new_rects = [rect_of(shapes[q].box) for q in moved if q in shapes]
        old_rects = [rect_of(self.shapes[q].box) for q in moved if q in self.shapes]
        touched: set[str] = set()
        dirty = set(moved)
        for key, ends in ends_now.items():
            if ends_before.get(key) != ends:
                touched.add(key)
                dirty.update(ends)
            elif ends[0] in moved or ends[1] in moved \
                    or fresh.sizes.get(key) != self.sizes.get(key):
                touched.add(key)
        for key in ends_before.keys() - ends_now.keys():
            dirty.update(ends_before[key])
        index = self._take_index()
        if new_rects or old_rects:
            touched |= _covered_by(index, new_rects + old_rects)
            # a line that went around a shape's old place may now take a shorter way
            touched |= _around(index, old_rects)
        touched &= ends_now.keys()
        fresh._reroute(touched, dirty, moved, new_rects, outline, self, index,
                       {k for k, e in ends_now.items() if ends_before.get(k) != e})
        return fresh

    def _recalled(self, fresh: Drawing, moved: set[str]) -> Drawing | None:
        """An earlier drawing of exactly these shapes, relations and labels (an undo, a
        drag back), made current again: the same lines and labels as before, at the cost
        of comparing them, with this drawing's indexes handed on and patched."""
        earlier, depth = self.previous, 0
        while earlier is not None and depth < HISTORY:
            if earlier.style == fresh.style and len(earlier.shapes) == len(fresh.shapes) \
                    and all(earlier.shapes.get(q) == fresh.shapes.get(q) for q in moved) \
                    and earlier.shapes == fresh.shapes and earlier.links == fresh.links \
                    and earlier.sizes == fresh.sizes:
                break
            earlier, depth = earlier.previous, depth + 1
        else:
            return None
        index = self._take_index()
        for mine, theirs, kind in ((self.raw, earlier.raw, index.raw),
                                   (self.routes, earlier.routes, index.lines)):
            for key in mine.keys() | theirs.keys():
                now, then = mine.get(key), theirs.get(key)
                if now is then or now == then:
                    continue
                if then is None:
                    kind.remove(key)
                    index.extents.pop(key, None)
                    continue
                kind.put(key, segment_rects(then))
                if kind is index.lines:
                    index.extents[key] = extent_of(then)
        for key in self.labels.keys() | earlier.labels.keys():
            now, then = self.labels.get(key), earlier.labels.get(key)
            if now != then:
                if then is None:
                    index.labels.remove(key)
                else:
                    index.labels.put(key, [(0, (then.x, then.y, then.right, then.bottom))])
        if index.scene is not None:
            index.scene = Scene(earlier.shapes, index.scene, moved)
        earlier.index = index
        earlier.previous = self  # a redo finds this one
        return earlier

    def _take_index(self) -> DrawingIndex:
        """This drawing's indexes, handed on to the drawing that follows it (built anew
        when it has none: it was updated before, or made in the straight style)."""
        index, self.index = self.index, None
        if index is None:
            index = DrawingIndex(self.raw, self.routes, self.labels)
        return index

    def _reroute(self, touched: set[str], dirty: set[str], moved: set[str],
                 moved_rects: list[Rect], outline: Outline | None, before: Drawing,
                 index: DrawingIndex, dirty_links: set[str]) -> None:
        """Routes, nudging and labels after a move, redone only near what changed."""
        scene = Scene(self.shapes, index.scene, moved) if index.scene is not None \
            else Scene(self.shapes)
        index.scene = scene
        boxes = {q: s.box for q, s in self.shapes.items()}
        links = [link for link in self.links if link[1] != link[2]]
        self.prefer = self._preferred(boxes, links, before)
        ports = local_ports(links, boxes, lambda a, b: a in scene.ancestors(b),
                            before.ports, dirty, self.prefer,
                            scene.ancestors if before.careful else None,
                            lambda q, side, system: _clear_run(scene, q, side, system),
                            lambda q: title_rect(scene.shapes[q])[2])
        self.careful = before.careful
        for key, _, _ in links:  # a port that slid along its side: route again
            port, was = ports[key], before.ports.get(key)
            if port is not was and port != was:
                touched.add(key)
        self.ports = ports
        scopes = Scopes(scene, self.links)
        budget = Budget(len(touched))
        budget.tracks = before.tracks  # lines around the diagram keep their tracks
        blocked = set(before.blocked) & {k for k, _, _ in self.links}
        self.raw = {}
        changed: set[str] = set(before.raw.keys() - {k for k, _, _ in self.links})
        self.followed = {k for k in before.followed
                         if k not in touched and k in ends_of(self.links)}
        self.detoured = {k for k in before.detoured
                         if k not in touched and k in ends_of(self.links)}
        loops: dict[str, int] = defaultdict(int)  # as in a whole drawing: corners in turn
        for key, source, target in self.links:
            if source == target:
                self.raw[key] = loop(boxes[source], loops[source])
                loops[source] += 1
            elif key in touched or key not in before.raw:
                start, end = ports[key]
                ends = tuple(None if self.shapes[q].is_group or port.direction != _out(port)
                             else boxes[q] for q, port in ((source, start), (target, end)))
                points = None
                if (source in moved) != (target in moved) and key in before.raw \
                        and key not in before.blocked and key not in dirty_links:
                    q = source if source in moved else target
                    zone = _hull(before.shapes[q].box, boxes[q]) if q in before.shapes \
                        else rect_of(boxes[q])
                    points = spliced(scopes[key], start, end, before.raw[key],
                                     source in moved, zone, budget, ends)
                clear = True
                if points is None:
                    points, clear = route_between(scopes[key], start, end, budget, ends)
                blocked.discard(key)
                if not clear:
                    blocked.add(key)
                self.raw[key] = clip_ends(points, source, target, self.shapes, outline)
            else:
                self.raw[key] = before.raw[key]
                continue
            if before.raw.get(key) != self.raw[key]:
                changed.add(key)
        self.routes = dict(before.routes)
        for key in changed:
            self.routes.pop(key, None)
        lines = self._renudge(changed, before, scopes, index)
        self._relabel(lines, moved_rects, before, scopes, index)
        self.blocked = sorted(blocked)
        self.tracks = budget.tracks
        self.index = index

    def _renudge(self, changed: set[str], before: Drawing, scopes: Scopes,
                 index: DrawingIndex) -> set[str]:
        """Nudge again the channels the changed routes run in now or ran in before; then
        keep the changed lines off the lines beside them. Returns the relations whose
        line is no longer what it was."""
        raw, routes = self.raw, self.routes
        seeds = [(k, r) for k in changed if k in before.raw
                 for _, r in segment_rects(before.raw[k])]
        for key in changed:
            if key in raw:
                index.raw.put(key, segment_rects(raw[key]))
                seeds += [(key, r) for _, r in segment_rects(raw[key])]
            else:
                index.raw.remove(key)
        members = channel_members(index.raw, seeds, changed)
        for key in changed:
            if key in raw:
                routes[key] = list(raw[key])
        places: dict[str, set[int]] = {k: set(range(len(raw[k]) - 1))
                                       for k in changed if k in raw}
        for key, indexes in members.items():
            points = routes[key] = list(routes[key])
            for i in indexes:  # back to where routing put it, to be spread again
                across = 0 if raw[key][i][0] == raw[key][i + 1][0] else 1
                for n in (i, i + 1):
                    p = list(points[n])
                    p[across] = raw[key][i][across]
                    points[n] = (p[0], p[1])
            places[key] = indexes
        nudge_segments(routes, scopes, places)
        moving = set(places)
        # lines gone with their relation are still in the index until the end of this pass
        beside = near_segments(index.lines, routes, sorted(moving), moving, before.routes) \
            & routes.keys()
        for key in beside:
            routes[key] = list(routes[key])
        keys = sorted(moving | beside)
        separate_ends(routes, scopes, keys)
        repair(routes, scopes, keys)
        _keep_clear(routes, raw, scopes, keys)
        lines = {k for k in keys if routes[k] != before.routes.get(k)}
        lines |= before.routes.keys() - routes.keys()
        for key in lines:
            if key in routes:
                index.lines.put(key, segment_rects(routes[key]))
                index.extents[key] = extent_of(routes[key])
            else:
                index.lines.remove(key)
                index.extents.pop(key, None)
        return lines

    def _relabel(self, lines: set[str], moved_rects: list[Rect], before: Drawing,
                 scopes: Scopes, index: DrawingIndex) -> None:
        """Labels of changed ``lines`` placed again, and those the changed lines or moved
        shapes now cover; every other label stays where it was. Placement looks only at
        the labels kept near the lines whose labels it places."""
        displaced = set(lines)
        for key in lines:
            for _, (x0, y0, x1, y1) in segment_rects(self.routes.get(key, [])):
                for other, _, r in index.labels.query(x0, y0, x1, y1):
                    if x0 < r[2] and x1 > r[0] and y0 < r[3] and y1 > r[1]:
                        displaced.add(other)
        for x0, y0, x1, y1 in moved_rects:
            displaced.update(k for k, _, _ in index.labels.query(x0, y0, x1, y1))
        sizes = self.sizes
        labels = {k: b for k, b in before.labels.items()
                  if k not in displaced and k in sizes and k in self.routes
                  and sizes[k] == before.sizes.get(k)}
        pending = {k: sizes[k] for k in sizes if k in self.routes and k not in labels}
        near: dict[str, Box] = {}  # kept labels a pending one might land on
        for key, (width, height) in pending.items():
            reach = max(width, height) + GAP
            for _, (x0, y0, x1, y1) in segment_rects(self.routes[key]):
                for other, _, _ in index.labels.query(x0 - reach, y0 - reach, x1 + reach,
                                                      y1 + reach):
                    if other in labels:
                        near[other] = labels[other]
        placed, crowded = place_labels(self.routes, pending, scopes, near,
                                       LinePieces(index.lines))
        labels.update(placed)
        self.labels = labels
        self.crowded = sorted((set(before.crowded) & labels.keys()) - pending.keys()
                              | set(crowded) & pending.keys())
        for key in before.labels.keys() - labels.keys():
            index.labels.remove(key)
        for key in pending:
            box = labels[key]
            index.labels.put(key, [(0, (box.x, box.y, box.right, box.bottom))])

    def _route(self, outline: Outline | None) -> None:
        """Every route, nudged, and every label: the whole drawing. Lines follow the
        layout's plan where it holds; the others are searched for, shortest first and
        (in smaller drawings) counting the crossings with the lines already there."""
        scene = Scene(self.shapes)
        boxes = {q: s.box for q, s in self.shapes.items()}
        links = [link for link in self.links if link[1] != link[2]]
        scopes = Scopes(scene, self.links)
        ports, planned, careful = self._ports_and_plans(scene, boxes, links, scopes)
        self.careful = careful
        followed = {k: p.points for k, p in planned.items() if not p.holes}
        self.ports = ports
        loops: dict[str, int] = defaultdict(int)  # self-relations drawn so far, per element
        blocked: set[str] = set()
        shifts = parallel_shifts(self.links) if self.style == "straight" else {}
        budget = Budget(len(links))
        around: list[tuple[str, int, Rect]] = []  # lines around the whole diagram
        laid = Laid() if careful and self.style != "straight" else None
        if laid is not None:
            for points in followed.values():
                laid.add(points)
        for key, source, target in _routing_order(self.links, ports, planned,
                                                  laid is not None):
            if source == target:
                self.raw[key] = loop(boxes[source], loops[source])
                loops[source] += 1
                continue
            if self.style == "straight":
                self.raw[key] = straight(key, source, target, self.shapes, outline, shifts)
                continue
            if key in followed:
                self.raw[key] = clip_ends(followed[key], source, target, self.shapes, outline)
                self.followed.add(key)
                continue
            if key in planned:  # along the plan, its unclear stretches searched
                points = detoured(planned[key], *ports[key], scopes[key], budget, laid)
                if points is not None:
                    if laid is not None:
                        laid.add(points)
                    self.raw[key] = clip_ends(points, source, target, self.shapes, outline)
                    self.detoured.add(key)
                    continue
            went_around = len(budget.rings)
            if not self._search(key, source, target, scopes[key], budget, laid, outline):
                blocked.add(key)
            if len(budget.rings) > went_around:
                around.append((key, *budget.rings[-1]))
        order_tracks(self.raw, around)
        self.raw = {key: self.raw[key] for key, _, _ in self.links if key in self.raw}
        self.routes = {key: list(points) for key, points in self.raw.items()}
        if self.style != "straight":
            keys = [k for k, _, _ in self.links if k in self.routes]
            squeezed = nudge(self.routes, scopes, keys, self.followed)
            searched = {k for k, _, _ in links
                        if k not in self.followed and k not in self.detoured}
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
            repair(self.routes, scopes, keys)  # one attempt per relation: linear
            if around:  # long lines around the crowd: what one pass moved may meet again
                repair(self.routes, scopes, keys)
                _keep_clear(self.routes, self.raw, scopes, [k for k, _, _ in around])
        sizes = {k: v for k, v in self.sizes.items() if k in self.routes}
        if self.style == "straight":
            self.labels, self.crowded = place_labels(self.routes, sizes, scopes)
        else:
            index = DrawingIndex(self.raw, self.routes, {})
            index.scene = scene
            moved: set[str] = set()
            self.labels, self.crowded = place_labels(self.routes, sizes, scopes, None,
                                                     LinePieces(index.lines), moved)
            for key in moved:  # lines moved out from under crowded labels
                index.lines.put(key, segment_rects(self.routes[key]))
                index.extents[key] = extent_of(self.routes[key])
            index.set_labels(self.labels)
            self.index = index
        self.blocked = sorted(blocked)
        self.tracks = budget.tracks

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
        self.raw[key] = clip_ends(points, source, target, self.shapes, outline)
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
                         scopes: Mapping[str, Scope]
                         ) -> tuple[dict[str, tuple[Port, Port]], dict[str, Planned], bool]:
        """Ports, the lines along the layout's plan (with the stretches the plan cannot
        draw marked for the search), and whether the drawing is routed carefully
        (:func:`_careful`). A relation whose plan runs across a system or a title band
        gets its ports as if it had no plan (it is routed on its own), so the ports are
        assigned again once that is known; a drawing whose plans do not fit is routed
        without them."""
        def encloses(a: str, b: str) -> bool:
            return a in scene.ancestors(b)

        def clear_run(q: str, side: str, system: str) -> bool:
            return _clear_run(scene, q, side, system)

        def tab_right(q: str) -> float:
            return title_rect(scene.shapes[q])[2]

        small = len(links) <= CROSSING_AWARE_UP_TO
        plans = self._fitted_hints(boxes, links)
        planned: dict[str, Planned] = {}
        ports: dict[str, tuple[Port, Port]] = {}
        for _ in range(PLAN_ROUNDS):
            prefer = {}
            for key, hint in plans.items():
                sides = end_sides(hint)
                prefer[(key, 0)] = (sides[0], toward(hint, 0))
                prefer[(key, 1)] = (sides[1], toward(hint, 1))
            ports = assign_ports(links, boxes, encloses, prefer,
                                 scene.ancestors if small or plans else None, clear_run,
                                 tab_right)
            if not plans:
                return ports, {}, small
            planned = follow_hints(plans, ports, scopes)
            if len(planned) == len(plans):
                break
            plans = {k: h for k, h in plans.items() if k in planned}
        planned = {k: v for k, v in planned.items() if k in plans}
        if _careful(links, planned):
            self.prefer = prefer
            return ports, planned, True
        if small:  # careful routing without the plans
            ports = assign_ports(links, boxes, encloses, {}, scene.ancestors, clear_run,
                                 tab_right)
            return ports, {}, True
        return assign_ports(links, boxes, encloses, {}, None, clear_run, tab_right), {}, False

    def _preferred(self, boxes: Mapping[str, Box], links: list[Link], before: Drawing
                   ) -> dict[tuple[str, int], tuple[str, float]]:
        """What ``before`` gave :func:`assign_ports` from the plans, for the relations
        whose plan still holds for ``boxes``: the same for every update while a plan
        holds, so ports assigned again near a move agree with the ports kept."""
        fitted = self._fitted_hints(boxes, links)
        return {end: value for end, value in before.prefer.items() if end[0] in fitted}

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


def ends_of(links: list[Link]) -> set[str]:
    return {key for key, _, _ in links}


def _clear_run(scene: Scene, qname: str, side: str, system: str) -> bool:
    """Whether no other shape of ``system`` lies between ``qname`` and that side of it
    (level with ``qname``), so a line can run straight out of the system there."""
    box, outer = scene.shapes[qname].box, scene.shapes[system].box
    if side == "L":
        strip = (outer.x, box.y, box.x, box.bottom)
    else:
        strip = (box.right, box.y, outer.right, box.bottom)
    index = scene.children.get(system)
    if index is None:
        return True
    for other, o in index.query(*strip):
        if other == qname or qname in scene.ancestors(other) \
                or other in scene.ancestors(qname):
            continue
        if o[0] < strip[2] and o[2] > strip[0] and o[1] < strip[3] and o[3] > strip[1]:
            return False
    return True


def wants_plans(links: list[Link]) -> bool:
    """Whether a drawing of these relations may follow the layout's plans, so that the
    caller looks them up (``layout.routes.hints_for`` may lay the model out): up to
    ``PLANS_UP_TO`` relations. Beyond, the careful routing needs more than half the lines
    along their plans whole (:func:`_careful`); the generated model of 500 elements has
    63 % (655 relations) and too many left to search, and following its plans only to
    route it without them cost a fifth of its routing time."""
    return len([link for link in links if link[1] != link[2]]) <= PLANS_UP_TO


def _careful(links: list[Link], planned: Mapping[str, Planned]) -> bool:
    """Whether the drawing is routed carefully: lines follow the layout's plan, the
    search counts crossings, lines leave systems by the shortest way round, short lines
    go first. Small drawings always are (up to ``CROSSING_AWARE_UP_TO`` relations, with
    or without plans); bigger ones when their plans fit: at least ``PLANS_HOLD`` of the
    relations follow their plan whole, and at most ``CAREFUL_SEARCHES`` are left to
    search. Where many plans fail, lines along the plans and lines searched around them
    cross about as much as lines searched alone, with more lines under labels
    (TrainTicket, 56 % of its plans holding: 1,993 crossings and 71 lines under labels
    against 1,988 and 62; at 43 %, 2,189 against 2,147); the generated models of 100 to
    300 elements, 65 to 87 % holding, cross 10 to 45 % less. Past a few hundred searched
    lines the drawing's search budget decides: spending it on crossings would leave the
    last lines without (generated 500 elements: 244 to search, 10,991 crossings searched
    alone, 11,786 with the careful routing)."""
    if len(links) <= CROSSING_AWARE_UP_TO:
        return True
    whole = sum(1 for plan in planned.values() if not plan.holes)
    return whole >= PLANS_HOLD * len(links) and len(links) - whole <= CAREFUL_SEARCHES


def _routing_order(links: list[Link], ports: Mapping[str, tuple[Port, Port]],
                   planned: Mapping[str, Planned], shortest_first: bool) -> list[Link]:
    """Lines wholly along the layout's plan first, then those with a stretch to search,
    then (``shortest_first``) the others by length: a short line has few ways to go, a
    long one can go round what is there."""
    def length(link: Link) -> float:
        if not shortest_first or link[0] not in ports:
            return 0.0
        (ax, ay), (bx, by) = ports[link[0]][0].point, ports[link[0]][1].point
        return abs(ax - bx) + abs(ay - by)

    def rank(link: Link) -> int:
        plan = planned.get(link[0])
        return 2 if plan is None else 1 if plan.holes else 0

    return sorted(links, key=lambda link: (rank(link), length(link)))


def _covered_by(index: DrawingIndex, rects: list[Rect]) -> set[str]:
    """Relations whose line or label lies on any of ``rects``."""
    hit: set[str] = set()
    for x0, y0, x1, y1 in rects:
        for key, _, r in index.lines.query(x0, y0, x1, y1):
            if r[0] < x1 and r[2] > x0 and r[1] < y1 and r[3] > y0:
                hit.add(key)
        hit.update(key for key, _, _ in index.labels.query(x0, y0, x1, y1))
    return hit


def _around(index: DrawingIndex, rects: list[Rect]) -> set[str]:
    """Relations that may have gone around one of ``rects`` (a shape's old place): every
    line running beside it, and the ``AROUND_MOST`` tightest lines whose extent overlaps
    it while staying within ``LOCAL`` times its size (a long line's extent holds half the
    diagram: re-routing all of them would make a drag cost as much as opening the file,
    and move lines far from the drag)."""
    hit = set()
    for x0, y0, x1, y1 in rects:
        hit.update(key for key, _, _ in index.lines.query(x0 - BESIDE, y0 - BESIDE,
                                                          x1 + BESIDE, y1 + BESIDE))
    holding = []
    for key, (x0, y0, x1, y1) in index.extents.items():
        if key in hit:
            continue
        for r in rects:
            if x0 <= r[2] and x1 >= r[0] and y0 <= r[3] and y1 >= r[1]:
                reach = LOCAL * max(r[2] - r[0], r[3] - r[1])
                if x1 - x0 <= reach and y1 - y0 <= reach:
                    holding.append(((x1 - x0) * (y1 - y0), key))
                    break
    holding.sort()
    hit.update(key for _, key in holding[:AROUND_MOST])
    return hit


def _keep_clear(routes: dict[str, list[Point]], raw: Mapping[str, list[Point]],
                scopes: Scopes, keys: Iterable[str]) -> None:
    """Where spreading lines apart made one of ``keys`` cut a shape's corner (two
    neighbouring segments each moved towards the same shape, each clear on its own), that
    line goes back to the clear route it had before spreading."""
    for key in keys:
        points = routes[key]
        if points is raw[key]:
            continue
        inner = points[1:-1]  # the end segments run into their shapes' outlines
        for a, b in zip(inner, inner[1:], strict=False):
            left, right = min(a[0], b[0]), max(a[0], b[0])
            top, bottom = min(a[1], b[1]), max(a[1], b[1])
            if blocked([a, b], scopes[key].obstacles(left, top, right, bottom)):
                routes[key] = list(raw[key])
                break


def _forget_beyond(drawing: Drawing, depth: int) -> None:
    """Cut the chain of earlier drawings after ``depth`` of them."""
    for _ in range(depth):
        if drawing.previous is None:
            return
        drawing = drawing.previous
    drawing.previous = None


def _hull(a: Box, b: Box) -> Rect:
    return (min(a.x, b.x), min(a.y, b.y), max(a.right, b.right), max(a.bottom, b.bottom))


def _out(port: Port) -> tuple[float, float]:
    return OUTWARD[port.side]
