"""Canvas: items follow the model incrementally; selection, stale marking, zoom and pan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from archstudio.canvas import DiagramScene, DiagramView, ElementItem, RelationItem
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.render import DARK

TEXT = '''architecture "Shop" {
  person Customer "Online Customer"
  system Shop {
    container Orders "Order Service" { technology "Python" }
    datastore OrderDB "Orders"
    broker Bus "Event bus"
  }
  Customer -> Shop.Orders "places orders"
  Shop.Orders -> Shop.OrderDB "reads/writes"
  Shop.Orders -[async]-> Shop.Bus "publishes"
}
'''


def show(scene: DiagramScene, text: str):
    model = parse(text)
    boxes = arrange(model)
    scene.show_model(model, boxes)
    return model, boxes


@pytest.fixture
def view(qtbot):
    widget = DiagramView()
    widget.resize(800, 600)
    qtbot.addWidget(widget)
    return widget


def test_one_item_per_element_and_relation(view):
    scene = view.diagram_scene
    model, _ = show(scene, TEXT)
    elements = scene.element_items()
    assert set(elements) == set(model.elements)
    assert {q: i.kind for q, i in elements.items()} == {q: e.kind for q, e in
                                                        model.elements.items()}
    assert elements["Customer"].label == "Online Customer"
    assert elements["Shop.Orders"].label == "Order Service"
    relations = scene.relation_items()
    assert set(relations) == {r.key for r in model.relations}
    assert sorted(r.label for r in relations.values()) == ["places orders", "publishes",
                                                          "reads/writes"]
    element_count = sum(isinstance(i, ElementItem) for i in scene.items())
    relation_count = sum(isinstance(i, RelationItem) for i in scene.items())
    assert (element_count, relation_count) == (5, 3)


def test_show_model_again_keeps_unchanged_items_and_the_view(view, qtbot):
    scene = view.diagram_scene
    model, boxes = show(scene, TEXT)
    view.set_zoom(1.7)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
    transform, scroll = view.transform(), (view.horizontalScrollBar().value(),
                                           view.verticalScrollBar().value())
    before = scene.element_items()
    before_relations = scene.relation_items()
    changed = TEXT.replace('"Orders"', '"Order archive"').replace(
        '    broker Bus "Event bus"\n', '    broker Bus "Event bus"\n    container Mail\n').replace(
        '  Customer -> Shop.Orders "places orders"\n', '')
    model2 = parse(changed)
    scene.show_model(model2, arrange(model2, boxes))
    after = scene.element_items()
    assert after["Customer"] is before["Customer"]
    assert after["Shop.Orders"] is before["Shop.Orders"]
    assert after["Shop.OrderDB"] is before["Shop.OrderDB"]
    assert after["Shop.OrderDB"].label == "Order archive"
    assert "Shop.Mail" in after and "Shop.Mail" not in before
    assert after["Shop.Mail"].scene() is scene
    relations = scene.relation_items()
    assert len(relations) == 2 and "Customer->Shop.Orders#0" not in relations
    assert before_relations["Customer->Shop.Orders#0"].scene() is None
    assert view.transform() == transform
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == scroll


def test_removed_elements_leave_the_scene(view):
    scene = view.diagram_scene
    show(scene, TEXT)
    gone = scene.element_item("Shop.Bus")
    show(scene, TEXT.replace('    broker Bus "Event bus"\n', '').replace(
        '  Shop.Orders -[async]-> Shop.Bus "publishes"\n', ''))
    assert scene.element_item("Shop.Bus") is None and gone.scene() is None
    assert len(scene.relation_items()) == 2


def test_selection_signal_and_select_without_echo(view, qtbot):
    scene = view.diagram_scene
    show(scene, TEXT)
    heard: list = []
    scene.selection_changed.connect(heard.append)
    scene.select(["Shop.Orders", "Customer->Shop.Orders#0"])
    assert heard == []
    assert scene.selected_keys() == ["Shop.Orders", "Customer->Shop.Orders#0"]
    view.show()
    qtbot.waitExposed(view)
    view.fitInView(scene.content_rect())
    item = scene.element_item("Customer")
    point = view.mapFromScene(item.mapToScene(item.face.outline.boundingRect().center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert heard and heard[-1] == ["Customer"]


def test_stale_banner_is_drawn_in_the_view(view, qtbot):
    scene = view.diagram_scene
    show(scene, TEXT)
    seen: list = []
    scene.stale_changed.connect(seen.append)
    fresh = view.grab().toImage()
    scene.set_stale(True)
    scene.set_stale(True)
    assert scene.is_stale and seen == [True]
    stale = view.grab().toImage()
    row = 20
    changed = sum(fresh.pixelColor(x, row) != stale.pixelColor(x, row)
                  for x in range(0, fresh.width(), 4))
    assert changed > fresh.width() // 8
    scene.set_stale(False)
    assert seen == [True, False]


def test_zoom_in_out_fit_and_reset(view, qtbot):
    show(view.diagram_scene, TEXT)
    zooms: list = []
    view.zoom_changed.connect(zooms.append)
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(0.8)
    view.fit_to_window()
    content = view.mapFromScene(view.diagram_scene.content_rect()).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(content)
    view.reset_zoom()
    assert view.zoom() == 1.0 and len(zooms) == 5


def test_ctrl_wheel_and_keys_zoom(view, qtbot):
    show(view.diagram_scene, TEXT)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == 1.0
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(QPointF(100, 100), QPointF(100, 100), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(event)
    assert view.zoom() == pytest.approx(1.25 ** 2)


def test_middle_drag_pans(view, qtbot):
    show(view.diagram_scene, TEXT)
    view.set_zoom(3.0)
    view.show()
    qtbot.waitExposed(view)
    bar = view.horizontalScrollBar()
    start = bar.value()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(300, 300))
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(250, 300), QPointF(250, 300),
                       Qt.MouseButton.NoButton, Qt.MouseButton.MiddleButton,
                       Qt.KeyboardModifier.NoModifier)
    view.mouseMoveEvent(move)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(250, 300))
    assert bar.value() == start + 50


def _render_item(item, scale: float) -> QImage:
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def test_level_of_detail_drops_text_when_zoomed_out(view):
    show(view.diagram_scene, TEXT)
    item = view.diagram_scene.element_item("Shop.Orders")

    def colours(image: QImage, width: int, height: int) -> int:
        return len({image.pixelColor(x, y).rgb() for x in range(width) for y in range(height)})

    near = colours(_render_item(item, 1.0), 180, 90)
    far = colours(_render_item(item, 0.3), 54, 27)
    # zoomed out: fill, outline and the name small, no detail line
    assert far < near / 2


def test_dark_theme_and_straight_routing_rebuild_faces(view):
    scene = view.diagram_scene
    show(scene, TEXT)
    item = scene.element_item("Customer")
    relation = scene.relation_item("Customer->Shop.Orders#0")
    old_face, old_route = item.face, relation.face.points
    scene.set_theme(DARK)
    assert scene.element_item("Customer") is item and item.face is not old_face
    assert item.face.theme is DARK
    scene.set_routing("straight")
    assert len(relation.face.points) == 2
    assert relation.face.points != old_route or len(old_route) == 2
    with pytest.raises(ValueError):
        scene.set_routing("curvy")


def test_labels_after_moves_stay_off_shapes_and_labels_as_in_a_fresh_scene(view):
    """Moves update the label obstacles in place: after moves onto and off other shapes,
    no label lies on a shape or on another label, as in a scene that saw only the final
    boxes (which may route differently: a fresh drawing follows the layout's plans and
    counts crossings, a move splices what it touched)."""
    from archstudio.layout import Box

    model, boxes = show(view.diagram_scene, TEXT)
    orders = boxes["Shop.Orders"]
    for dx, dy in ((40, 0), (0, 120), (-260, 30)):  # onto and off other shapes
        boxes = {**boxes, "Shop.Orders": Box(orders.x + dx, orders.y + dy,
                                             orders.width, orders.height)}
        view.diagram_scene.show_model(model, boxes)
    fresh = DiagramScene()
    fresh.show_model(model, boxes)
    leaves = [box for qname, box in boxes.items() if not model.elements[qname].children]
    for scene in (view.diagram_scene, fresh):
        rects = {key: item.label_item.sceneBoundingRect()
                 for key, item in scene.relation_items().items()
                 if item.label_item.isVisible()}
        assert rects.keys() == {r.key for r in model.relations if r.label}
        for key, rect in rects.items():
            inner = rect.adjusted(1, 1, -1, -1)
            assert not any(inner.intersects(QRectF(b.x, b.y, b.width, b.height))
                           for b in leaves), key
            assert not any(inner.intersects(other) for k, other in rects.items()
                           if k != key), key


def test_a_move_reroutes_what_it_touches_and_keeps_the_rest(qapp):
    """Moving a shape re-routes its own relations and those whose line it now blocks;
    the others keep their lines exactly; the result has no line through a shape and the
    export draws the scene's lines."""
    import random

    from archstudio.layout import Box
    from archstudio.render import plan
    from benchmarks.models import generate
    from tests.route_checks import shared_segments, through_shapes

    scene = DiagramScene()
    model = parse(generate(100))
    boxes = arrange(model)
    scene.show_model(model, boxes)
    rng = random.Random(3)
    leaves = sorted(q for q in boxes if not model.elements[q].is_group)
    for qname in rng.sample(leaves, 6):
        before = scene.drawing
        box = boxes[qname]
        parent = model.elements[qname].parent
        frame = boxes[parent] if parent else None
        target = Box(box.x + rng.choice((-120, 100)), box.y + rng.choice((-60, 50)),
                     box.width, box.height)
        if frame is not None and not frame.contains_box(target):
            continue
        if any(target.intersects(b) for q, b in boxes.items() if q != qname
               and not model.elements[q].is_group):
            continue
        boxes = {**boxes, qname: target}
        scene.show_model(model, boxes)
        after = scene.drawing
        assert after is not before
        attached = {k for k, s, t in after.links if qname in (s, t)}
        assert attached and all(after.routes[k] != before.routes[k] for k in attached
                                if before.routes[k][0] != after.routes[k][0])
        kept = [k for k in after.routes if after.raw[k] == before.raw[k]]
        assert len(kept) > len(after.routes) // 2  # most relations were not searched again
        assert through_shapes(after) == []
        assert len(shared_segments(after)) <= 1
        items = {k: item.face.points for k, item in scene.relation_items().items()}
        assert items == after.routes
        exported = plan(model, boxes, drawing=scene.drawing)
        assert exported.drawing is scene.drawing
        assert [e.points for e in exported.edges] == [after.routes[k] for k, _, _ in after.links]
