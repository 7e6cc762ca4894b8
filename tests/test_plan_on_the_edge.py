"""A planned line whose dummy points are the first (or last) in their layers runs on the
edge of the drawing: it widens nothing, so it keeps its plan instead of being searched
across the drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import arrange, routes
from archstudio.render import compute_drawing

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def gui(qapp):
    routes.forget()
    yield
    routes.forget()


def test_a_plan_along_the_edge_of_the_drawing_is_followed():
    model = parse((EXAMPLES / "microservices-dot.arch").read_text(encoding="utf-8"))
    boxes = arrange(model)
    relations, drawing = compute_drawing(model, boxes)
    key = next(r.key for r in relations
               if r.source == "services.notification_service" and r.target == "email_service")
    hint = drawing.hints[key]
    cross = 1 - hint.axis
    shapes = [b for q, b in boxes.items() if not model.elements[q].is_group]
    low = min(b.x if cross == 0 else b.y for b in shapes)
    high = max(b.right if cross == 0 else b.bottom for b in shapes)
    # the plan runs on the edge of the shapes' extent...
    assert any(p[cross] in (low, high) for p in hint.points)
    # ...and the line follows it, never beyond that edge
    assert key in drawing.followed
    assert all(low <= p[cross] <= high for p in drawing.routes[key])
