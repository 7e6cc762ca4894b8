"""Orthogonal routes go around other shapes, and relations on one side get their own ports."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render.diagram import plan
from archstudio.render.routing import BoxIndex, port_offsets, route
from archstudio.render.shapes import outline_points

EXAMPLE = Path(__file__).parent.parent / "examples" / "microservices-dot.arch"
RECT = outline_points("container", 180, 90)


def _crosses(points, box: Box) -> bool:
    for (ax, ay), (bx, by) in pairwise(points):
        x0, x1 = sorted((ax, bx))
        y0, y1 = sorted((ay, by))
        if x0 < box.right - 1 and x1 > box.x + 1 and y0 < box.bottom - 1 and y1 > box.y + 1:
            return True
    return False


def _orthogonal(points) -> bool:
    return all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(points))


def test_a_route_goes_around_a_shape_in_between():
    source, middle, target = Box(0, 0, 180, 90), Box(300, 0, 180, 90), Box(600, 0, 180, 90)
    plain = route(source, target, RECT, RECT)
    assert _crosses(plain, middle)  # without obstacles: straight through the middle one
    points = route(source, target, RECT, RECT, obstacles=BoxIndex([source, middle, target]))
    assert not _crosses(points, middle)
    assert _orthogonal(points)
    assert points[0][0] >= source.x and points[-1][0] <= target.right


def test_a_diagonal_route_avoids_a_shape_on_its_bend():
    source, target = Box(0, 0, 180, 90), Box(500, 400, 180, 90)
    blocker = Box(230, 0, 200, 490)  # a tall shape across the whole gap between them
    points = route(source, target, RECT, RECT,
                   obstacles=BoxIndex([source, blocker, target]))
    assert not _crosses(points, blocker)
    assert _orthogonal(points)


def test_a_clear_route_keeps_its_simple_shape():
    source, target = Box(0, 0, 180, 90), Box(400, 0, 180, 90)
    points = route(source, target, RECT, RECT, obstacles=BoxIndex([source, target]))
    assert len(points) == 2 and points[0][1] == points[1][1]


def test_parallel_relations_into_one_side_get_distinct_end_points():
    boxes = {"A": Box(0, 0, 180, 90), "B": Box(0, 200, 180, 90), "C": Box(0, 400, 180, 90),
             "T": Box(500, 200, 180, 90)}
    ends = [("a", "A", "T"), ("b", "B", "T"), ("c", "C", "T"), ("b2", "B", "T")]
    ports = port_offsets(ends, boxes)
    index = BoxIndex(boxes.values())
    lasts = {key: route(boxes[s], boxes[t], RECT, RECT, obstacles=index, ports=ports[key])
             for key, s, t in ends}
    finals = {(p[-2], p[-1]) for p in lasts.values()}
    assert len({p[-1] for p in lasts.values()}) == 4 and len(finals) == 4
    left = sorted((p[-1][1], key) for key, p in lasts.items() if abs(p[-1][0] - 500) < 1)
    assert [key for _, key in left][:1] in (["a"], ["b"])  # ordered like their sources
    assert ports["b"][1] != ports["b2"][1] and ports["a"][1] < ports["c"][1]
    assert port_offsets(ends, boxes) == ports  # deterministic


def test_straight_routes_stay_straight():
    source, middle, target = Box(0, 0, 180, 90), Box(300, 0, 180, 90), Box(600, 300, 180, 90)
    points = route(source, target, RECT, RECT, "straight",
                   obstacles=BoxIndex([source, middle, target]), ports=(8.0, -8.0))
    assert len(points) == 2


def _foreign_crossings(routing_model, boxes, routes) -> int:
    shapes = {q: b for q, b in boxes.items() if not routing_model.elements[q].is_group}
    count = 0
    for relation, points in routes:
        for (a, b) in pairwise(points):
            for qname, box in shapes.items():
                if qname not in (relation.source, relation.target) and _crosses([a, b], box):
                    count += 1
    return count


def test_the_example_crosses_far_fewer_shapes(qapp):
    model = parse(EXAMPLE.read_text())
    boxes = arrange(model)
    relations = [r for r in model.relations if r.source in boxes and r.target in boxes]
    edges = plan(model, boxes).edges
    routes = list(zip(relations, [edge.points for edge in edges], strict=True))
    before = [(r, route(boxes[r.source], boxes[r.target], RECT, RECT)) for r in relations]
    old, new = _foreign_crossings(model, boxes, before), _foreign_crossings(model, boxes, routes)
    assert old >= 20  # the picture this fixes: lines through shapes
    assert new <= old // 3
    final_segments = [(tuple(p[-2]), tuple(p[-1])) for _, p in routes]
    assert len(set(final_segments)) == len(final_segments)
