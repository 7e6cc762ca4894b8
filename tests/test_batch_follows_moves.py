"""Zoomed out, the batches that draw every line and box follow a move, a relation gone
and a theme by putting in again only what changed: the picture after each change is the
one a canvas showing the same drawing from scratch paints."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from archstudio.canvas.scene import DiagramScene
from archstudio.dsl import parse
from archstudio.layout import Box, arrange
from archstudio.render.theme import DARK
from benchmarks.models import generate

LINES_ZOOM = 0.25  # the line batch draws, the elements draw themselves
BOXES_ZOOM = 0.08  # the shape batches draw too


@pytest.fixture
def model(qapp):
    return parse(generate(60, seed=5))


def _picture(scene: DiagramScene, zoom: float, rect: QRectF) -> QImage:
    scene.set_zoom(zoom)
    image = QImage(round(rect.width() * zoom), round(rect.height() * zoom),
                   QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(zoom, zoom)
    painter.translate(-rect.x(), -rect.y())
    scene.render(painter, rect, rect)
    painter.end()
    return image


def _from_scratch(shown: DiagramScene) -> DiagramScene:
    """A new canvas showing the same model, boxes and drawing (so the same lines)."""
    scene = DiagramScene(theme=shown.theme)
    scene.drawing = shown.drawing
    scene.show_model(shown.model, shown.boxes)
    return scene


def _leaf(model, boxes) -> str:
    return next(q for q, e in model.elements.items()
                if not e.is_group and e.parent is not None and q in boxes)


@pytest.mark.parametrize("zoom", [LINES_ZOOM, BOXES_ZOOM])
def test_after_moves_the_zoomed_out_picture_is_the_one_drawn_from_scratch(model, zoom):
    scene = DiagramScene()
    boxes = arrange(model)
    scene.show_model(model, boxes)
    rect = scene.content_rect().adjusted(-200, -200, 200, 200)
    before = _picture(scene, zoom, rect)  # the batches are built once here
    qname = _leaf(model, boxes)
    for dx, dy in ((160, 40), (-60, 120), (0, -300)):
        box = boxes[qname]
        boxes = {**boxes, qname: Box(box.x + dx, box.y + dy, box.width, box.height)}
        scene.show_model(model, boxes)
        after = _picture(scene, zoom, rect)
        assert after != before  # the move shows
        assert after == _picture(_from_scratch(scene), zoom, rect)
        before = after


def test_a_relation_removed_and_a_new_theme_leave_no_trace_in_the_batches(model):
    scene = DiagramScene()
    boxes = arrange(model)
    scene.show_model(model, boxes)
    rect = scene.content_rect().adjusted(-200, -200, 200, 200)
    with_it = _picture(scene, LINES_ZOOM, rect)
    _picture(scene, BOXES_ZOOM, rect)
    text = generate(60, seed=5)
    arrow = text.rindex(" -> ")  # the last relation: the others keep their keys
    start, end = text.rindex("\n", 0, arrow), text.index("\n", arrow)
    fewer = parse(text[:start] + text[end:])
    assert len(fewer.relations) == len(model.relations) - 1
    scene.show_model(fewer, boxes)
    without = _picture(scene, LINES_ZOOM, rect)
    assert without != with_it
    assert without == _picture(_from_scratch(scene), LINES_ZOOM, rect)
    scene.set_theme(DARK)
    for zoom in (LINES_ZOOM, BOXES_ZOOM):
        assert _picture(scene, zoom, rect) == _picture(_from_scratch(scene), zoom, rect)


def test_the_keys_a_batch_walks_are_only_those_something_still_has(qapp):
    from archstudio.canvas.piece_tiles import TiledPieces

    tiles = TiledPieces(size=100)
    tiles.put("a", [("light fill", QRectF(0, 0, 10, 10)), ("light fill", QRectF(500, 0, 10, 10))])
    tiles.put("b", [("light fill", QRectF(20, 0, 10, 10))])
    assert tiles.keys == {"light fill"}
    tiles.put("a", [("dark fill", QRectF(0, 0, 10, 10))])  # a theme changed its fill
    assert tiles.keys == {"light fill", "dark fill"}  # b still has the light one
    tiles.put("b", [("dark fill", QRectF(20, 0, 10, 10))])
    assert tiles.keys == {"dark fill"}
    tiles.remove("a")
    tiles.remove("b")
    assert tiles.keys == set()
