"""How a selection stands out at any zoom.

A selected shape's frame used to be drawn in scene units like every other outline, so
zoomed out to fit a large diagram it shrank below a pixel and the selection could barely
be told from the rest. Here the frame keeps at least ``FRAME_PX`` on screen and a
selected shape is tinted with the selection colour. The frame is drawn inside the
outline (a stroke twice as wide, clipped to the shape), so it never reaches past the
item's bounds however far the view is zoomed out.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

FRAME_PX = 2.5  # a selected outline is never thinner than this on screen
FRAME_SCENE = 2.5  # ... and zoomed in it is this wide in scene units, like other outlines
TINT_ALPHA = 0.16  # a selected shape's fill takes on this much of the selection colour
LINE_PX = 3.0  # a selected relation's line, on screen, whatever the zoom


def frame_width(lod: float) -> float:
    """The selection frame's width on screen at zoom ``lod``."""
    return max(FRAME_PX, FRAME_SCENE * lod)


def paint_selected(painter: QPainter, outline: QPainterPath, color: str, lod: float,
                   tint: bool = True) -> None:
    """Over a shape already painted: the selection tint (unless ``tint`` is False, e.g.
    a system whose inside holds other shapes) and a frame inside ``outline``."""
    painter.save()
    if tint:
        painter.fillPath(outline, _tint(color))
    painter.setClipPath(outline, Qt.ClipOperation.IntersectClip)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_frame_pen(color, round(frame_width(lod) * 8) / 4))  # inner half shows
    painter.drawPath(outline)
    painter.restore()


@lru_cache(maxsize=64)
def line_pen(color: str, style: Qt.PenStyle) -> QPen:
    """A selected relation's line: ``LINE_PX`` wide on screen at any zoom (its items
    are stock Qt items that do not know the zoom)."""
    pen = QPen(QColor(color), LINE_PX)
    pen.setCosmetic(True)
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@lru_cache(maxsize=64)
def _tint(color: str) -> QColor:
    tint = QColor(color)
    tint.setAlphaF(TINT_ALPHA)
    return tint


@lru_cache(maxsize=256)
def _frame_pen(color: str, width: float) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen
