"""The last resorts of routing, on small hand-made drawings: a label with no free spot
hides lines rather than another label (however many lines), and a pair of lines left on
one line in a channel packed tighter than the usual spacing is moved into the widest gap
beside it."""

from __future__ import annotations

from itertools import pairwise

from archstudio.layout.geometry import Box
from archstudio.render.labels import place_labels
from archstudio.render.nudge import APART, repair
from archstudio.render.scope import Scene, Scopes, Shape


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def lines_under(box: Box, routes: dict, owner: str) -> int:
    return sum(1 for key, points in routes.items() if key != owner and any(
        min(a[0], b[0]) < box.right and max(a[0], b[0]) > box.x
        and min(a[1], b[1]) < box.bottom and max(a[1], b[1]) > box.y
        for a, b in pairwise(points)))


def test_a_crowded_label_hides_many_lines_rather_than_another_label():
    """A vertical line whose upper half runs beside a label already placed and whose
    lower half is crossed by lines 6 px apart: every spot hides a label or three lines or
    more; the label goes under the lines."""
    shapes = {"A": Shape(Box(-50, -100, 100, 100), None, False),
              "B": Shape(Box(-50, 300, 100, 100), None, False)}
    routes = {"A>B": [(0.0, 0.0), (0.0, 300.0)],
              "K": [(-30.0, 75.0), (30.0, 75.0)]}  # too short for a label of its own
    for n in range(25):
        y = 150.0 + 6 * n
        routes[f"line{n}"] = [(-200.0, y), (200.0, y)]
    scopes = Scopes(Scene(shapes), [("A>B", "A", "B")])
    kept = Box(-60, 0, 120, 150)
    labels, crowded = place_labels(routes, {"A>B": (40.0, 20.0), "K": (120.0, 150.0)},
                                   scopes, keep={"K": kept})
    box = labels["A>B"]
    assert crowded == ["A>B"]  # no free spot: reported
    assert not overlaps(box, kept)
    assert lines_under(box, routes, "A>B") >= 3
    assert labels["K"] == kept


def test_a_shared_segment_in_a_packed_channel_moves_into_the_widest_gap():
    """Eight jogs 7 px apart (closer than the usual spacing), two of them 0.4 px apart:
    no move of a usual step is free, so one of the two goes to the middle of a gap."""
    shapes = {"S": Shape(Box(0, 0, 400, 60), None, False),
              "T": Shape(Box(0, 500, 400, 60), None, False)}
    jogs = [86.0, 93.0, 100.0, 107.0, 107.4, 114.0, 121.0, 128.0]
    routes = {}
    for n, x in enumerate(jogs):
        port = 10.0 + 45 * n
        routes[f"r{n}"] = [(port, 60.0), (port, 80.0 + 5 * n), (x, 80.0 + 5 * n),
                           (x, 420.0 + 5 * n), (port, 420.0 + 5 * n), (port, 500.0)]
    ends = {key: (points[0], points[-1]) for key, points in routes.items()}
    repair(routes, Scopes(Scene(shapes), [(key, "S", "T") for key in routes]))
    xs = sorted(points[2][0] for points in routes.values())
    assert all(b - a >= APART for a, b in pairwise(xs)), xs
    assert {key: (points[0], points[-1]) for key, points in routes.items()} == ends
    assert all(a[0] == b[0] or a[1] == b[1]
               for points in routes.values() for a, b in pairwise(points))
    moved = [x for x in xs if x not in jogs]
    assert len(moved) == 1  # one of the pair, to the middle of a gap: 3 px or more apart
    assert min(abs(moved[0] - x) for x in xs if x != moved[0]) >= 3.0
