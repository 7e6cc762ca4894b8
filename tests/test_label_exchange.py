"""Crowded labels (``render.labels.place_labels``): one takes the only spot free of lines
from a label placed before it when that label has another spot with fewer lines under it
than the crowded one would hide; one with no spot beside its line sits a lane further
out across lines of its own bundle, never across another relation's line."""

from __future__ import annotations

from itertools import pairwise

from archstudio.layout.geometry import Box
from archstudio.render.labels import place_labels
from archstudio.render.scope import Scene, Scopes, Shape


def lines_under(box: Box, routes: dict, owner: str) -> int:
    return sum(1 for key, points in routes.items() if key != owner and any(
        min(a[0], b[0]) < box.right and max(a[0], b[0]) > box.x
        and min(a[1], b[1]) < box.bottom and max(a[1], b[1]) > box.y
        for a, b in pairwise(points)))


def test_a_label_gives_up_the_only_free_spot_for_one_with_fewer_lines_under_it():
    """Two vertical lines 50 px apart share one window free of lines between them (room
    for one label; shapes close the other sides). Below it, the left line is crossed by
    lines 7 px apart (a label there hides two or more), the right line, further down, by
    lines 14 px apart (one). The right line's label chooses first and takes the window;
    the left one then asks for it, and the right one moves down over one line."""
    shapes = {"C": Shape(Box(-30, -100, 60, 100), None, False),
              "D": Shape(Box(-30, 300, 60, 100), None, False),
              "A": Shape(Box(35, -100, 30, 100), None, False),
              "B": Shape(Box(35, 400, 30, 100), None, False),
              "L": Shape(Box(-200, 45, 192, 50), None, False),
              "R": Shape(Box(58, 45, 150, 50), None, False)}
    routes = {"C>D": [(0.0, 0.0), (0.0, 300.0)], "A>B": [(50.0, 0.0), (50.0, 400.0)]}
    for n in range(43):
        y = 4.0 + 7 * n
        if not 55 < y < 85:  # the window: no line between y 53 and 88
            routes[f"across{n}"] = [(-300.0, y), (120.0, y)]
    for n in range(7):
        routes[f"low{n}"] = [(30.0, 306.0 + 14 * n), (120.0, 306.0 + 14 * n)]
    scopes = Scopes(Scene(shapes), [("C>D", "C", "D"), ("A>B", "A", "B")])
    sizes = {"A>B": (40.0, 20.0), "C>D": (40.0, 20.0)}
    labels, crowded = place_labels(routes, sizes, scopes)
    window = Box(0, 53, 50, 35)
    assert labels["C>D"].intersects(window) and lines_under(labels["C>D"], routes, "C>D") == 0
    assert lines_under(labels["A>B"], routes, "A>B") == 1
    assert crowded == ["A>B"]  # still reported: its label hides a line
    assert not labels["A>B"].intersects(labels["C>D"])


def _bundle(ends_shared: bool) -> tuple[dict, dict, list]:
    """A vertical line from A down to B with a line 8 px to either side of it, both into
    B (its own bundle) or both between two other shapes."""
    shapes = {"A": Shape(Box(-50, -100, 100, 100), None, False),
              "B": Shape(Box(-50, 300, 100, 100), None, False),
              "C": Shape(Box(300, -300, 60, 60), None, False),
              "D": Shape(Box(-360, -300, 60, 60), None, False),
              "E": Shape(Box(300, 600, 60, 60), None, False)}
    target = "B" if ends_shared else "E"
    routes = {"A>B": [(0.0, 0.0), (0.0, 300.0)],
              f"C>{target}": [(8.0, 0.0), (8.0, 300.0)],
              f"D>{target}": [(-8.0, 0.0), (-8.0, 300.0)]}
    links = [(key, *key.split(">")) for key in routes]
    return shapes, routes, links


def test_a_label_sits_a_lane_out_across_its_own_bundle_but_never_across_other_lines():
    """Lines 8 px either side of a line leave its label no spot beside it. When they
    share its end (lines into the same shape), the label sits a lane further out, across
    them, hiding none; when they are other relations' lines, it does not (a reader would
    take the label for theirs) and the label is reported crowded."""
    shapes, routes, links = _bundle(ends_shared=True)
    scopes = Scopes(Scene(shapes), links)
    labels, crowded = place_labels(routes, {"A>B": (40.0, 20.0)}, scopes)
    box = labels["A>B"]
    assert crowded == [] and lines_under(box, routes, "A>B") == 0
    assert box.x >= 8 or box.right <= -8  # beyond the bundle's nearest lines
    assert min(abs(box.x), abs(box.right)) <= 20  # a lane out, not far away

    shapes, routes, links = _bundle(ends_shared=False)
    scopes = Scopes(Scene(shapes), links)
    labels, crowded = place_labels(routes, {"A>B": (40.0, 20.0)}, scopes)
    assert crowded == ["A>B"] and lines_under(labels["A>B"], routes, "A>B") >= 1
