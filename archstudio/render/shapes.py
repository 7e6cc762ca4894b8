"""The outline of each kind, and where its text goes.

Paths are in item coordinates (top-left at 0, 0) and cached per (kind, width, height):
a model of 2,000 elements has only a handful of distinct sizes, so each shape is built
once and shared (QPainterPath is implicitly shared, copying it is free).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from archstudio.layout.geometry import GROUP_TITLE


def _polygon(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _person(w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    head = head_size(w, h)
    body_top = head * 0.82
    body = QPainterPath()
    body.addRoundedRect(QRectF(0, body_top, w, h - body_top), min(18.0, w / 4), min(18.0, h / 4))
    skull = QPainterPath()
    skull.addEllipse(QRectF((w - head) / 2, 0, head, head))
    return body.united(skull), QPainterPath()


def head_size(w: float, h: float) -> float:
    return min(h * 0.34, w * 0.4, 40.0)


def _rounded(w: float, h: float, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, w, h), radius, radius)
    return path


def _cylinder(w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    ry = min(10.0, h * 0.12)
    top = QRectF(0, 0, w, 2 * ry)
    path = QPainterPath(QPointF(0, ry))
    path.arcTo(top, 180, -180)
    path.lineTo(w, h - ry)
    path.arcTo(QRectF(0, h - 2 * ry, w, 2 * ry), 0, -180)
    path.closeSubpath()
    rim = QPainterPath(QPointF(0, ry))
    rim.arcTo(top, 180, 180)
    return path, rim


def _pipe(w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    rx = min(12.0, w * 0.1)
    path = QPainterPath(QPointF(rx, 0))
    path.lineTo(w - rx, 0)
    path.arcTo(QRectF(w - 2 * rx, 0, 2 * rx, h), 90, -180)
    path.lineTo(rx, h)
    path.arcTo(QRectF(0, 0, 2 * rx, h), 270, -180)
    path.closeSubpath()
    end = QPainterPath(QPointF(w - rx, 0))
    end.arcTo(QRectF(w - 2 * rx, 0, 2 * rx, h), 90, 180)
    return path, end


def _shield(w: float, h: float) -> QPainterPath:
    path = QPainterPath(QPointF(0, 0))
    path.lineTo(w, 0)
    path.lineTo(w, h * 0.5)
    path.cubicTo(QPointF(w, h * 0.78), QPointF(w * 0.75, h * 0.9), QPointF(w / 2, h))
    path.cubicTo(QPointF(w * 0.25, h * 0.9), QPointF(0, h * 0.78), QPointF(0, h * 0.5))
    path.closeSubpath()
    return path


def _document(w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    fold = min(14.0, w * 0.15, h * 0.2)
    path = _polygon([(0, 0), (w - fold, 0), (w, fold), (w, h), (0, h)])
    dog_ear = QPainterPath(QPointF(w - fold, 0))
    dog_ear.lineTo(w - fold, fold)
    dog_ear.lineTo(w, fold)
    return path, dog_ear


def _inset(w: float, h: float) -> float:
    return min(16.0, h * 0.3, w * 0.12)


@lru_cache(maxsize=512)
def paths(kind: str, w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    """(outline, decoration) of a kind at a size; the decoration is stroked only."""
    if kind == "person":
        return _person(w, h)
    if kind == "datastore":
        return _cylinder(w, h)
    if kind == "broker":
        return _pipe(w, h)
    if kind == "schema":
        return _document(w, h)
    empty = QPainterPath()
    if kind == "gateway":
        d = _inset(w, h)
        return _polygon([(d, 0), (w - d, 0), (w, h / 2), (w - d, h), (d, h), (0, h / 2)]), empty
    if kind == "capability":
        d = _inset(w, h)
        return _polygon([(0, 0), (w - d, 0), (w, h / 2), (w - d, h), (0, h), (d, h / 2)]), empty
    if kind == "goal":
        path = QPainterPath()
        path.addEllipse(QRectF(0, 0, w, h))
        return path, empty
    if kind == "policy":
        return _shield(w, h), empty
    if kind == "operation":
        return _rounded(w, h, h / 2), empty
    if kind == "system":  # its title tab depends on its text: the face draws it
        return _rounded(w, h, 6.0), empty
    return _rounded(w, h, 8.0), empty  # container, external


@lru_cache(maxsize=512)
def outline_points(kind: str, w: float, h: float) -> tuple[tuple[float, float], ...]:
    """The outline as a polygon, for ending arrows exactly on it."""
    polygon = paths(kind, w, h)[0].toFillPolygon()
    return tuple((p.x(), p.y()) for p in polygon)


def text_area(kind: str, w: float, h: float) -> QRectF:
    """Where label and details may go, inside the outline, so text never spills out."""
    if kind == "person":
        head = head_size(w, h)
        return QRectF(8, head + 2, w - 16, h - head - 8)
    if kind == "datastore":
        ry = min(10.0, h * 0.12)
        return QRectF(8, 2 * ry + 2, w - 16, h - 3 * ry - 4)
    if kind == "broker":
        rx = min(12.0, w * 0.1)
        return QRectF(rx + 4, 4, w - 3 * rx - 8, h - 8)
    if kind in ("gateway", "capability"):
        d = _inset(w, h)
        return QRectF(d + 2, 4, w - 2 * d - 4, h - 8)
    if kind == "goal":
        return QRectF(w * 0.13, h * 0.12, w * 0.74, h * 0.76)
    if kind == "policy":
        return QRectF(10, 6, w - 20, h * 0.66)
    if kind == "operation":
        r = min(h / 2, w / 4)
        return QRectF(r * 0.6, 4, w - r * 1.2, h - 8)
    if kind == "schema":
        return QRectF(8, 6, w - 16 - min(14.0, w * 0.15) / 2, h - 12)
    if kind == "system":
        return QRectF(12, 0, w - 24, min(GROUP_TITLE, h))
    return QRectF(10, 6, w - 20, h - 12)
