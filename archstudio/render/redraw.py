"""How a drawing follows a change: :func:`updated` behind ``Drawing.update``.

It routes again only the relations attached to what moved (keeping a long line's way
beyond the moved shape, :mod:`splice`), those whose line or label the moved shapes now
cover or that went around their old place, and those whose ports moved along a side; it
nudges again only the channels those lines run in and places again only the labels near
them (:mod:`incremental`); the rest keep their lines and labels. Going back to an earlier
set of boxes (an undo) gives back that drawing. The whole drawing (``Drawing.compute``)
is :mod:`drawing`'s; this module builds on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from archstudio.layout.geometry import Box
from archstudio.layout.routes import Hint
from archstudio.render.bridge import bridged
from archstudio.render.drawing import (
    Drawing,
    Link,
    Outline,
    Point,
    ends_of,
    keep_clear,
    outward,
    run_is_clear,
)
from archstudio.render.incremental import (
    DrawingIndex,
    LinePieces,
    channel_members,
    extent_of,
    local_ports,
    near_segments,
    segment_rects,
)
from archstudio.render.label_tracks import GAP
from archstudio.render.labels import CLEAR, place_labels
from archstudio.render.line_ends import LoopCorners, clip_ends, loop
from archstudio.render.nudge import SEPARATION, nudge_segments, repair, separate_ends
from archstudio.render.ports import Port
from archstudio.render.renamed import under_new_names
from archstudio.render.scope import Rect, Scene, Scope, Scopes, Shape, rect_of, title_rect
from archstudio.render.search import Budget, route_between
from archstudio.render.splice import AWAY, spliced

BESIDE = 3 * SEPARATION  # a line this close to a shape's old place went around it
AROUND_MOST = 16  # lines re-routed because their extent holds a moved shape's old place
LOCAL = 6.0  # ...when that extent is at most this many times the shape's size
HISTORY = 8  # earlier drawings an update looks for the same shapes in (undo, redo)


def updated(before: Drawing, shapes: Mapping[str, Shape], links: Iterable[Link],
           sizes: Mapping[str, tuple[float, float]], outline: Outline | None = None,
           hints: Mapping[str, Hint] | None = None) -> Drawing:
    """The drawing after some shapes moved (or relations came or went): a new
    ``Drawing`` that re-routes only what the change touches, spreads again only the
    channels those lines run in and places again only the labels near them."""
    links = list(links)
    if hints and before.style != "straight" and any(
            before.hints.get(k) != h for k, h in hints.items()):
        # plans of a new layout (Auto-arrange): the whole drawing along them
        return Drawing.compute(shapes, links, sizes, outline, before.style, hints)
    moved = {q for q, s in shapes.items() if before.shapes.get(q) is not s
             and before.shapes.get(q) != s}
    moved |= before.shapes.keys() - shapes.keys()
    fresh = Drawing(shapes=dict(shapes), links=links, sizes=dict(sizes), style=before.style,
                    hints=before.hints)
    if not moved and [k for k, _, _ in links] == [k for k, _, _ in before.links] \
            and fresh.sizes == before.sizes:
        return before
    if before.style == "straight":
        fresh._route(outline)
        return fresh
    ahead, before.ahead = before.ahead, None
    if ahead is not None and _same_inputs(ahead, fresh):
        if ahead.index is None:  # (it holds the indexes, made for it when routed ahead)
            _hand_over(before, ahead)
        return ahead  # routed while the drag rested over its drop place
    if ahead is not None:
        _take_back(before, ahead)
    if ahead is not None and _nearer(ahead, fresh, moved):
        # the drop came where the drag rested, and a system grew to hold it: only the
        # growth is left to follow, from the drawing routed ahead
        _hand_over(before, ahead)
        return updated(ahead, shapes, links, sizes, outline, hints)
    earlier = _recalled(before, fresh, moved)
    if earlier is not None:
        return earlier
    fresh.previous = before
    _forget_beyond(fresh, HISTORY)
    renamed = under_new_names(before, shapes, links)  # moved into or out of a system
    if renamed is not None:
        before = renamed
        moved = {q for q, s in shapes.items() if before.shapes.get(q) is not s
                 and before.shapes.get(q) != s}
        moved |= before.shapes.keys() - shapes.keys()
    ends_before = {key: (source, target) for key, source, target in before.links}
    ends_now = {key: (source, target) for key, source, target in links}
    old_rects, new_rects, old_shapes = _changed_places(before.shapes, shapes, moved)
    touched: set[str] = set()
    dirty = set(moved)
    for key, ends in ends_now.items():
        if ends_before.get(key) != ends:
            touched.add(key)
            dirty.update(ends)
        elif ends[0] in moved or ends[1] in moved \
                or fresh.sizes.get(key) != before.sizes.get(key):
            touched.add(key)
    for key in ends_before.keys() - ends_now.keys():
        dirty.update(ends_before[key])
    index = _take_index(before)
    if new_rects or old_rects:
        touched |= _covered_by(index, new_rects + old_rects)
        # a line that went around a shape's old place may now take a shorter way
        touched |= _around(index, old_shapes)
    touched &= ends_now.keys()
    _reroute(fresh, touched, dirty, moved, new_rects, old_rects, outline, before, index,
             {k for k, e in ends_now.items() if ends_before.get(k) != e})
    return fresh


def route_ahead(before: Drawing, shapes: Mapping[str, Shape], links: Iterable[Link],
                sizes: Mapping[str, tuple[float, float]],
                outline: Outline | None = None) -> None:
    """Route now a change that is likely to come next (a drag resting over the place
    it may drop on) and keep it with ``before``: when that change comes, :func:`updated`
    hands it over at the cost of comparing the inputs; any other change drops it, the
    indexes (which ``ahead`` keeps meanwhile) patched back to ``before`` first. A rest
    again where the drag already rested (a hand's jitter on the grid) keeps what was
    routed then."""
    links = list(links)
    ahead = before.ahead
    if ahead is not None and ahead.style == before.style and ahead.links == links \
            and ahead.shapes == shapes and ahead.sizes == sizes:
        return  # rested here already
    before.ahead = None
    if ahead is not None:
        _take_back(before, ahead)  # rested before, somewhere else
    if before.style == "straight":
        return  # straight lines cost nothing worth doing ahead
    ahead = updated(before, shapes, links, sizes, outline)
    if ahead is not before:
        before.ahead = ahead  # with the indexes: a drop there takes them as they are


def _take_back(before: Drawing, ahead: Drawing) -> None:
    """The indexes a drawing routed ahead kept, back to the drawing shown (patched)."""
    if before.index is None and ahead.index is not None:
        _hand_over(ahead, before)


def _same_inputs(drawing: Drawing, fresh: Drawing) -> bool:
    """Whether ``drawing`` was made from exactly ``fresh``'s shapes, relations and label
    sizes (mostly identity checks: the router's inputs hand over the same objects)."""
    return drawing.style == fresh.style and len(drawing.shapes) == len(fresh.shapes) \
        and drawing.shapes == fresh.shapes and drawing.links == fresh.links \
        and drawing.sizes == fresh.sizes


def _nearer(ahead: Drawing, fresh: Drawing, moved: set[str]) -> bool:
    """Whether ``fresh``'s shapes differ from the drawing routed ``ahead`` in fewer
    places than the ``moved`` ones (from the current drawing), the relations and label
    sizes being the same: then following on from ``ahead`` routes less."""
    if ahead.style != fresh.style or ahead.links != fresh.links or ahead.sizes != fresh.sizes:
        return False
    if len(ahead.shapes) != len(fresh.shapes):
        return False
    if any(ahead.shapes.get(q) != shape for q in moved
           if (shape := fresh.shapes.get(q)) is not None and not shape.is_group):
        return False  # not dropped where the drag rested
    differ = [q for q, s in fresh.shapes.items() if ahead.shapes.get(q) is not s
              and ahead.shapes.get(q) != s]
    return len(differ) < len(moved)


def _recalled(latest: Drawing, fresh: Drawing, moved: set[str]) -> Drawing | None:
    """An earlier drawing of exactly these shapes, relations and labels (an undo, a
    drag back), made current again: the same lines and labels as before, at the cost
    of comparing them, with this drawing's indexes handed on and patched."""
    earlier, depth = latest.previous, 0
    while earlier is not None and depth < HISTORY:
        if earlier.style == fresh.style and len(earlier.shapes) == len(fresh.shapes) \
                and all(earlier.shapes.get(q) == fresh.shapes.get(q) for q in moved) \
                and _same_inputs(earlier, fresh):
            break
        earlier, depth = earlier.previous, depth + 1
    else:
        return None
    _hand_over(latest, earlier)
    earlier.previous = latest  # a redo finds this one
    return earlier


def _hand_over(latest: Drawing, earlier: Drawing) -> None:
    """Give ``latest``'s indexes to ``earlier`` (another drawing of the same diagram),
    patched where their lines and labels differ: in proportion to the difference."""
    index = _take_index(latest)
    for mine, theirs, kind in ((latest.raw, earlier.raw, index.raw),
                               (latest.routes, earlier.routes, index.lines)):
        for key in _differing(mine, theirs):
            now, then = mine.get(key), theirs.get(key)
            if now == then:
                continue
            if then is None:
                kind.remove(key)
                index.extents.pop(key, None)
                continue
            kind.put(key, segment_rects(then))
            if kind is index.lines:
                index.extents[key] = extent_of(then)
    for key in _differing(latest.labels, earlier.labels):
        now, then = latest.labels.get(key), earlier.labels.get(key)
        if now != then:
            if then is None:
                index.labels.remove(key)
            else:
                index.labels.put(key, [(0, (then.x, then.y, then.right, then.bottom))])
    if index.scene is not None:
        moved = {q for q, s in earlier.shapes.items() if latest.shapes.get(q) is not s
                 and latest.shapes.get(q) != s} | (latest.shapes.keys() - earlier.shapes.keys())
        index.scene = Scene(earlier.shapes, index.scene, moved)
    earlier.index = index


def _differing(mine: Mapping, theirs: Mapping) -> list:
    """Keys whose value in ``theirs`` is not the very object in ``mine``, or that only
    ``mine`` has (drawings of one diagram share most values: identity checks only)."""
    out = [k for k, v in theirs.items() if mine.get(k) is not v]
    if len(mine) != len(theirs) or out:
        out += [k for k in mine.keys() - theirs.keys()]
    return out


def _take_index(drawing: Drawing) -> DrawingIndex:
    """This drawing's indexes, handed on to the drawing that follows it (built anew
    when it has none: it was updated before, or made in the straight style)."""
    index, drawing.index = drawing.index, None
    if index is None:
        index = DrawingIndex(drawing.raw, drawing.routes, drawing.labels)
    return index


def _reroute(fresh: Drawing, touched: set[str], dirty: set[str], moved: set[str],
             moved_rects: list[Rect], old_rects: list[Rect], outline: Outline | None,
             before: Drawing,
             index: DrawingIndex, dirty_links: set[str]) -> None:
    """Routes, nudging and labels after a move, redone only near what changed."""
    scene = Scene(fresh.shapes, index.scene, moved) if index.scene is not None \
        else Scene(fresh.shapes)
    index.scene = scene
    boxes = {q: s.box for q, s in fresh.shapes.items()}
    links = [link for link in fresh.links if link[1] != link[2]]
    fresh.prefer = fresh._preferred(boxes, links, before)
    ports = local_ports(links, boxes, lambda a, b: a in scene.ancestors(b),
                        before.ports, dirty, fresh.prefer,
                        scene.ancestors if before.careful else None,
                        lambda q, side, system: run_is_clear(scene, q, side, system),
                        lambda q: title_rect(scene.shapes[q])[2])
    fresh.careful = before.careful
    for key, _, _ in links:  # a port that slid along its side: route again
        port, was = ports[key], before.ports.get(key)
        if port is not was and port != was:
            touched.add(key)
    fresh.ports = ports
    scopes = Scopes(scene, fresh.links)
    budget = Budget(len(touched))
    budget.tracks = before.tracks  # lines around the diagram keep their tracks
    blocked = set(before.blocked) & {k for k, _, _ in fresh.links}
    fresh.raw = {}
    keys = ends_of(fresh.links)  # once: it was built again for every line kept
    changed: set[str] = set(before.raw.keys() - keys)
    fresh.followed = {k for k in before.followed if k not in touched and k in keys}
    fresh.detoured = {k for k in before.detoured if k not in touched and k in keys}
    near_move = [(x0 - AWAY, y0 - AWAY, x1 + AWAY, y1 + AWAY)
                 for x0, y0, x1, y1 in moved_rects + old_rects]
    loops: dict[str, int] = defaultdict(int)  # as in a whole drawing: corners in turn
    corners = LoopCorners(fresh.links, ports, boxes)
    for key, source, target in fresh.links:
        if source == target:
            fresh.raw[key] = loop(boxes[source], loops[source], corners.order(source))
            loops[source] += 1
        elif key in touched or key not in before.raw:
            start, end = ports[key]
            ends = tuple(None if fresh.shapes[q].is_group or port.direction != outward(port)
                         else boxes[q] for q, port in ((source, start), (target, end)))
            points = None
            if key in before.raw and key not in before.blocked and key not in dirty_links:
                points = _kept_way(before, key, source, target, ports[key], moved, boxes,
                                   near_move, scopes[key], budget, ends)
            clear = True
            if points is None:
                points, clear = route_between(scopes[key], start, end, budget, ends)
            blocked.discard(key)
            if not clear:
                blocked.add(key)
            fresh.raw[key] = clip_ends(points, source, target, fresh.shapes, outline)
        else:
            fresh.raw[key] = before.raw[key]
            continue
        # a line routed again is spread again in its channels even when its way is the
        # one it had (a line kept past a moved shape): what moved beside it is kept off it
        changed.add(key)
    fresh.routes = dict(before.routes)
    for key in changed:
        fresh.routes.pop(key, None)
    lines = _renudge(fresh, changed, before, scopes, index)
    _relabel(fresh, lines, moved_rects, before, scopes, index)
    fresh.blocked = sorted(blocked)
    fresh.tracks = budget.tracks
    fresh.index = index


def _renudge(fresh: Drawing, changed: set[str], before: Drawing, scopes: Scopes,
             index: DrawingIndex) -> set[str]:
    """Nudge again the channels the changed routes run in now or ran in before; then
    keep the changed lines off the lines beside them. Returns the relations whose
    line is no longer what it was."""
    raw, routes = fresh.raw, fresh.routes
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
    keep_clear(routes, raw, scopes, keys)
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


def _relabel(fresh: Drawing, lines: set[str], moved_rects: list[Rect], before: Drawing,
             scopes: Scopes, index: DrawingIndex) -> None:
    """Labels of changed ``lines`` placed again (unless their line is as it was near
    them), and those the changed lines or moved shapes now cover; every other label
    stays where it was. Placement looks only at the labels kept near the lines whose
    labels it places."""
    crowded = set(before.crowded)
    displaced = {k for k in lines if k in crowded or not _line_kept_near(
        before.labels.get(k), before.routes.get(k), fresh.routes.get(k))}
    for key in lines:
        for _, (x0, y0, x1, y1) in segment_rects(fresh.routes.get(key, [])):
            for other, _, r in index.labels.query(x0, y0, x1, y1):
                if x0 < r[2] and x1 > r[0] and y0 < r[3] and y1 > r[1]:
                    displaced.add(other)
    for x0, y0, x1, y1 in moved_rects:
        displaced.update(k for k, _, _ in index.labels.query(x0, y0, x1, y1))
    sizes, routes = fresh.sizes, fresh.routes
    if sizes == before.sizes and routes.keys() >= before.labels.keys() \
            and sizes.keys() >= before.labels.keys():
        # (a move: no label resized or gone; the same dict as below, without a look at
        # every label)
        labels = dict(before.labels)
        for key in displaced:
            labels.pop(key, None)
    else:
        labels = {k: b for k, b in before.labels.items()
                  if k not in displaced and k in sizes and k in routes
                  and sizes[k] == before.sizes.get(k)}
    pending = {k: sizes[k] for k in sizes if k not in labels and k in routes}
    near: dict[str, Box] = {}  # kept labels a pending one might land on
    for key, (width, height) in pending.items():
        reach = max(width, height) + GAP
        for _, (x0, y0, x1, y1) in segment_rects(fresh.routes[key]):
            for other, _, _ in index.labels.query(x0 - reach, y0 - reach, x1 + reach,
                                                  y1 + reach):
                if other in labels:
                    near[other] = labels[other]
    placed, crowded = place_labels(fresh.routes, pending, scopes, near,
                                   LinePieces(index.lines))
    labels.update(placed)
    fresh.labels = labels
    fresh.crowded = sorted((set(before.crowded) & labels.keys()) - pending.keys()
                           | set(crowded) & pending.keys())
    for key in before.labels.keys() - labels.keys():
        index.labels.remove(key)
    for key in pending:
        box = labels[key]
        index.labels.put(key, [(0, (box.x, box.y, box.right, box.bottom))])


def _line_kept_near(label: Box | None, was: list[Point] | None, now: list[Point] | None
                    ) -> bool:
    """Whether a label's line runs as it did around the label (a long line changed only
    near a drag far away): the label may stay where it is."""
    if label is None or was is None or now is None:
        return False
    reach = GAP + 2 * CLEAR
    near = (label.x - reach, label.y - reach, label.right + reach, label.bottom + reach)
    return _clipped(was, near) == _clipped(now, near)


def _clipped(points: list[Point], rect: Rect) -> set[tuple[Point, Point]]:
    """The parts of a line's segments inside ``rect``."""
    x0, y0, x1, y1 = rect
    out = set()
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        left, right = max(min(ax, bx), x0), min(max(ax, bx), x1)
        top, bottom = max(min(ay, by), y0), min(max(ay, by), y1)
        if left <= right and top <= bottom:
            out.add(((left, top), (right, bottom)))
    return out


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


def _forget_beyond(drawing: Drawing, depth: int) -> None:
    """Cut the chain of earlier drawings after ``depth`` of them."""
    for _ in range(depth):
        if drawing.previous is None:
            return
        drawing = drawing.previous
    drawing.previous = None


def _kept_way(before: Drawing, key: str, source: str, target: str, ports: tuple[Port, Port],
              moved: set[str], boxes: Mapping[str, Box], near_move: list[Rect],
              scope: Scope, budget: Budget, ends: tuple[Box | None, Box | None]
              ) -> list[Point] | None:
    """The line of a relation routed again, keeping its old way where the change does
    not reach: beyond the end that moved or whose port slid along its side
    (:mod:`splice`), or outside the place of the shapes that moved past it
    (:mod:`bridge`). None: route it afresh."""
    old = before.raw[key]
    was = before.ports.get(key)
    if (source in moved) != (target in moved):
        q = source if source in moved else target
        zone = _hull(before.shapes[q].box, boxes[q]) if q in before.shapes \
            else rect_of(boxes[q])
        return spliced(scope, *ports, old, source in moved, zone, budget, ends)
    if source in moved or was is None:
        return None
    slid = (ports[0] != was[0], ports[1] != was[1])
    if slid[0] != slid[1]:  # one port slid along its side: that end is joined again
        q = source if slid[0] else target
        return spliced(scope, *ports, old, slid[0], rect_of(boxes[q]), budget, ends)
    if not slid[0] and near_move:
        return bridged(scope, old, near_move, budget)
    return None


def _changed_places(before: Mapping[str, Shape], now: Mapping[str, Shape], moved: set[str]
                    ) -> tuple[list[Rect], list[Rect], list[Rect]]:
    """Where the change was (old places), where it is now (new places), and the old
    places of the moved elements that are not systems. A system that only grew or
    shrank changed only along its border (the strips between its old and new box): what
    runs inside it is where it was, and was allowed there."""
    olds, news, old_shapes = [], [], []
    for q in moved:
        was, shape = before.get(q), now.get(q)
        if was is not None and shape is not None and was.is_group and shape.is_group:
            a, b = rect_of(was.box), rect_of(shape.box)
            olds += _minus(a, b)
            news += _minus(b, a)
            continue
        if was is not None:
            olds.append(rect_of(was.box))
            if not was.is_group:
                old_shapes.append(olds[-1])
        if shape is not None:
            news.append(rect_of(shape.box))
    return olds, news, old_shapes


def _minus(a: Rect, b: Rect) -> list[Rect]:
    """The parts of ``a`` outside ``b``, as at most four rectangles."""
    if a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]:
        return [a]
    out = []
    if b[1] > a[1]:
        out.append((a[0], a[1], a[2], b[1]))
    if b[3] < a[3]:
        out.append((a[0], b[3], a[2], a[3]))
    top, bottom = max(a[1], b[1]), min(a[3], b[3])
    if b[0] > a[0]:
        out.append((a[0], top, b[0], bottom))
    if b[2] < a[2]:
        out.append((b[2], top, a[2], bottom))
    return out


def _hull(a: Box, b: Box) -> Rect:
    """The smallest rectangle holding both boxes."""
    return (min(a.x, b.x), min(a.y, b.y), max(a.right, b.right), max(a.bottom, b.bottom))
