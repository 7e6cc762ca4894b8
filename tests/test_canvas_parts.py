"""How the canvas draws for speed, seen from outside: a relation's line is drawn by
stock child items in pieces (clicks on it still select the relation), a dashed line's
dashes run on across its pieces, and far zoomed out one batch fills every element's box
while the elements still take clicks."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem
from test_zoomed_out import TEXT, _darkest_near, _zoom

from archstudio.canvas.items import PIECE, pieces
from archstudio.render import LIGHT
from archstudio.render.element_face import SHAPE_LOD
from tests.shown_view import shown_view


@pytest.fixture
def view(qapp):
    yield from shown_view(TEXT)


def test_a_long_line_is_cut_into_pieces_that_keep_their_place_along_it():
    points = [(0.0, 0.0), (300.0, 0.0), (300.0, 300.0), (900.0, 300.0), (900.0, 2000.0)]
    parts = pieces(points)
    assert len(parts) == 3  # the 600 px and the 1,700 px segments stand alone
    for path, _ in parts:
        bounds = path.boundingRect()
        assert bounds.width() <= PIECE or bounds.height() == 0
    assert [start for _, start in parts] == [0.0, 600.0, 1200.0]
    walked = [(path.elementAt(i).x, path.elementAt(i).y) for path, _ in parts
              for i in range(path.elementCount())]
    assert walked == [(0, 0), (300, 0), (300, 300), (300, 300), (900, 300), (900, 300),
                      (900, 2000)]


def test_a_click_on_a_line_selects_its_relation(view):
    scene = view.diagram_scene
    key = next(k for k, item in scene.relation_items().items() if item.label == "pays")
    item = scene.relation_item(key)
    _zoom(view, 1.0, key)
    label = item.label_item.sceneBoundingRect().adjusted(-6, -6, 6, 6)
    on_line = next(QPointF(ax + (bx - ax) * f, ay + (by - ay) * f)
                   for (ax, ay), (bx, by) in pairwise(item.face.points)
                   for f in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
                   if not label.contains(QPointF(ax + (bx - ax) * f, ay + (by - ay) * f)))
    view.centerOn(on_line)
    QApplication.processEvents()
    at = view.mapFromScene(on_line)
    assert item.is_drawn
    background = QColor(LIGHT.background).lightness()
    assert _darkest_near(view.viewport().grab().toImage(), at).lightness() < background - 30
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert scene.selected_keys() == [key]
    near = _darkest_near(view.viewport().grab().toImage(), at)  # in the selection's colour
    assert abs(near.hue() - QColor(LIGHT.selection).hue()) < 25 and near.saturation() > 60


def test_far_zoomed_out_one_batch_fills_the_boxes_and_elements_still_take_clicks(view):
    scene = view.diagram_scene
    item = scene.element_item("Web")
    centre = item.sceneBoundingRect().center()
    view.resetTransform()
    view.scale(SHAPE_LOD / 2, SHAPE_LOD / 2)
    view.centerOn(centre)
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    assert item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    at = view.mapFromScene(centre)
    fill = QColor(LIGHT.style(item.kind).fill)
    assert image.pixelColor(at.x(), at.y()).rgb() == fill.rgb()
    assert image.pixelColor(at.x(), at.y()).rgb() != QColor(LIGHT.background).rgb()
    assert [i for i in view.items(at) if i is item]  # still found where it is
    view.resetTransform()  # back close: each element draws itself again
    view.centerOn(QPointF(centre))
    QApplication.processEvents()
    view.viewport().grab()
    assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
