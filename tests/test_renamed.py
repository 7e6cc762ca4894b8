"""A drag out of a system renames the element and its relations' keys; the drawing
follows it as a moved shape (render/renamed.py): the far part of its lines is kept, and
an undo gives back the drawing before."""

from __future__ import annotations

import pytest

from archstudio import edit
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render import redraw
from archstudio.render.diagram import routing_inputs
from archstudio.render.drawing import Drawing
from archstudio.render.scope import Shape
from archstudio.render.theme import LIGHT
from benchmarks.models import generate
from tests.route_checks import shared_segments, through_shapes

SYSTEM = Shape(Box(0, 0, 400, 300), None, True, 80.0)
FAR = {"B": Shape(Box(2400, 1400, 120, 60), None, False),
       "C": Shape(Box(2400, -600, 120, 60), None, False)}


def test_an_element_dragged_out_of_its_system_keeps_the_far_part_of_its_lines(monkeypatch):
    spliced = []  # the lines joined to the far part of their old way

    def splicing(scope, *args):
        spliced.append(scope.ends)
        return splice(scope, *args)

    splice = redraw.spliced
    monkeypatch.setattr(redraw, "spliced", splicing)
    inside = {"S": SYSTEM, "S.A": Shape(Box(60, 80, 120, 60), "S", False),
              "S.D": Shape(Box(240, 180, 120, 60), "S", False), **FAR}
    links = [("S.A->B#0", "S.A", "B"), ("C->S.A#1", "C", "S.A"), ("S.D->B#2", "S.D", "B")]
    before = Drawing.compute(inside, links, {"S.A->B#0": (60.0, 16.0)})
    outside = {**{q: s for q, s in inside.items() if q != "S.A"},
               "A": Shape(Box(520, 80, 120, 60), None, False)}
    renamed = [("A->B#0", "A", "B"), ("C->A#1", "C", "A"), ("S.D->B#2", "S.D", "B")]
    after = before.update(outside, renamed, {"A->B#0": (60.0, 16.0)})
    assert set(after.routes) == {"A->B#0", "C->A#1", "S.D->B#2"}
    assert ("A", "B") in spliced and ("C", "A") in spliced  # followed, not searched anew
    assert after.routes["A->B#0"][-2:] == before.routes["S.A->B#0"][-2:]  # into B: kept
    out_of_c, was = after.routes["C->A#1"], before.routes["C->S.A#1"]
    assert out_of_c[0] == was[0] and out_of_c[1][1] == was[1][1]  # leaves C as it did
    assert after.routes["S.D->B#2"] == before.routes["S.D->B#2"]
    assert through_shapes(after) == [] and shared_segments(after) == []
    assert "A->B#0" in after.labels
    again = after.update(inside, links, {"S.A->B#0": (60.0, 16.0)})  # undo
    assert again is before


@pytest.mark.parametrize("seed", [3, 5])
def test_drags_into_and_out_of_systems_leave_a_clean_drawing(qapp, seed):
    """Elements moved out to the top and into other systems, as the canvas does it (the
    text edited, parsed and laid out again), the drawing updated after each."""
    text = generate(60, seed=seed)
    model = parse(text)
    boxes = arrange(model)
    drawing = Drawing.compute(*routing_inputs(model, boxes, LIGHT)[1:])
    systems = [q for q, e in model.elements.items() if e.is_group]
    for n, into in enumerate((None, systems[1], systems[-1], None)):
        qname = [q for q, e in model.elements.items()
                 if not e.is_group and e.parent and e.parent != into][n * 3]
        step = edit.move_element(text, qname, into, model=model)
        text = step.text
        model = parse(text)
        boxes = arrange(model, boxes)
        inputs = routing_inputs(model, boxes, LIGHT)[1:]
        drawing = drawing.update(*inputs)
        assert through_shapes(drawing) == [] and shared_segments(drawing) == []
        assert set(drawing.routes) == {r.key for r in model.relations}
        fresh = Drawing.compute(*inputs)
        assert set(drawing.labels) == set(fresh.labels)
