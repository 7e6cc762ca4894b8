"""Items a gesture shows while it runs (handles, a rubber line, an outline). They are
not the diagram: they come and go with the gesture and never touch the model's items."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

FEEDBACK_Z = 1000.0
HANDLE_PIXELS = 5.0  # radius on screen, at any zoom, around a shape big enough on screen
MIN_HANDLE_PIXELS = 2.5  # around a small one, never less than this (still grabbable)
HANDLE_SHARE = 0.125  # at most this share of the shape's shorter side on screen


class Handles(QGraphicsItem):
    """Small round (connect) or square (resize) handles at scene points, a constant size
    on screen."""

    def __init__(self, color: str, square: bool = False) -> None:
        super().__init__()
        self.points: list[QPointF] = []
        self.color = QColor(color)
        self.square = square
        self.setZValue(FEEDBACK_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._radius = HANDLE_PIXELS

    def show_at(self, points: list[QPointF], zoom: float, side: float | None = None) -> None:
        """Handles at ``points``; ``side``: the shorter side (scene units) of the shape
        they belong to. Zoomed out, four handles the full size would cover a small
        shape, so they shrink with it, down to ``MIN_HANDLE_PIXELS``."""
        self.prepareGeometryChange()
        self.points = points
        zoom = max(zoom, 0.01)
        pixels = HANDLE_PIXELS if side is None else min(
            HANDLE_PIXELS, max(MIN_HANDLE_PIXELS, side * zoom * HANDLE_SHARE))
        self._radius = pixels / zoom
        self.setVisible(bool(points))

    def screen_radius(self, zoom: float) -> float:
        """A handle's radius on screen at ``zoom``."""
        return self._radius * zoom

    def hit(self, at: QPointF) -> int | None:
        """Which handle holds scene point ``at`` (with a little slack), if any."""
        if not self.isVisible():
            return None
        for index, point in enumerate(self.points):
            if QLineF(point, at).length() <= self._radius * 1.8:
                return index
        return None

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        rect = QRectF()
        r = self._radius + 1
        for point in self.points:
            rect = rect.united(QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r))
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.color, 0))
        painter.setBrush(Qt.GlobalColor.white)
        r = self._radius
        for point in self.points:
            rect = QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r)
            if self.square:
                painter.drawRect(rect)
            else:
                painter.drawEllipse(rect)


def rubber_line(scene: QGraphicsScene, color: str, start: QPointF) -> QGraphicsLineItem:
    line = QGraphicsLineItem(QLineF(start, start))
    line.setPen(QPen(QColor(color), 0, Qt.PenStyle.DashLine))
    line.setZValue(FEEDBACK_Z)
    scene.addItem(line)
    return line


def outline(scene: QGraphicsScene, color: str, rect: QRectF) -> QGraphicsRectItem:
    item = QGraphicsRectItem(rect)
    item.setPen(QPen(QColor(color), 0, Qt.PenStyle.DashLine))
    item.setZValue(FEEDBACK_Z)
    scene.addItem(item)
    return item
