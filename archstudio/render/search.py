"""The path of one relation between its two ports: fewest bends, then shortest, around
every obstacle of its scope (see :mod:`scope`).

As in libavoid, the search runs on an orthogonal visibility grid: the lines one padding
away from each obstacle's edges plus the lines through both ports, cut to a window around
the two ends and to the relation's frame. A* walks it with states (grid point, heading),
a move costs its length and a turn costs ``BEND``. The common case, where an L or Z shape
between the ports is already clear, is recognised first and costs a few rectangle tests.
If the window has no way through it grows to the whole frame; if even that fails
(an end walled in) the route with the fewest obstacles crossed is kept and reported.
Pure geometry, no Qt; cost follows the number of obstacles near the ends, never the size
of the coordinates.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from heapq import heappop, heappush

from archstudio.layout.geometry import Box
from archstudio.render.corridor import around_the_crowd
from archstudio.render.laid import Laid, between
from archstudio.render.ports import OUTWARD, Port
from archstudio.render.scope import Rect, Scope, blocked

Point = tuple[float, float]
PAD = 14.0  # a line runs this far from a shape it goes around
STUB = PAD  # a line leaves its port straight for at least this long
BEND = 48.0  # a turn costs as much as this much length
CROSS = 64.0  # crossing a line already routed costs as much as this much length
IMPROVE = 1500  # grid states a search for fewer crossings than a clear L or Z may take
CROSS_EFFORT = 4000  # and one for fewest crossings when there is none; then length only
TIGHT = 4.0  # last try: lines this close to the shapes, for narrow gaps
EFFORT = 5000  # grid states one search may take from the heap before it gives up


# about a quarter of a second of searching shared by a drawing's lines (see Budget)
MOST_STATES = 50_000
# grid states each line's plain search may still take once the shared states are spent
LINE_STATES = 1000
# about what a search takes per obstacle in its first window: a line whose window holds
# more than its own states cover is not searched (at 2,000 elements 10 of the 625 lines
# with 50 or more obstacles there were found in 1,000 states, 208 of the 272 with fewer)
STATES_PER_OBSTACLE = 20
# once this many lines searched with states of their own, they go on only while at least
# one in ``OWN_FOUND_SHARE`` of them found its way (generated 500 elements: 38 of 207 did,
# spending 160,000 states on the others; generated 2,000 elements: 218 of 290)
OWN_SAMPLE = 20
OWN_FOUND_SHARE = 3


class Budget:
    """Grid states for the searches of one drawing. A thousand per relation shared by
    all (real systems use a few hundred), at most ``most``: the lines routed first may
    search long and count crossings. Once those are spent, each line's plain search
    (:func:`searched_route` without an ``effort``) still gets ``line`` states of its own,
    so a drawing costs linear time in its relations whatever their geometry, and the
    lines routed late are searched too instead of all going around the crowd (with one
    budget for the whole drawing, the first 16 searched lines of 2,000 elements spent it
    and 907 of 2,611 relations went around). A line whose own search fails goes around
    the crowd (:mod:`corridor`), and only when even that fails gets the clearest L or Z
    shape and is reported."""

    def __init__(self, relations: int, per_relation: int = 1000,
                 most: int = MOST_STATES, line: int = LINE_STATES) -> None:
        self.left = min(max(relations, 1) * per_relation, most)
        self.line = line
        self.line_left = 0  # what the line searched now has left of its own
        self.own_tries = self.own_found = 0  # searches with states of their own, found
        self.tracks = 0  # lines taken around the whole diagram (see :mod:`corridor`)
        self.rings: list = []  # (track, ring) of each of them, in routing order

    def open_line(self) -> None:
        """A line's plain search begins: its own states, if the shared ones are spent."""
        self.line_left = self.line

    def take(self, plain: bool = False) -> int:
        """States the next try may take: from the shared ones while they last, then (a
        ``plain`` search) from the line's own."""
        if self.left > 0:
            return min(self.left, EFFORT)
        return min(self.line_left, EFFORT) if plain else 0

    def affords(self, obstacles: int) -> bool:
        """Whether a plain search among this many obstacles (its first window's) may
        well end within the states it would take: always while the states are shared."""
        if self.left > 0:
            return True
        if self.own_tries >= OWN_SAMPLE and \
                self.own_found * OWN_FOUND_SHARE < self.own_tries:
            return False  # in this drawing such searches mostly fail
        return obstacles * STATES_PER_OBSTACLE <= self.line_left

    def note(self, found: bool) -> None:
        """A search with states of its own ended, having found its way or not."""
        self.own_tries += 1
        self.own_found += found

    def spend(self, used: int) -> None:
        if self.left > 0:
            self.left -= used
        else:
            self.line_left -= used


GREED = 1.0  # weighted A*: the estimate counts this much, for far fewer states searched
# with crossings counted the estimate (length and turns) falls short of the cost by more,
# so it is weighted up: far fewer states for a route within a few percent of the best
CROSS_GREED = 1.0
HEADINGS = ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))


def heading_of(direction: Point) -> int:
    return HEADINGS.index((float(direction[0]), float(direction[1])))


def step_heading(a: Point, b: Point) -> int | None:
    """The heading of the step from ``a`` to ``b``; None when it is no orthogonal step
    (no move, or a slanted one), so a caller can look at the step before instead."""
    dx = float((b[0] > a[0]) - (b[0] < a[0]))
    dy = float((b[1] > a[1]) - (b[1] < a[1]))
    if (dx == 0.0) == (dy == 0.0):
        return None
    return heading_of((dx, dy))


def simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three collinear points."""
    out: list[Point] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (a[0] == b[0] == p[0]) or (a[1] == b[1] == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def _turns(points: list[Point], first: int, last: int) -> int:
    """Bends of a polyline that leaves heading ``first`` and must arrive heading ``last``."""
    count, heading = 0, first
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        step = (b[0] > a[0]) - (b[0] < a[0]), (b[1] > a[1]) - (b[1] < a[1])
        now = HEADINGS.index((float(step[0]), float(step[1])))
        if now == (heading + 2) % 4:
            return 99  # straight back the way it came
        count += now != heading
        heading = now
    if heading == (last + 2) % 4:
        return 99
    return count + (heading != last)


def _shapes(a: Point, b: Point) -> list[list[Point]]:
    (ax, ay), (bx, by) = a, b
    if ax == bx or ay == by:
        return [[a, b]]
    mx, my = (ax + bx) / 2, (ay + by) / 2
    return [[a, (bx, ay), b], [a, (ax, by), b], [a, (mx, ay), (mx, by), b],
            [a, (ax, my), (bx, my), b]]


def _length(points: list[Point]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in zip(points, points[1:],
                                                                     strict=False))


def _stub_clear(scope: Scope, port: Port) -> bool:
    (x, y), (dx, dy) = port.point, port.direction
    stub = [(x, y), (x + dx * STUB, y + dy * STUB)]
    return not blocked(stub, scope.obstacles(min(x, stub[1][0]), min(y, stub[1][1]),
                                             max(x, stub[1][0]), max(y, stub[1][1])))


def _free_port(scope: Scope, port: Port, box: Box | None) -> Port:
    """``port``, or when a shape pressed against that side leaves no way out, the middle
    of the first other side that has one."""
    if box is None or _stub_clear(scope, port):
        return port
    x, y = port.point  # keep the port's place along its side, so ports stay apart
    f = ((y - box.y) / box.height if port.side in "LR" else (x - box.x) / box.width
         ) if box.width > 0 and box.height > 0 else 0.5
    fx, fy = box.x + box.width * f, box.y + box.height * f
    for side, point in (("R", (box.right, fy)), ("B", (fx, box.bottom)), ("L", (box.x, fy)),
                        ("T", (fx, box.y))):
        other = Port(point, OUTWARD[side], side)
        if side != port.side and _stub_clear(scope, other):
            return other
    return port


def route_between(scope: Scope, start: Port, end: Port, budget: Budget | None = None,
                  boxes: tuple[Box | None, Box | None] = (None, None),
                  laid: Laid | None = None, effort: int | None = None
                  ) -> tuple[list[Point], bool]:
    """The polyline from ``start`` to ``end`` (both ports' points included) and whether it
    is clear of every obstacle. ``boxes``: the two end shapes, whose other sides are tried
    when a port's side is walled in. ``laid``: the lines routed so far; each one the new
    line would cross costs ``CROSS``, so it takes a small detour rather than cut through
    a bundle (an L or Z shape that crosses nothing is still taken at once). ``effort``:
    grid states the search may take at most (a second try that may well fail)."""
    start, end = _free_port(scope, start, boxes[0]), _free_port(scope, end, boxes[1])
    sx, sy = start.point
    ex, ey = end.point
    a = (sx + start.direction[0] * STUB, sy + start.direction[1] * STUB)
    b = (ex + end.direction[0] * STUB, ey + end.direction[1] * STUB)
    first, last = heading_of(start.direction), (heading_of(end.direction) + 2) % 4
    middle = quick_route(scope, a, b, first, last)
    budget = budget or Budget(1, EFFORT)
    if middle is not None and laid is not None and laid.crossings(middle):
        # a clear shape exists: look a little (a small window, a few states) for one
        # that crosses fewer lines
        middle = searched_route(scope, a, b, first, last, budget, laid, IMPROVE) or middle
    if middle is None and laid is not None:  # fewest crossings, within a bounded effort
        middle = searched_route(scope, a, b, first, last, budget, laid,
                         min(CROSS_EFFORT, effort or CROSS_EFFORT))
    if middle is None and effort is None:
        middle = searched_route(scope, a, b, first, last, budget)
    if middle is None and effort is None:
        middle = around_the_crowd(scope, a, first, b, last, budget)
    if middle is None:
        return simplify([start.point, *_least_crossed(scope, a, b), end.point]), False
    return simplify([start.point, *middle, end.point]), True


def quick_route(scope: Scope, a: Point, b: Point, first: int, last: int) -> list[Point] | None:
    """The best clear L or Z shape (or straight line), if one is clear."""
    options = sorted(((_turns(p, first, last), _length(p), i, p)
                      for i, p in enumerate(_shapes(a, b))), key=lambda o: o[:3])
    for turns, _, _, points in options:
        if turns >= 99:
            continue
        if not all(scope.inside_frame(*p) for p in points):
            continue
        if not _path_blocked(scope, points):
            return points
    return None


def _path_blocked(scope: Scope, points: list[Point]) -> bool:
    """Whether the path runs through an obstacle, asking the scope only about the strip
    of each segment (a long line's bounding box would hold half the diagram)."""
    for a, b in zip(points, points[1:], strict=False):
        left, right = (a[0], b[0]) if a[0] <= b[0] else (b[0], a[0])
        top, bottom = (a[1], b[1]) if a[1] <= b[1] else (b[1], a[1])
        if blocked([a, b], scope.obstacles(left, top, right, bottom)):
            return True
    return False


def _least_crossed(scope: Scope, a: Point, b: Point) -> list[Point]:
    """The L or Z shape through the fewest obstacles, when no clear route was found."""
    obstacles = scope.obstacles(min(a[0], b[0]), min(a[1], b[1]),
                                max(a[0], b[0]), max(a[1], b[1]))

    def crossed(points: list[Point]) -> int:
        return sum(blocked(points, [r]) for r in obstacles)

    return min(_shapes(a, b), key=lambda p: (crossed(p), len(p), _length(p)))


def _window(scope: Scope, a: Point, b: Point, grow: float | None) -> Rect:
    if grow is None:  # the whole frame, or the whole diagram and a margin around it
        frame = scope.frame
        if frame is not None:
            return frame
        x0, y0, x1, y1 = scope.scene.index.bounds() or (a[0], a[1], b[0], b[1])
        margin = 4 * PAD
        return (min(x0, a[0], b[0]) - margin, min(y0, a[1], b[1]) - margin,
                max(x1, a[0], b[0]) + margin, max(y1, a[1], b[1]) + margin)
    x0, x1 = min(a[0], b[0]) - grow, max(a[0], b[0]) + grow
    y0, y1 = min(a[1], b[1]) - grow, max(a[1], b[1]) + grow
    frame = scope.frame
    if frame is not None:
        x0, y0 = max(x0, frame[0]), max(y0, frame[1])
        x1, y1 = min(x1, frame[2]), min(y1, frame[3])
    return (x0, y0, x1, y1)


def searched_route(scope: Scope, a: Point, b: Point, first: int, last: int, budget: Budget,
            laid: Laid | None = None, effort: int | None = None) -> list[Point] | None:
    """A* in growing windows. ``effort``: at most this many states, in the first two
    windows only (a search for a better route when a clear one is known)."""
    span = abs(a[0] - b[0]) + abs(a[1] - b[1])
    tries = ((span * 0.1 + 100.0, PAD), (span * 0.5 + 200.0, PAD), (None, PAD),
             (None, TIGHT))
    own = effort is None and budget.left <= 0
    if effort is None:
        budget.open_line()
        if own and not budget.affords(
                len(scope.obstacles(*_window(scope, a, b, tries[0][0])))):
            return None  # too crowded for its own states: around the crowd
    found = _tried(scope, a, b, first, last, budget, laid, effort,
                   tries if effort is None else tries[:2])
    if own:
        budget.note(found is not None)
    return found


def _tried(scope: Scope, a: Point, b: Point, first: int, last: int, budget: Budget,
           laid: Laid | None, effort: int | None, tries) -> list[Point] | None:
    for grow, pad in tries:
        limit = budget.take(True) if effort is None else min(budget.take(), effort)
        if limit <= 0:
            return None
        window = _window(scope, a, b, grow)
        found, used = _astar(scope, window, a, b, first, last, pad, limit, laid)
        budget.spend(used)
        if found is not None:
            return found
        if used >= limit:
            return None  # out of effort: a bigger window would cost more
    return None


def _lines(obstacles: list[Rect], window: Rect, a: Point, b: Point, pad: float
           ) -> tuple[list[float], list[float]]:
    x0, y0, x1, y1 = window
    xs = {a[0], b[0], x0, x1, (a[0] + b[0]) / 2}  # the middle: where a Z shape turns
    ys = {a[1], b[1], y0, y1, (a[1] + b[1]) / 2}
    for rx0, ry0, rx1, ry1 in obstacles:
        xs.update((rx0 - pad, rx1 + pad))
        ys.update((ry0 - pad, ry1 + pad))
    return (sorted(x for x in xs if x0 <= x <= x1), sorted(y for y in ys if y0 <= y <= y1))


class _Blocked:
    """Which grid steps run through an obstacle, worked out a row or a column at a time
    when the search first steps along it: a search touches a fraction of a big window's
    rows, and marking every step inside every obstacle up front cost more than the search
    (the whole window's area). ``across(j)``: the i of each blocked step from (i, j) to
    (i+1, j); ``down(i)``: the j of each blocked step from (i, j) to (i, j+1)."""

    __slots__ = ("xs", "ys", "rows", "columns", "_across", "_down")

    def __init__(self, obstacles: list[Rect], xs: list[float], ys: list[float]) -> None:
        self.xs, self.ys = xs, ys
        # each obstacle's x interval on the rows strictly inside it, and its y interval
        # on the columns strictly inside it: as much work as the obstacles' edges
        self.rows: dict[int, list[tuple[float, float]]] = {}
        self.columns: dict[int, list[tuple[float, float]]] = {}
        for rx0, ry0, rx1, ry1 in obstacles:
            for j in range(bisect_right(ys, ry0), bisect_left(ys, ry1)):
                self.rows.setdefault(j, []).append((rx0, rx1))
            for i in range(bisect_right(xs, rx0), bisect_left(xs, rx1)):
                self.columns.setdefault(i, []).append((ry0, ry1))
        self._across: dict[int, set[int]] = {}
        self._down: dict[int, set[int]] = {}

    def across(self, j: int) -> set[int]:
        found = self._across.get(j)
        if found is None:
            found = self._across[j] = _steps(self.rows.get(j, ()), self.xs)
        return found

    def down(self, i: int) -> set[int]:
        found = self._down.get(i)
        if found is None:
            found = self._down[i] = _steps(self.columns.get(i, ()), self.ys)
        return found


def _steps(intervals, lines: list[float]) -> set[int]:
    """The steps between neighbouring ``lines`` (step k from lines[k] to lines[k+1])
    that overlap any of the open ``intervals``."""
    out: set[int] = set()
    last = len(lines) - 1
    for low, high in intervals:
        out.update(range(max(bisect_right(lines, low) - 1, 0), min(bisect_left(lines, high),
                                                                   last)))
    return out


def _astar(scope: Scope, window: Rect, a: Point, b: Point, first: int, last: int,
           pad: float, limit: int, laid: Laid | None = None
           ) -> tuple[list[Point] | None, int]:
    """A* on the grid of ``window``: (the path or None, grid states taken)."""
    if window[0] > window[2] or window[1] > window[3]:
        return None, 0
    if not (window[0] <= a[0] <= window[2] and window[1] <= a[1] <= window[3]
            and window[0] <= b[0] <= window[2] and window[1] <= b[1] <= window[3]):
        return None, 0
    obstacles = scope.obstacles(*window)
    xs, ys = _lines(obstacles, window, a, b, pad)
    nx, ny = len(xs), len(ys)
    steps = _Blocked(obstacles, xs, ys)
    across, down = steps.across, steps.down
    rows_known, columns_known = steps._across, steps._down  # looked up without a call
    rows, columns = laid.across(xs, ys) if laid is not None else (None, None)
    greed = GREED if rows is None else CROSS_GREED
    start = (xs.index(a[0]), ys.index(a[1]))
    goal = (xs.index(b[0]), ys.index(b[1]))
    gx, gy = b
    gi, gj = goal
    best: dict[int, float] = {}
    parent: dict[int, int] = {}
    heap: list[tuple[float, float, int]] = []
    # a state is ((j * nx) + i) * 4 + heading: one int hashes fastest
    origin = (start[1] * nx + start[0]) * 4 + first
    best[origin], parent[origin] = 0.0, -1
    heappush(heap, (abs(a[0] - gx) + abs(a[1] - gy), 0.0, origin))
    inf = float("inf")
    taken = 0
    while heap:
        taken += 1
        if taken > limit:
            return None, taken
        _, cost, state = heappop(heap)
        cost = -cost
        if cost > best.get(state, inf):
            continue
        heading = state & 3
        node = state >> 2
        j, i = divmod(node, nx)
        if i == gi and j == gj:
            if heading == last:
                return _trace(parent, state, xs, ys, nx), taken
            if heading != (last + 2) % 4:  # one more turn, into the end's stub
                final = (node << 2) | last
                if cost + BEND < best.get(final, inf):
                    best[final], parent[final] = cost + BEND, state
                    heappush(heap, (cost + BEND, -(cost + BEND), final))
            continue
        xi, yj = xs[i], ys[j]
        row = column = None
        for turn in (0, 1, 3):
            h = (heading + turn) & 3
            # each move inlined per heading: its length without abs(), the same sums
            if h == 0 or h == 2:
                if row is None:
                    row = rows_known.get(j)
                    if row is None:
                        row = across(j)
                if h == 0:
                    if i + 1 >= nx or i in row:
                        continue
                    ni, nj = i + 1, j
                    x, y = xs[ni], yj
                    new = cost + (x - xi)
                else:
                    if i == 0 or i - 1 in row:
                        continue
                    ni, nj = i - 1, j
                    x, y = xs[ni], yj
                    new = cost + (xi - x)
                if turn:
                    new += BEND
                if rows is not None:
                    new += CROSS * between(rows[j], min(x, xi), max(x, xi))
            else:
                if column is None:
                    column = columns_known.get(i)
                    if column is None:
                        column = down(i)
                if h == 1:
                    if j + 1 >= ny or j in column:
                        continue
                    ni, nj = i, j + 1
                    x, y = xi, ys[nj]
                    new = cost + (y - yj)
                else:
                    if j == 0 or j - 1 in column:
                        continue
                    ni, nj = i, j - 1
                    x, y = xi, ys[nj]
                    new = cost + (yj - y)
                if turn:
                    new += BEND
                if rows is not None:
                    new += CROSS * between(columns[i], min(y, yj), max(y, yj))
            nxt = ((nj * nx + ni) << 2) | h
            if new < best.get(nxt, inf):
                best[nxt], parent[nxt] = new, state
                dx, dy = gx - x, gy - y
                # at least one more turn unless heading straight at the goal on its line
                if (dx == 0 and ((dy > 0 and h == 1) or (dy < 0 and h == 3))) or (
                        dy == 0 and ((dx > 0 and h == 0) or (dx < 0 and h == 2))):
                    turns = 0.0
                else:
                    turns = BEND
                heappush(heap, (new + greed * ((dx if dx >= 0 else -dx)
                                               + (dy if dy >= 0 else -dy) + turns),
                                -new, nxt))
    return None, taken


def _trace(parent: dict[int, int], state: int, xs: list[float], ys: list[float],
           nx: int) -> list[Point]:
    points: list[Point] = []
    while state >= 0:
        j, i = divmod(state >> 2, nx)
        points.append((xs[i], ys[j]))
        state = parent[state]
    points.reverse()
    return simplify(points)
