"""The drawing after a move (``Drawing.update``) changes only near the move, and is as
clean as a drawing computed afresh: no line through a shape, no shared segment, labels
off shapes. Also: big diagrams, where the search runs out of effort, still route every
line clear of every shape."""

from __future__ import annotations

from itertools import pairwise

import pytest

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render import LIGHT
from archstudio.render.diagram import routing_inputs
from archstudio.render.drawing import Drawing
from benchmarks.models import generate
from tests.route_checks import (
    label_problems,
    loose_ends,
    outside_frame,
    shared_segments,
    through_shapes,
)

FAR = 400.0  # lines and labels this far from a moved shape's old and new place


@pytest.fixture(autouse=True)
def gui(qapp):
    """Label sizes are measured with Qt fonts."""


def _leaves(model, boxes) -> list[str]:
    return sorted(q for q in boxes if not model.elements[q].is_group
                  and model.elements[q].parent is not None)


def _moved(boxes: dict[str, Box], qname: str, dx: float, dy: float) -> dict[str, Box]:
    box = boxes[qname]
    return {**boxes, qname: Box(box.x + dx, box.y + dy, box.width, box.height)}


def _near(points, rects, margin: float) -> bool:
    for (ax, ay), (bx, by) in pairwise(points):
        for r in rects:
            if (min(ax, bx) <= r.right + margin and max(ax, bx) >= r.x - margin
                    and min(ay, by) <= r.bottom + margin and max(ay, by) >= r.y - margin):
                return True
    return False


def _assert_clean(drawing: Drawing) -> None:
    assert through_shapes(drawing) == []
    assert shared_segments(drawing) == []
    assert outside_frame(drawing) == []
    assert loose_ends(drawing) == []
    crowded = set(drawing.crowded)
    for problem in label_problems(drawing):
        label, _, other = problem.partition(" on ")
        assert label in crowded or other in crowded, problem


def test_lines_and_labels_far_from_a_move_are_kept_as_they_were():
    model = parse(generate(120, seed=3))
    boxes = arrange(model)
    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    before = Drawing.compute(shapes, links, sizes, outline)
    qname = _leaves(model, boxes)[len(_leaves(model, boxes)) // 2]
    moved = _moved(boxes, qname, 30, 20)
    after = before.update(*routing_inputs(model, moved, LIGHT)[1:])
    attached = [key for key, s, t in links if qname in (s, t)]
    assert attached and all(after.routes[k] != before.routes[k] for k in attached)
    # the moved shape's old and new place, and every segment of its lines before and after
    places = [boxes[qname], moved[qname]]
    for drawing in (before, after):
        for key in attached:
            for (ax, ay), (bx, by) in pairwise(drawing.routes[key]):
                places.append(Box(min(ax, bx), min(ay, by), abs(bx - ax), abs(by - ay)))
    old = boxes[qname]

    def holds_old_place(points) -> bool:  # may have gone around it: may take a shorter way
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs) <= old.right and max(xs) >= old.x and min(ys) <= old.bottom \
            and max(ys) >= old.y

    far = [key for key, _, _ in links
           if not _near(before.routes[key], places, FAR)
           and not _near(after.routes[key], places, FAR)
           and not holds_old_place(before.routes[key])]
    assert len(far) > len(links) / 3  # the check below covers a good part of the drawing
    for key in far:
        assert after.routes[key] == before.routes[key], key
        assert after.labels.get(key) == before.labels.get(key), key
    _assert_clean(after)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_series_of_moves_stays_as_clean_as_a_fresh_drawing(seed):
    model = parse(generate(80, seed=seed))
    boxes = arrange(model)
    leaves = _leaves(model, boxes)
    drawing = Drawing.compute(*routing_inputs(model, boxes, LIGHT)[1:])
    applied = 0
    for n, (dx, dy) in enumerate([(40, 0), (0, 60), (-250, 30), (120, -80)]):
        # the first element (from a step through the leaves) that can make this move
        # without landing on a sibling or leaving its system (the layout would grow it)
        for k in range(len(leaves)):
            qname = leaves[(n * 7 + k) % len(leaves)]
            moved = _moved(boxes, qname, dx, dy)
            parent = model.elements[qname].parent
            if not any(b.intersects(moved[qname], 0) for q, b in moved.items()
                       if q != qname and not model.elements[q].is_group) \
                    and moved[parent].contains_box(moved[qname]):
                boxes = moved
                break
        else:
            continue
        applied += 1
        inputs = routing_inputs(model, boxes, LIGHT)[1:]
        drawing = drawing.update(*inputs)
        fresh = Drawing.compute(*inputs)
        _assert_clean(drawing)
        assert len(drawing.routes) == len(fresh.routes)
        assert set(drawing.labels) == set(fresh.labels)
    assert applied >= 3


def test_moving_back_gives_the_drawing_back():
    model = parse(generate(60, seed=5))
    boxes = arrange(model)
    inputs = routing_inputs(model, boxes, LIGHT)[1:]
    first = Drawing.compute(*inputs)
    qname = _leaves(model, boxes)[3]
    moved = first.update(*routing_inputs(model, _moved(boxes, qname, 25, 15), LIGHT)[1:])
    back = moved.update(*inputs)
    assert back.routes == first.routes
    assert back.labels == first.labels


def test_a_diagram_too_big_for_the_search_still_routes_every_line_clear():
    """Hundreds of relations across many systems: the search's budget runs out, the rest
    go around the crowd, and none runs through a shape or shares a segment."""
    model = parse(generate(300, seed=11))
    drawing = Drawing.compute(*routing_inputs(model, arrange(model), LIGHT)[1:])
    assert drawing.tracks > 20  # many lines went around the crowd
    assert drawing.blocked == []
    assert through_shapes(drawing) == []
    assert shared_segments(drawing) == []
    assert loose_ends(drawing) == []


def test_relations_that_come_and_go_update_like_a_fresh_drawing():
    model = parse(generate(60, seed=8))
    boxes = arrange(model)
    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    drawing = Drawing.compute(shapes, links, sizes, outline)
    fewer = links[::2]
    for now in (fewer, links, links[1:] + [("new", links[0][1], links[-1][2])]):
        drawing = drawing.update(shapes, now, {k: v for k, v in sizes.items()
                                               if k in {key for key, _, _ in now}}, outline)
        assert set(drawing.routes) == {key for key, _, _ in now}
        _assert_clean(drawing)
