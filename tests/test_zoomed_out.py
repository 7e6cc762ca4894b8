"""Zoomed out, the canvas draws every relation line through one batch of cached paths
(the relation items draw nothing then), and a PNG exported at a small scale leaves out
the same unreadable text, with the systems' names large."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem
from test_level_of_detail import RecordingPainter

from archstudio.canvas.items import BATCH_LOD
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.render import LIGHT, plan
from archstudio.render.element_face import BIG_NAME_PX, OVERVIEW_PX, SMALL_BIG_NAME_PX
from tests.shown_view import shown_view

TEXT = '''architecture Shop {
  system Pay "Payments" {
    container Api "Payment API"
    datastore Db "Ledger"
  }
  container Web "Web shop"
  Web -> Pay.Api "pays"
  Pay.Api -> Pay.Db "books"
}
'''
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture
def view(qapp):
    yield from shown_view(TEXT)


def _zoom(view, zoom: float, relation_key: str) -> QPointF:
    """Zoom to ``zoom`` centred on the middle of the relation's longest segment; that
    point in viewport pixels."""
    item = view.diagram_scene.relation_item(relation_key)
    points = item.face.points
    a, b = max(pairwise(points), key=lambda s: abs(s[0][0] - s[1][0])
               + abs(s[0][1] - s[1][1]))
    middle = QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    view.resetTransform()
    view.scale(zoom, zoom)
    view.centerOn(middle)
    QApplication.processEvents()
    return view.mapFromScene(middle)


def _darkest_near(image: QImage, at: QPointF) -> QColor:
    x, y = round(at.x()), round(at.y())
    pixels = [image.pixelColor(i, j) for i in range(x - 3, x + 4) for j in range(y - 3, y + 4)
              if 0 <= i < image.width() and 0 <= j < image.height()]
    return min(pixels, key=lambda c: c.lightness())


def test_zoomed_out_the_batch_draws_the_lines_and_the_items_draw_nothing(view):
    scene = view.diagram_scene
    key = next(iter(scene.relation_items()))
    item = scene.relation_item(key)
    at = _zoom(view, BATCH_LOD / 2, key)
    image = view.viewport().grab().toImage()
    assert not item.is_drawn and not item.label_item.isVisible()
    background = QColor(LIGHT.background).lightness()
    assert _darkest_near(image, at).lightness() < background - 30  # the line is there
    at = _zoom(view, 1.0, key)
    image = view.viewport().grab().toImage()
    assert item.is_drawn  # close up, each relation draws itself
    assert _darkest_near(image, at).lightness() < background - 30


def test_a_relation_selected_while_zoomed_out_draws_itself_over_the_batch(view):
    scene = view.diagram_scene
    key = next(iter(scene.relation_items()))
    at = _zoom(view, BATCH_LOD / 2, key)
    scene.select([key])
    QApplication.processEvents()
    assert scene.relation_item(key).is_drawn
    near = _darkest_near(view.viewport().grab().toImage(), at)
    selection = QColor(LIGHT.selection)
    assert abs(near.hue() - selection.hue()) < 25 and near.saturation() > 60
    scene.select([])
    QApplication.processEvents()
    assert not scene.relation_item(key).is_drawn


def test_a_new_relation_while_zoomed_out_is_in_the_batch(view):
    scene = view.diagram_scene
    key = next(iter(scene.relation_items()))
    _zoom(view, BATCH_LOD / 2, key)
    view.viewport().grab()
    model = parse(TEXT.replace('  Web -> Pay.Api "pays"\n',
                               '  Web -> Pay.Api "pays"\n  Web -> Pay.Db "audits"\n'))
    scene.show_model(model, scene.boxes)
    added = next(r.key for r in model.relations if r.label == "audits")
    at = _zoom(view, BATCH_LOD / 2, added)
    image = view.viewport().grab().toImage()
    assert not scene.relation_item(added).is_drawn
    assert _darkest_near(image, at).lightness() < QColor(LIGHT.background).lightness() - 30


def test_a_small_export_leaves_out_unreadable_text_and_names_systems_large(qapp):
    model = parse(TEXT)
    diagram = plan(model, arrange(model), LIGHT)
    picture = QImage(600, 400, QImage.Format.Format_ARGB32)
    full = RecordingPainter(picture)
    diagram.paint(full)
    full.end()
    assert {"Payment API", "Ledger", "pays"} <= {t for t, _ in full.texts}
    small = RecordingPainter(picture)
    small.scale(0.25, 0.25)
    diagram.paint(small, 0.25)
    small.end()
    texts = dict(small.texts)
    assert "pays" not in texts  # the relation's label would be under 5 px
    # the system's name large (smaller, or cut short, if the system is narrow), its
    # shapes' names small
    [name] = [t for t, size in small.texts if size * 0.25 > OVERVIEW_PX + 1]
    assert name.rstrip("…") and "Payments".startswith(name.rstrip("…"))
    assert SMALL_BIG_NAME_PX - 1 <= texts[name] * 0.25 <= BIG_NAME_PX + 1
    others = [(t, size) for t, size in small.texts if t != name]
    assert others and all(size * 0.25 == pytest.approx(OVERVIEW_PX, abs=0.35)
                          for _, size in others)


def test_part_of_a_long_line_is_drawn_as_the_whole_line_would_be(qapp):
    """Only the exposed part of a long line is stroked; what shows is the same, dashes
    included (they start where they would on the whole line)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QPainter

    from archstudio.canvas import DiagramScene

    text = ('architecture "A" {\n  container A "A"\n  container B "B"\n  broker Q "Q"\n'
            '  A -[publishes]-> Q "events"\n  Q -[subscribes]-> B "events"\n'
            '  A -> B "calls"\n}\nlayout {\n  A: 0, 0\n  B: 1600, 900\n'
            '  Q: 900, 40\n}\n')
    scene = DiagramScene()
    model = parse(text)
    scene.show_model(model, arrange(model))
    face = next(i.face for i in scene.relation_items().values() if i.face.kind == "subscribes")
    part = QRectF(1200, 100, 400, 300)  # across the dashed line's long middle segment

    def drawn(within: QRectF | None) -> QImage:
        image = QImage(400, 300, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-part.left(), -part.top())
        face.paint_line(painter, False, within)
        painter.end()
        return image

    whole, piece = drawn(None), drawn(part)
    differing = sum(abs(piece.pixelColor(x, y).lightness() - whole.pixelColor(x, y).lightness())
                    > 60 for x in range(400) for y in range(300))  # a dash where a gap was
    inked = sum(whole.pixel(x, y) != 0xFFFFFFFF for x in range(400) for y in range(300))
    assert inked > 200  # the piece shows the line
    assert differing <= inked * 0.02
