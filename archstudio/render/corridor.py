"""A clear route found without searching: out of the crowd, around it, and back in.

When the search of :mod:`search` runs out of effort (a diagram of thousands of relations
routes in bounded time), a line still never goes through a shape. Each end walks out
towards the nearest edge of the scope's *ring* (a rectangle holding every obstacle of
the scope: around the whole diagram, or inside the frame of the system both ends share):
straight on until a shape is in the way, a step sideways past that shape, straight on
again. Outside the ring nothing is in the way, so the two walks are joined around it.
Lines around the whole diagram each take their own track, one separation further out, so
they never share a segment. Each step is one query of the scene's spatial index: the
cost follows the shapes passed, never the size of the diagram.
Pure geometry, no Qt.
"""

from __future__ import annotations

from archstudio.render.scope import Rect, Scope, blocked

Point = tuple[float, float]
PAD = 14.0  # as in search: a line runs this far from a shape it goes around
TRACK = 10.0  # between two lines around the whole diagram
STEPS = 24  # sidesteps one walk may take before it gives up
STEPS_VECTORS = ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))  # as search.HEADINGS


def around_the_crowd(scope: Scope, a: Point, first: int, b: Point, last: int, budget
                     ) -> list[Point] | None:
    """:func:`around` on the next free track of ``budget`` (a ``search.Budget``); a line
    around the whole diagram is noted in ``budget.rings`` (its track and the ring it took),
    so that a whole drawing can order the tracks afterwards (:func:`order_tracks`)."""
    path = around(scope, a, first, b, last, budget.tracks)
    if path is not None and scope.frame is None:
        budget.rings.append((budget.tracks, _ring(scope, budget.tracks)))
        budget.tracks += 1
    return path


def order_tracks(routes: dict[str, list[Point]], taken: list[tuple[str, int, Rect]]
                 ) -> None:
    """Give the lines around the whole diagram (key, track, ring) their tracks again,
    the shortest way around innermost: a line whose stretch around the diagram holds
    another's then runs outside it, and the two do not cross there (tracks given in
    routing order would make every later line cross every earlier one)."""
    def around_length(key: str, ring: Rect) -> float:
        on = [_on_ring(p, ring) for p in routes[key]]
        return sum(abs(q[0] - p[0]) + abs(q[1] - p[1])
                   for p, q, a, b in zip(routes[key], routes[key][1:], on, on[1:],
                                         strict=False) if a and b)

    ordered = sorted(taken, key=lambda t: (around_length(t[0], t[2]), t[0]))
    for track, (key, old, ring) in enumerate(ordered):
        shift = (track - old) * TRACK
        if shift:
            routes[key] = [_pushed(p, ring, shift) for p in routes[key]]


def _on_ring(p: Point, ring: Rect) -> bool:
    x0, y0, x1, y1 = ring
    return ((p[0] in (x0, x1) and y0 <= p[1] <= y1)
            or (p[1] in (y0, y1) and x0 <= p[0] <= x1))


def _pushed(p: Point, ring: Rect, shift: float) -> Point:
    """``p`` moved ``shift`` outward if it lies on the ring's border (corners both ways)."""
    if not _on_ring(p, ring):
        return p
    x0, y0, x1, y1 = ring
    x, y = p
    x = x - shift if x == x0 else x + shift if x == x1 else x
    y = y - shift if y == y0 else y + shift if y == y1 else y
    return (x, y)


def around(scope: Scope, a: Point, first: int, b: Point, last: int, track: int
           ) -> list[Point] | None:
    """A clear orthogonal path from ``a`` (left heading ``first``) to ``b`` (reached
    heading ``last``), or None. ``track``: which track around the diagram to take."""
    ring = _ring(scope, track)
    if ring is None:
        return None
    out_a = _escape(scope, a, (first + 2) % 4, ring)
    if out_a is None:
        return None
    out_b = _escape(scope, b, last, ring)
    if out_b is None:
        return None
    path = _meet(out_a, out_b) or out_a + _join(out_a[-1], out_b[-1], ring) + out_b[::-1]
    path = _simplified(path)
    if _doubles_back(path) or not _clear(scope, path):
        return None
    return path


def _on(v: Point, p: Point, q: Point) -> bool:
    return (min(p[0], q[0]) <= v[0] <= max(p[0], q[0])
            and min(p[1], q[1]) <= v[1] <= max(p[1], q[1]) and (p[0] == q[0] == v[0]
                                                                or p[1] == q[1] == v[1]))


def _meet(out_a: list[Point], out_b: list[Point]) -> list[Point] | None:
    """Where the two walks meet before the ring (they often pass the same shapes): the
    walk from a up to the first point they share, then the walk back to b."""
    best: list[Point] | None = None
    for first, second, flip in ((out_a, out_b, False), (out_b, out_a, True)):
        for i in range(len(first) - 1):
            found = next((j for j, v in enumerate(second) if _on(v, first[i], first[i + 1])),
                         None)
            if found is not None:
                path = first[:i + 1] + [second[found]] + second[:found][::-1]
                path = path[::-1] if flip else path
                if best is None or _length(path) < _length(best):
                    best = path
                break
    return best


def _length(points: list[Point]) -> float:
    return sum(abs(q[0] - p[0]) + abs(q[1] - p[1]) for p, q in zip(points, points[1:],
                                                                     strict=False))


def _doubles_back(path: list[Point]) -> bool:
    """Whether a segment runs straight back over the one before it."""
    for p, q, r in zip(path, path[1:], path[2:], strict=False):
        if (q[0] - p[0]) * (r[0] - q[0]) < 0 or (q[1] - p[1]) * (r[1] - q[1]) < 0:
            return True
    return False


def _ring(scope: Scope, track: int) -> Rect | None:
    """A rectangle holding every obstacle the scope's lines must avoid, with room around
    it inside the frame (None when the frame leaves none)."""
    frame = scope.frame
    if frame is None:
        bounds = scope.scene.index.bounds()
        if bounds is None:
            return None
        grow = 2 * PAD + track * TRACK
        return (bounds[0] - grow, bounds[1] - grow, bounds[2] + grow, bounds[3] + grow)
    inside = [r for r in scope.obstacles(*frame)
              if r[0] >= frame[0] and r[2] <= frame[2] and r[1] >= frame[1]
              and r[3] <= frame[3]]
    ceiling = frame[1]  # a band across the top of the frame: the ring runs below it
    for r in scope.obstacles(*frame):
        if r not in inside and r[1] <= frame[1] + 1 and r[3] > ceiling:
            ceiling = r[3]
    if not inside:
        return None
    x0, y0 = min(r[0] for r in inside), min(r[1] for r in inside)
    x1, y1 = max(r[2] for r in inside), max(r[3] for r in inside)
    ring = (max(x0 - PAD, frame[0]), max(y0 - PAD, (ceiling + y0) / 2, frame[1]),
            min(x1 + PAD, frame[2]), min(y1 + PAD, frame[3]))
    if ring[1] <= ceiling or ring[0] >= x0 or ring[1] >= y0 or ring[2] <= x1 \
            or ring[3] <= y1:
        return None  # no room between the shapes and the frame
    return ring


def _outside(p: Point, ring: Rect) -> bool:
    return not (ring[0] < p[0] < ring[2] and ring[1] < p[1] < ring[3])


def _escape(scope: Scope, p: Point, forbidden: int, ring: Rect) -> list[Point] | None:
    """A clear walk from ``p`` to the ring's border, never leaving heading ``forbidden``
    first (back over the end's own stub)."""
    if _outside(p, ring):
        return [p]
    if _inside_obstacle(scope, p):
        return None
    reach = {0: ring[2] - p[0], 1: ring[3] - p[1], 2: p[0] - ring[0], 3: p[1] - ring[1]}
    for heading in sorted((h for h in range(4) if h != forbidden), key=lambda h: reach[h]):
        walk = _walk(scope, p, heading, ring)
        if walk is not None:
            return walk
    return None


def _inside_obstacle(scope: Scope, p: Point) -> bool:
    x, y = p
    return any(r[0] < x < r[2] and r[1] < y < r[3] for r in scope.obstacles(x, y, x, y))


def _walk(scope: Scope, p: Point, heading: int, ring: Rect) -> list[Point] | None:
    dx, dy = STEPS_VECTORS[heading]
    points = [p]
    x, y = p
    for _ in range(STEPS):
        end = (ring[2] if dx > 0 else ring[0] if dx < 0 else x,
               ring[3] if dy > 0 else ring[1] if dy < 0 else y)
        hit = _first_hit(scope, (x, y), end, heading)
        if hit is None:
            points.append(end)
            return _simplified(points)
        rx0, ry0, rx1, ry1 = hit
        # stop short of the shape, then step sideways past it
        if dx:
            face = rx0 if dx > 0 else rx1
            stop_x = face - dx * PAD
            if (stop_x - x) * dx < 0:
                stop_x = x
            stop = (stop_x, y)
            sides = sorted(((ry0 - PAD, stop_x), (ry1 + PAD, stop_x)),
                           key=lambda s: abs(s[0] - y))
            targets = [(sx, sy) for sy, sx in sides]
        else:
            face = ry0 if dy > 0 else ry1
            stop_y = face - dy * PAD
            if (stop_y - y) * dy < 0:
                stop_y = y
            stop = (x, stop_y)
            targets = sorted(((rx0 - PAD, stop_y), (rx1 + PAD, stop_y)),
                             key=lambda s: abs(s[0] - x))
        for target in targets:
            target = (min(max(target[0], ring[0]), ring[2]),
                      min(max(target[1], ring[1]), ring[3]))
            if not _segment_blocked(scope, stop, target):
                points += [stop, target]
                if _outside(target, ring):
                    return _simplified(points)
                x, y = target
                break
        else:
            return None
    return None


def _first_hit(scope: Scope, start: Point, end: Point, heading: int) -> Rect | None:
    """The first obstacle whose inside the segment start→end enters."""
    (x0, y0), (x1, y1) = start, end
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = min(y0, y1), max(y0, y1)
    best, best_at = None, None
    for r in scope.obstacles(left, top, right, bottom):
        if not (left < r[2] and right > r[0] and top < r[3] and bottom > r[1]):
            continue
        at = (r[0], r[1], -r[2], -r[3])[heading]  # nearest face along the heading
        if best_at is None or at < best_at:
            best, best_at = r, at
    return best


def _segment_blocked(scope: Scope, a: Point, b: Point) -> bool:
    left, right = min(a[0], b[0]), max(a[0], b[0])
    top, bottom = min(a[1], b[1]), max(a[1], b[1])
    return blocked([a, b], scope.obstacles(left, top, right, bottom))


def _clear(scope: Scope, path: list[Point]) -> bool:
    for a, b in zip(path, path[1:], strict=False):
        if _segment_blocked(scope, a, b) or not scope.inside_frame(*b):
            return False
    return True


def _project(p: Point, ring: Rect) -> tuple[Point, float]:
    """The nearest point of the ring's border and its position along the border
    (clockwise from the top-left corner)."""
    x0, y0, x1, y1 = ring
    x, y = min(max(p[0], x0), x1), min(max(p[1], y0), y1)
    distances = {"T": abs(y - y0), "R": abs(x1 - x), "B": abs(y1 - y), "L": abs(x - x0)}
    side = min(distances, key=lambda s: (distances[s], s))
    w, h = x1 - x0, y1 - y0
    if side == "T":
        return (x, y0), x - x0
    if side == "R":
        return (x1, y), w + (y - y0)
    if side == "B":
        return (x, y1), w + h + (x1 - x)
    return (x0, y), 2 * w + h + (y1 - y)


def _join(pa: Point, pb: Point, ring: Rect) -> list[Point]:
    """From ``pa`` to ``pb`` (both on or outside the ring) around the ring's border, the
    shorter way."""
    (qa, ta), (qb, tb) = _project(pa, ring), _project(pb, ring)
    start = [(qa[0], pa[1])] if qa[0] != pa[0] and qa[1] != pa[1] else []
    end = [(qb[0], pb[1])] if qb[0] != pb[0] and qb[1] != pb[1] else []
    x0, y0, x1, y1 = ring
    w, h = x1 - x0, y1 - y0
    perimeter = 2 * (w + h)
    corners = [(w, (x1, y0)), (w + h, (x1, y1)), (2 * w + h, (x0, y1)),
               (perimeter, (x0, y0))]
    forward = (tb - ta) % perimeter
    if forward <= perimeter - forward:
        passed = [c for t, c in corners if 0 < (t - ta) % perimeter < forward]
        passed.sort(key=lambda c: (_position(c, corners) - ta) % perimeter)
    else:
        back = perimeter - forward
        passed = [c for t, c in corners if 0 < (ta - t) % perimeter < back]
        passed.sort(key=lambda c: (ta - _position(c, corners)) % perimeter)
    return [*start, qa, *passed, qb, *end]


def _position(corner: Point, corners: list[tuple[float, Point]]) -> float:
    return next(t for t, c in corners if c == corner)


def _simplified(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2 and ((out[-2][0] == out[-1][0] == p[0])
                              or (out[-2][1] == out[-1][1] == p[1])):
            out[-1] = p
            continue
        out.append(p)
    return out
