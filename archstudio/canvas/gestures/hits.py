"""What is under the mouse, and the geometry gestures share (no edits here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect

from archstudio.canvas.items import ElementItem, RelationItem
from archstudio.layout.geometry import Box, is_ancestor

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

DRAG_THRESHOLD = 4  # viewport pixels a press must travel before it becomes a drag
NEAR_PX = 4  # a relation within this many viewport pixels counts as under the mouse


def element_at(view: DiagramView, point: QPoint) -> ElementItem | None:
    """The element a click at ``point`` (viewport) picks; None over a relation or
    empty canvas (relation labels let clicks through)."""
    for item in view.items(point):
        if isinstance(item, ElementItem):
            return item
        if isinstance(item, RelationItem):
            return None
    return None


def relation_near(view: DiagramView, point: QPoint) -> RelationItem | None:
    """The topmost relation whose line passes within ``NEAR_PX`` of ``point`` (viewport),
    unless a shape is there: zoomed out a line's own click band is a pixel or two wide."""
    if element_at(view, point) is not None:
        return None
    area = QRect(point.x() - NEAR_PX, point.y() - NEAR_PX, 2 * NEAR_PX + 1, 2 * NEAR_PX + 1)
    return next((i for i in view.items(area) if isinstance(i, RelationItem)), None)


def system_at(view: DiagramView, at: QPointF, excluded: set[str] = frozenset()) -> str | None:
    """The innermost system whose box holds scene point ``at``, skipping ``excluded``
    and everything inside them (a system cannot be dropped into itself)."""
    scene = view.diagram_scene
    model = scene.model
    if model is None:
        return None
    best: str | None = None
    for qname, box in scene.boxes.items():
        element = model.elements.get(qname)
        if element is None or not element.is_group or not contains(box, at):
            continue
        if any(qname == q or is_ancestor(q, qname) for q in excluded):
            continue
        if best is None or is_ancestor(best, qname):
            best = qname
    return best


def contains(box: Box, at: QPointF) -> bool:
    return box.x <= at.x() <= box.right and box.y <= at.y() <= box.bottom


def with_descendants(view: DiagramView, qnames: list[str]) -> list[str]:
    """The given elements without those inside another given one, then everything
    inside them that is drawn: moving a system moves what it holds."""
    scene = view.diagram_scene
    tops = [q for q in qnames if not any(is_ancestor(other, q) for other in qnames)]
    out = list(tops)
    for qname in scene.boxes:
        if qname not in out and any(is_ancestor(top, qname) for top in tops):
            out.append(qname)
    return out


def parent_of(qname: str) -> str | None:
    return qname.rsplit(".", 1)[0] if "." in qname else None


def snapped(value: float, grid: float) -> float:
    return round(value / grid) * grid


def far_enough(start: QPoint, now: QPoint) -> bool:
    return (now - start).manhattanLength() >= DRAG_THRESHOLD
