"""Zoomed out, a system's large name sits on a plate above its members: it shrinks to the
free band over them (never below the smallest readable size) and is lifted over the
system's top edge rather than cover a member, on the canvas and in a small export."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render import LIGHT, plan
from archstudio.render.element_face import SMALL_BIG_NAME_PX
from tests.shown_view import shown_view

TEXT = '''architecture Shop {
  system Pay "Payments and Settlement Platform" {
    container Api "Payment API"
    datastore Db "Ledger"
    container Risk "Risk checks"
  }
  container Web "Web shop"
  Web -> Pay.Api "pays"
  Pay.Api -> Pay.Db "books"
  Pay.Api -> Pay.Risk "checks"
}
'''


class PlatePainter(QPainter):
    """Remembers each name plate drawn, in diagram coordinates, and the name's size."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.plates: list[tuple[QRectF, float]] = []

    def drawRoundedRect(self, rect, *args) -> None:  # noqa: N802 (Qt's name)
        scale = self.worldTransform().m11()
        placed = self.worldTransform().mapRect(QRectF(rect))
        self.plates.append((QRectF(placed.x() / scale, placed.y() / scale,
                                   placed.width() / scale, placed.height() / scale),
                            rect.height() * 3 / 4 * scale))
        super().drawRoundedRect(rect, *args)


def _members_top(boxes: dict[str, Box]) -> float:
    return min(b.y for q, b in boxes.items() if q.startswith("Pay."))


@pytest.mark.parametrize("zoom", [0.3, 0.25, 0.18])
def test_a_small_export_puts_the_name_plate_above_the_members(qapp, zoom):
    model = parse(TEXT)
    boxes = arrange(model)
    diagram = plan(model, boxes, LIGHT)
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = PlatePainter(image)
    painter.scale(zoom, zoom)
    diagram.paint(painter, zoom)
    painter.end()
    [(plate, size)] = painter.plates
    assert plate.bottom() <= _members_top(boxes) + 0.5  # no member's top is covered
    assert size >= SMALL_BIG_NAME_PX - 0.5  # still readable
    assert plate.left() >= boxes["Pay"].x - 0.5


def test_a_member_near_the_top_lifts_the_plate_over_the_edge(qapp):
    model = parse(TEXT)
    boxes = dict(arrange(model))
    frame = boxes["Pay"]
    api = boxes["Pay.Api"]
    boxes["Pay.Api"] = Box(api.x, frame.y + 8, api.width, api.height)  # dropped at the top
    diagram = plan(model, boxes, LIGHT)
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = PlatePainter(image)
    painter.scale(0.25, 0.25)
    diagram.paint(painter, 0.25)
    painter.end()
    [(plate, size)] = painter.plates
    assert plate.bottom() <= frame.y + 8 + 0.5
    assert plate.top() < frame.y  # above the system's top edge
    assert size >= SMALL_BIG_NAME_PX - 0.5


def test_the_canvas_name_knows_where_the_members_start(qapp):
    for view in shown_view(TEXT):
        scene = view.diagram_scene
        name = scene.element_item("Pay").name_item
        assert name.clear == pytest.approx(_members_top(scene.boxes) - scene.boxes["Pay"].y)
        bounds = name.boundingRect()
        assert bounds.top() <= 0 and math.isfinite(bounds.height())
        boxes = dict(scene.boxes)
        api = boxes["Pay.Api"]
        boxes["Pay.Api"] = Box(api.x, boxes["Pay"].y + 10, api.width, api.height)
        scene.show_model(scene.model, boxes)
        assert name.clear == pytest.approx(10)
        assert name.boundingRect().top() < bounds.top()  # room for a lifted plate
