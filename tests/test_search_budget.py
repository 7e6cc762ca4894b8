"""A drawing's search budget: the states shared by its lines, then each line's own, so
that lines routed after the shared states are spent are still searched (not sent
around the whole diagram); and plans that pass just outside the shapes are followed."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render import drawing as drawing_module
from archstudio.render.diagram import compute_drawing
from archstudio.render.drawing import Drawing
from archstudio.render.layered import EDGE
from archstudio.render.scope import Shape
from archstudio.render.search import OWN_SAMPLE, STATES_PER_OBSTACLE, Budget
from tests.route_checks import shared_segments, through_shapes

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(autouse=True)
def gui(qapp):
    """Label sizes are measured with Qt fonts."""


def _walled_pairs(count: int) -> tuple[dict[str, Shape], list[tuple[str, str, str]]]:
    """``count`` pairs side by side, each with a wall between its two ends that no L or
    Z shape passes: every relation needs a search."""
    shapes: dict[str, Shape] = {}
    links = []
    for n in range(count):
        y = n * 400.0
        shapes[f"A{n}"] = Shape(Box(0, y + 120, 100, 60), None, False)
        shapes[f"B{n}"] = Shape(Box(400, y + 120, 100, 60), None, False)
        shapes[f"W{n}"] = Shape(Box(200, y, 60, 300), None, False)
        links.append((f"r{n}", f"A{n}", f"B{n}"))
    return shapes, links


def _length(points) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in pairwise(points))


def _drawn(monkeypatch, line: int) -> Drawing:
    shapes, links = _walled_pairs(12)
    monkeypatch.setattr(drawing_module, "Budget",
                        lambda relations: Budget(relations, most=0, line=line))
    drawing = Drawing.compute(shapes, links, {})
    assert drawing.blocked == []
    assert through_shapes(drawing) == []
    assert shared_segments(drawing) == []
    return drawing


def test_lines_searched_after_the_shared_states_are_spent(monkeypatch):
    """With no shared states left, each line's own states still find its short way
    round its wall; with none of its own either, every line goes around the whole
    diagram (as all did once a drawing's one budget was spent)."""
    searched = _drawn(monkeypatch, 1000)
    assert searched.tracks == 0  # none went around the whole diagram
    assert max(_length(p) for p in searched.routes.values()) < 800  # round its own wall
    around = _drawn(monkeypatch, 0)
    assert around.tracks == len(around.links)


def test_shared_states_come_first_and_a_line_gets_its_own_only_for_the_plain_search():
    budget = Budget(3, per_relation=100, line=40)
    assert budget.take() == 300 and budget.take(True) == 300
    budget.spend(300)
    assert budget.take() == 0  # a search for fewer crossings: only while states are shared
    budget.open_line()
    assert budget.take(True) == 40
    budget.spend(25)
    assert budget.take(True) == 15
    budget.open_line()  # the next line starts with its own again
    assert budget.take(True) == 40


def test_own_states_only_for_lines_that_may_end_within_them():
    budget = Budget(1, per_relation=0, line=1000)
    budget.open_line()
    assert budget.affords(1000 // STATES_PER_OBSTACLE)
    assert not budget.affords(1000 // STATES_PER_OBSTACLE + 1)  # too crowded a window
    for n in range(OWN_SAMPLE):  # one in four found: too few, the rest go around
        budget.note(n % 4 == 0)
    assert not budget.affords(1)
    found = Budget(1, per_relation=0, line=1000)
    found.open_line()
    for n in range(OWN_SAMPLE):  # one in two found: searching on pays
        found.note(n % 2 == 0)
    assert found.affords(1)
    assert Budget(5).affords(10**6)  # while states are shared, every search may run


def test_a_plan_just_outside_the_shapes_is_followed():
    """microservices-dot: four relations whose plans turn in the room the layout leaves
    past the outermost system (up to ``EDGE`` px outside the shapes) follow their plans
    instead of being searched from scratch (which crossed 8 more lines)."""
    model = parse((EXAMPLES / "microservices-dot.arch").read_text())
    boxes = arrange(model)
    _, drawing = compute_drawing(model, boxes)
    outside = {("edge.load_balancer", "services.product_service"),
               ("edge.load_balancer", "services.user_service"),
               ("services.notification_service", "infrastructure.message_broker"),
               ("services.notification_service", "infrastructure.service_registry")}
    keys = {key for key, source, target in drawing.links if (source, target) in outside}
    assert len(keys) == len(outside)
    assert keys <= drawing.followed
    x0 = min(b.x for b in boxes.values())
    x1 = max(b.right for b in boxes.values())
    past = [x for key in keys for x, _ in drawing.routes[key] if not x0 <= x <= x1]
    assert past  # they do pass outside the shapes' extent...
    assert all(x0 - EDGE <= x <= x1 + EDGE for x in past)  # ...but only just
    assert through_shapes(drawing) == [] and shared_segments(drawing) == []
