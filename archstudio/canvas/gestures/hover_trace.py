"""Hovering a relation's line or its label traces that relation.

In a busy drawing a label can sit a little way from its line, and lines run side by
side in bundles: which label names which line, and where does this line go? Hovering
either lays a soft band of the selection colour along the whole line and rings its
label, until the mouse leaves. Feedback only: the scene's items are not touched. The band
takes the scene's theme each time it is shown, so a theme switch recolours the next one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from archstudio.canvas.gestures.feedback import FEEDBACK_Z
from archstudio.canvas.gestures.hits import relation_near
from archstudio.canvas.items import ElementItem, RelationItem, RelationLabel
from archstudio.render.edge_face import LABEL_LOD

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

TRACE_PX = 7.0  # the band's width on screen
TRACE_ALPHA = 0.3


class HoverTrace:
    """The trace of the relation under the mouse (moves come through
    :class:`~archstudio.canvas.gestures.hover_name.Hover`, with the items there)."""

    def __init__(self) -> None:
        self.traced: str | None = None  # the key of the relation traced
        self._band: QGraphicsPathItem | None = None

    def follow(self, view: DiagramView, event: QMouseEvent, point: QPoint,
               items: list[QGraphicsItem]) -> None:
        """The mouse moved to ``point`` (viewport), over ``items``."""
        if event.buttons() != Qt.MouseButton.NoButton:  # another gesture's drag
            self.hide()
            return
        relation = relation_under(view, point, items)
        if relation is None:
            self.hide()
        elif relation.key != self.traced:
            self._show(view, relation)

    def forget(self) -> None:
        """The scene shows new text: the traced line may be gone or drawn elsewhere."""
        self.hide()

    def hide(self) -> None:
        self.traced = None
        if self._band is not None:
            self._band.setVisible(False)

    def _show(self, view: DiagramView, relation: RelationItem) -> None:
        scene = view.diagram_scene
        if self._band is None or self._band.scene() is not scene:
            self._band = QGraphicsPathItem()
            self._band.setZValue(FEEDBACK_Z - 1)
            self._band.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            scene.addItem(self._band)
        color = QColor(scene.theme.selection)  # the theme now, not when the band was made
        color.setAlphaF(TRACE_ALPHA)
        pen = QPen(color, TRACE_PX)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._band.setPen(pen)
        path = QPainterPath(relation.face.path)
        label = relation.face.label_rect()
        if not label.isEmpty() and view.zoom() >= LABEL_LOD:  # ringed only where drawn
            ring = QPainterPath()
            ring.addRoundedRect(QRectF(label), 3, 3)
            path.addPath(ring)
        self._band.setPath(path)
        self._band.setVisible(True)
        self.traced = relation.key


def relation_under(view: DiagramView, point: QPoint, items: list[QGraphicsItem]
                   ) -> RelationItem | None:
    """The relation whose label is under ``point`` (``items`` are there), or whose line
    passes near it; None over a shape."""
    for item in items:
        if isinstance(item, RelationLabel):  # only where labels are drawn
            if view.zoom() >= LABEL_LOD and not item.boundingRect().isEmpty():
                return item.relation
            continue
        if isinstance(item, RelationItem):
            return item
        if isinstance(item, ElementItem):
            return None
    return relation_near(view, point)
