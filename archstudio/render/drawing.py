"""The computed drawing of a diagram's relations: every line and every label box, once.

``Drawing.compute`` takes the shapes (boxes and nesting), the relations and the size of
each label (measured by the caller: this module has no Qt) and gives each relation its
orthogonal polyline (ports spread, :mod:`search` around the obstacles of its
:mod:`scope`, :mod:`nudge` so no two share a segment) and its label box (:mod:`labels`).
Canvas items, PNG/SVG/PDF export and the JSON export all read this one result.

``Drawing.update`` follows a move, redoing only what the move touches (:mod:`redraw`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archstudio.layout.collector import collector_paused
from archstudio.layout.geometry import Box
from archstudio.layout.routes import Hint
from archstudio.render.corridor import order_tracks
from archstudio.render.detour import detoured
from archstudio.render.incremental import (
    DrawingIndex,
    LinePieces,
    extent_of,
    segment_rects,
)
from archstudio.render.labels import place_labels
from archstudio.render.laid import Laid
from archstudio.render.layered import Planned, end_sides, follow_hints, toward
from archstudio.render.line_ends import LoopCorners, clip_ends, loop, straight
from archstudio.render.nudge import (
    nudge,
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
    title_rect,
)
from archstudio.render.search import Budget, route_between

Point = tuple[float, float]
Link = tuple[str, str, str]  # relation key, source, target
Outline = Callable[[str], Sequence[Point] | None]  # a shape's outline, box-relative
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
    # the drawing this one was updated from (an undo finds it again; see :mod:`redraw`)
    previous: Drawing | None = field(default=None, repr=False, compare=False)
    # a drawing routed ahead for a likely next change (see redraw.route_ahead)
    ahead: Drawing | None = field(default=None, repr=False, compare=False)
    hints: dict[str, Hint] = field(default_factory=dict)  # the layout's plan per relation
    followed: set[str] = field(default_factory=set)  # relations drawn along their plan
    detoured: set[str] = field(default_factory=set)  # ...except a stretch searched for
    careful: bool = False  # routed carefully (see _careful): ports leave systems the short way
    # the ports' sides and order taken from the plans (what assign_ports was given)
    prefer: dict[tuple[str, int], tuple[str, float]] = field(default_factory=dict)
    labelled: bool = True  # False: lines only, no label placed (a picture too small to show them)

    @classmethod
    def compute(cls, shapes: Mapping[str, Shape], links: Iterable[Link],
                sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
                style: str = "orthogonal", hints: Mapping[str, Hint] | None = None,
                labels: bool = True, lines_done: Callable[[Drawing], None] | None = None
                ) -> Drawing:
        """``hints``: the layered engine's plan for relations whose ends are where it
        drew them (``layout.routes.hints_for``); the others are routed on their own.
        ``labels=False``: the lines only, for a picture drawn too small to show labels
        (label placement is more than half of a big drawing's routing, and it moves lines
        only to get them out from under labels). ``lines_done``: called with the lines
        alone (:meth:`lines_only`) once they are routed and before the labels are placed,
        so a caller can show them meanwhile."""
        drawing = cls(shapes=dict(shapes), links=list(links), sizes=dict(sizes), style=style,
                      hints=dict(hints or {}), labelled=labels)
        with collector_paused():  # routing keeps nearly all it builds (a sixth of its time
            drawing._route(outline, lines_done)  # at 2,000 elements went to collections)
        return drawing

    def lines_only(self) -> Drawing:
        """The lines as routed so far, without labels (what ``lines_done`` is given): a
        copy that label placement, which moves a few lines, leaves as it is."""
        return Drawing(routes={key: list(points) for key, points in self.routes.items()},
                       blocked=list(self.blocked), style=self.style, labelled=False,
                       careful=self.careful)

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
        from archstudio.render.redraw import updated  # redraw builds on this module

        return updated(self, shapes, links, sizes, outline, hints)

    def _route(self, outline: Outline | None,
               lines_done: Callable[[Drawing], None] | None = None) -> None:
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
        corners = LoopCorners(self.links, ports, boxes)  # where loops keep off
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
                self.raw[key] = loop(boxes[source], loops[source], corners.order(source))
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
                keep_clear(self.routes, self.raw, scopes, [k for k, _, _ in around])
        self.blocked = sorted(blocked)
        self.tracks = budget.tracks
        if lines_done is not None:
            lines_done(self.lines_only())
        if self.labelled:  # else lines only, and no indexes for updates (a picture's
            self._place_labels(scene, scopes)  # drawing; an update builds them, see redraw)

    def _place_labels(self, scene: Scene, scopes: Scopes) -> None:
        """Every label's box, beside its own line (moving lines out from under crowded
        labels), and the indexes an update starts from."""
        sizes = {k: v for k, v in self.sizes.items() if k in self.routes}
        if self.style == "straight":
            self.labels, self.crowded = place_labels(self.routes, sizes, scopes)
            return
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

    def _search(self, key: str, source: str, target: str, scope: Scope, budget: Budget,
                laid: Laid | None, outline: Outline | None, effort: int | None = None
                ) -> bool:
        """Route one relation on its own between its ports (into ``raw``); whether the
        line is clear of every shape."""
        start, end = self.ports[key]
        ends = tuple(None if self.shapes[q].is_group or port.direction != outward(port)
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
            return run_is_clear(scene, q, side, system)

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


def run_is_clear(scene: Scene, qname: str, side: str, system: str) -> bool:
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


def keep_clear(routes: dict[str, list[Point]], raw: Mapping[str, list[Point]],
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


def outward(port: Port) -> tuple[float, float]:
    return OUTWARD[port.side]
