"""A planned line whose dummy points are the first (or last) in their layers runs on the
edge of the drawing: it widens nothing, so it keeps its plan instead of being searched
across the drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import engine, routes
from archstudio.layout.auto import auto_arrange
from archstudio.render import compute_drawing

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


@pytest.fixture(autouse=True)
def gui(qapp):
    routes.forget()
    yield
    routes.forget()


def test_a_plan_along_the_edge_of_the_drawing_is_followed(monkeypatch):
    # PetClinic's gen-AI service calls the external LLM API, drawn past the system (its
    # dummy points first in their layers) in a window with room along the flow (in the
    # default window the API sits beside the system: that shape fits as large and
    # crosses less); microservices-dot's notification service and e-mail service were
    # such a pair until the e-mail service came to sit beside its caller's system
    # (its lines in lanes beside the systems' frames, as the other variants draw them:
    # with the lines that enter a system running inside it the pair moves off the edge)
    monkeypatch.setattr(engine, "INSIDE_LEAVES", 0)
    model = parse((CORPUS / "petclinic.arch").read_text(encoding="utf-8"))
    boxes = auto_arrange(model, "LR", aspect=4.0)
    assert boxes["openai"].x >= boxes["PetClinic"].right
    relations, drawing = compute_drawing(model, boxes)
    key = next(r.key for r in relations
               if r.source == "PetClinic.Services.genai-service" and r.target == "openai")
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
