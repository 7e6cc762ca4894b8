"""Lines that follow the layered engine's plan: a drawing whose layout has no crossing is
drawn with none; a plan that no longer holds (a shape moved) gives way to the search
router cleanly; canvas and export show the same lines, also for a file reopened with the
engine's positions in its layout section."""

from __future__ import annotations

import json

import pytest

from archstudio.canvas.scene import DiagramScene
from archstudio.cli import main
from archstudio.dsl import apply_edits, parse
from archstudio.layout import arrange, auto_arrange, routes
from archstudio.layout.geometry import Box
from archstudio.layout.quality import measure
from archstudio.render import LIGHT, compute_drawing
from archstudio.render.diagram import routing_inputs
from tests.route_checks import all_problems

# A gateway fanning out inside a system and a long relation past two layers ("audits"):
# its layered drawing needs no crossing.
SHOP = """architecture "Fan" {
  person user "User"
  system shop "Shop" {
    gateway edge "Edge"
    service cart "Cart"
    service orders "Orders"
    service stock "Stock"
    service pay "Payments"
    datastore db "Database"
  }
  external bank "Bank"
  external archive "Archive"
  user -> shop.edge "browses"
  shop.edge -> shop.cart "adds"
  shop.edge -> shop.orders "orders"
  shop.edge -> shop.stock "checks"
  shop.cart -> shop.db
  shop.orders -> shop.pay "charges"
  shop.stock -> shop.db
  shop.pay -> bank "pays"
  shop.edge -> shop.db "audits"
}
"""


@pytest.fixture(autouse=True)
def gui(qapp):
    """Label sizes are measured with Qt fonts; each test starts with no remembered plan."""
    routes.forget()
    yield
    routes.forget()


def _inside(model) -> set[str]:
    """The relations within the shop: no title band or other system in their way."""
    return {r.key for r in model.relations
            if r.source.startswith("shop.") and r.target.startswith("shop.")}


def _clean(drawing) -> None:
    problems = all_problems(drawing)
    assert problems["through"] == []
    assert problems["shared"] == []


def test_a_layout_without_crossings_is_drawn_without_crossings(tmp_path):
    source = tmp_path / "shop.arch"
    source.write_text(SHOP, encoding="utf-8")
    out = tmp_path / "shop.json"
    assert main(["export", str(source), "-o", str(out)]) == 0
    quality = measure(json.loads(out.read_text(encoding="utf-8")))
    assert quality.relations == 9
    assert quality.crossings == 0
    assert quality.through_shapes == 0
    assert quality.shared_segments == 0
    assert quality.labels_on_shapes == 0
    assert quality.labels_on_labels == 0


def test_relations_follow_the_plan_and_turn_only_between_layers():
    model = parse(SHOP)
    boxes = arrange(model)
    relations, drawing = compute_drawing(model, boxes)
    assert _inside(model) <= drawing.followed  # nothing in their way: all along the plan
    audits = next(r.key for r in relations if r.label == "audits")
    flow = drawing.hints[audits].axis  # 0: left to right, 1: top to bottom
    points = drawing.routes[audits]
    along = [p[flow] for p in points]
    # the line only ever moves one way along the flow
    assert along == sorted(along) or along == sorted(along, reverse=True)
    # no piece across the flow inside a layer of elements (it turns in the gaps)
    layers = [(b.x, b.right) if flow == 0 else (b.y, b.bottom)
              for q, b in boxes.items() if not model.elements[q].is_group]
    for a, b in zip(points, points[1:], strict=False):
        if a[flow] == b[flow] and a != b:
            assert not any(lo < a[flow] < hi for lo, hi in layers)


def test_a_moved_end_falls_back_to_the_search_router():
    model = parse(SHOP)
    boxes = arrange(model)
    relations, before = compute_drawing(model, boxes)
    moved = dict(boxes)
    bank = boxes["bank"]
    moved["bank"] = Box(bank.x + 40, bank.y + 260, bank.width, bank.height)
    _, shapes, links, sizes, outline = routing_inputs(model, moved, LIGHT)
    after = before.update(shapes, links, sizes, outline)
    to_bank = {r.key for r in relations if r.target == "bank"}
    assert to_bank and not to_bank & after.followed
    assert all(after.routes[k] != before.routes[k] for k in to_bank)
    assert after.followed == before.followed - to_bank
    _clean(after)
    # computed afresh for the moved boxes: the same lines as the update
    _, fresh = compute_drawing(model, moved)
    assert fresh.followed == after.followed
    _clean(fresh)


def test_canvas_and_export_draw_the_same_planned_lines():
    model = parse(SHOP)
    boxes = arrange(model)
    scene = DiagramScene()
    scene.show_model(model, boxes)
    _, exported = compute_drawing(model, boxes)
    assert scene.drawing.routes == exported.routes
    assert scene.drawing.followed == exported.followed
    assert _inside(model) <= exported.followed


def test_a_file_reopened_with_the_engines_positions_gets_the_plan_again():
    from archstudio.app.arrange_job import positions_edits

    model = parse(SHOP)
    boxes = auto_arrange(model)
    _, first = compute_drawing(model, boxes)
    text = apply_edits(SHOP, positions_edits(SHOP, model, boxes))
    routes.forget()  # a new session: nothing remembered
    reopened = parse(text)
    assert arrange(reopened) == boxes  # positions pinned in the file
    routes.forget()
    _, again = compute_drawing(reopened, arrange(reopened))
    assert again.followed == first.followed
    assert _inside(model) <= first.followed
    assert again.routes == first.routes


def test_the_canvas_follows_a_fresh_auto_arrange():
    model = parse(SHOP)
    boxes = auto_arrange(model)
    by_hand = {q: b.shifted(7.0 * (n % 3), 5.0 * (n % 4)) for n, (q, b) in
               enumerate(sorted(boxes.items()))}
    scene = DiagramScene()
    scene.show_model(model, by_hand)
    assert not scene.drawing.followed  # no plan fits boxes placed by hand
    scene.show_model(model, dict(boxes))  # what Auto-arrange writes back
    _, fresh = compute_drawing(model, boxes)
    assert scene.drawing.followed == fresh.followed
    assert _inside(model) <= fresh.followed
    _clean(scene.drawing)
