"""A line that only passes a moved shape keeps its way and is searched again only near
the shape (:mod:`archstudio.render.bridge`), directly and through ``Drawing.update``."""

from __future__ import annotations

from itertools import pairwise

from archstudio.layout.geometry import Box
from archstudio.render import redraw
from archstudio.render.bridge import bridged
from archstudio.render.drawing import Drawing
from archstudio.render.scope import Scene, Shape, blocked, rect_of
from archstudio.render.search import Budget
from tests.route_checks import shared_segments, through_shapes

A, B = Box(0, 0, 100, 60), Box(1600, 900, 100, 60)
ROUTE = [(100.0, 30.0), (800.0, 30.0), (800.0, 930.0), (1600.0, 930.0)]  # A to B, a Z


def _scene(c: Box) -> Scene:
    return Scene({"A": Shape(A, None, False), "B": Shape(B, None, False),
                  "C": Shape(c, None, False)})


def _grown(box: Box, by: float) -> tuple[float, float, float, float]:
    return (box.x - by, box.y - by, box.right + by, box.bottom + by)


def _clear(scene: Scene, points) -> bool:
    scope = scene.scope("A", "B")
    return not any(blocked([a, b], scope.obstacles(min(a[0], b[0]), min(a[1], b[1]),
                                                  max(a[0], b[0]), max(a[1], b[1])))
                   for a, b in pairwise(points))


def test_only_the_stretch_near_the_moved_shape_is_searched_again():
    c = Box(760, 400, 80, 60)  # moved onto the middle segment
    scene = _scene(c)
    assert not _clear(scene, ROUTE)
    found = bridged(scene.scope("A", "B"), ROUTE, [_grown(c, 60)], Budget(1))
    assert found is not None and _clear(scene, found)
    # it leaves A and reaches B the way it did; only the stretch by C is new
    assert found[0] == ROUTE[0] and found[1][1] == ROUTE[1][1]
    assert found[-1] == ROUTE[-1] and found[-2][1] == ROUTE[-2][1]
    assert found != ROUTE


def test_a_line_away_from_the_move_stays_and_one_near_its_ends_is_left_to_the_caller():
    far = Box(300, 500, 80, 60)
    scope = _scene(far).scope("A", "B")
    assert bridged(scope, ROUTE, [_grown(far, 40)], Budget(1)) is ROUTE
    near_a = Box(200, 0, 80, 60)  # on the segment leaving A's port
    assert bridged(_scene(near_a).scope("A", "B"), ROUTE, [_grown(near_a, 40)], Budget(1)) \
        is None


def test_a_drawing_after_a_shape_moved_onto_a_long_line_keeps_the_line_clear():
    shapes = {"A": Shape(A, None, False), "B": Shape(B, None, False),
              "C": Shape(Box(400, 1200, 80, 60), None, False),
              "D": Shape(Box(1400, 100, 80, 60), None, False)}
    links = [("ab", "A", "B"), ("cd", "C", "D")]
    before = Drawing.compute(shapes, links, {})
    line = before.routes["ab"]
    a, b = max(pairwise(line), key=lambda s: abs(s[0][0] - s[1][0]) + abs(s[0][1] - s[1][1]))
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    moved = {**shapes, "C": Shape(Box(middle[0] - 40, middle[1] - 30, 80, 60), None, False)}
    after = before.update(moved, links, {})
    assert after.routes["ab"] != line
    assert through_shapes(after) == [] and shared_segments(after) == []
    assert after.routes["ab"][0] == line[0] and after.routes["ab"][-1] == line[-1]
    assert not any(rect_of(moved["C"].box)[0] < p[0] < rect_of(moved["C"].box)[2]
                   and rect_of(moved["C"].box)[1] < p[1] < rect_of(moved["C"].box)[3]
                   for p in after.routes["ab"])


def test_a_line_whose_port_slid_keeps_its_way_beyond_that_end():
    """A relation added at A spreads A's ports: the long line from A to B is joined to
    its new port near A and keeps the rest of its way (no search across the diagram)."""
    shapes = {"A": Shape(A, None, False), "B": Shape(B, None, False),
              "C": Shape(Box(1600, -300, 100, 60), None, False),
              "D": Shape(Box(800, 400, 80, 60), None, False)}
    before = Drawing.compute(shapes, [("ab", "A", "B")], {})
    after = before.update(shapes, [("ab", "A", "B"), ("ac", "A", "C")], {})
    old, new = before.routes["ab"], after.routes["ab"]
    assert after.ports["ab"][0] != before.ports["ab"][0]  # its port at A slid
    assert new[-1] == old[-1] and new[-2] == old[-2]  # the way into B is kept
    assert through_shapes(after) == [] and shared_segments(after) == []



def test_a_label_stays_where_its_line_did_not_change_and_is_placed_again_where_it_did(
        monkeypatch):
    placed: list[set[str]] = []  # the labels placed again, per update

    def placing(routes, sizes, *args):
        placed.append(set(sizes))
        return place(routes, sizes, *args)

    place = redraw.place_labels
    monkeypatch.setattr(redraw, "place_labels", placing)
    shapes = {"A": Shape(A, None, False), "B": Shape(B, None, False),
              "C": Shape(Box(1600, -300, 100, 60), None, False)}
    sizes = {"ab": (70.0, 16.0), "ac": (50.0, 16.0)}
    before = Drawing.compute(shapes, [("ab", "A", "B")], sizes)
    after = before.update(shapes, [("ab", "A", "B"), ("ac", "A", "C")], sizes)
    assert after.routes["ab"][0] != before.routes["ab"][0]  # its port at A slid...
    assert after.labels["ab"] == before.labels["ab"] and "ab" not in placed[-1]  # ...far away
    label = after.labels["ab"]
    onto = Box(label.x - 10, label.y - 10, label.width + 20, label.height + 20)
    moved = after.update({**shapes, "D": Shape(onto, None, False)},
                         [("ab", "A", "B"), ("ac", "A", "C")], sizes)
    assert "ab" in placed[-1] and not moved.labels["ab"].intersects(onto)
    assert through_shapes(moved) == []


def test_a_system_that_grew_disturbs_only_what_runs_along_its_border(monkeypatch):
    placed: list[set[str]] = []

    def placing(routes, sizes, *args):
        placed.append(set(sizes))
        return place(routes, sizes, *args)

    place = redraw.place_labels
    monkeypatch.setattr(redraw, "place_labels", placing)
    system = Shape(Box(0, 0, 600, 400), None, True, 80.0)
    shapes = {"S": system, "S.X": Shape(Box(60, 100, 120, 60), "S", False),
              "S.Y": Shape(Box(60, 300, 120, 60), "S", False),
              "S.W": Shape(Box(400, 100, 120, 60), "S", False),
              "Z": Shape(Box(900, 200, 120, 60), None, False)}
    links = [("xy", "S.X", "S.Y"), ("wz", "S.W", "Z")]
    sizes = {"xy": (60.0, 16.0), "wz": (60.0, 16.0)}
    before = Drawing.compute(shapes, links, sizes)
    grown = {**shapes, "S": Shape(Box(0, 0, 700, 400), None, True, 80.0)}
    after = before.update(grown, links, sizes)
    assert after.routes["xy"] is before.routes["xy"]  # inside, far from the border
    assert "xy" not in placed[-1] and after.labels["xy"] == before.labels["xy"]
    assert through_shapes(after) == [] and shared_segments(after) == []
