"""A label beside its line keeps off the side its line turns to at a corner: there it
would hide its own line's turn and seem to hang on what lies beyond (an arrowhead,
another line), so a reader would take it for another relation's label. It takes the
other side, or a corner spot only when nothing else is free."""

from __future__ import annotations

from archstudio.layout.geometry import Box
from archstudio.render.labels import place_labels
from archstudio.render.scope import Scene, Scopes, Shape

ROUTE = [(0.0, 0.0), (300.0, 0.0), (300.0, 60.0)]  # right, then down into B


def _place(blocks: dict[str, Box]) -> Box:
    shapes = {"A": Shape(Box(-80, -20, 80, 40), None, False),
              "B": Shape(Box(260, 60, 80, 60), None, False),
              **{name: Shape(box, None, False) for name, box in blocks.items()}}
    scopes = Scopes(Scene(shapes), [("A>B", "A", "B")])
    labels, crowded = place_labels({"A>B": ROUTE}, {"A>B": (120.0, 30.0)}, scopes)
    assert crowded == []
    return labels["A>B"]


def _covers_the_turn(box: Box) -> bool:
    return box.x < 300 < box.right and box.y < 60 and box.bottom > 0


def test_near_a_corner_the_label_takes_the_side_the_line_does_not_turn_to():
    # shapes close both sides of the horizontal run but its last stretch before the turn
    box = _place({"Top": Box(0, -60, 200, 55), "Bottom": Box(0, 5, 200, 55)})
    assert not _covers_the_turn(box)
    assert box.bottom <= 0  # above the line: the line turns down
    assert box.right > 200  # beside the free stretch near the corner


def test_with_that_side_taken_too_the_corner_spot_still_beats_no_spot():
    box = _place({"Top": Box(0, -60, 340, 55), "Bottom": Box(0, 5, 200, 55),
                  "Right": Box(345, -60, 100, 200)})
    assert box.y >= 0 and box.x >= 200  # below, near the corner: the only free place
