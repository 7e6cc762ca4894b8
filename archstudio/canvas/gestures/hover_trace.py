"""Hovering a relation's line or its label traces that relation.

In a busy drawing a label can sit a little way from its line, and lines run side by
side in bundles: which label names which line, and where does this line go? Hovering
either lays a soft band of the selection colour along the whole line and rings its
label, until the mouse leaves. Feedback only: the scene's items are not touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from archstudio.canvas.gestures.feedback import FEEDBACK_Z
from archstudio.canvas.gestures.hits import relation_near
from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import ElementItem, RelationItem, RelationLabel
from archstudio.render.edge_face import LABEL_LOD

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

TRACE_PX = 7.0  # the band's width on screen
TRACE_ALPHA = 0.3


class HoverTrace(Interaction):
    """Never consumes an event; shows the trace of the relation under the mouse."""

    def __init__(self) -> None:
        self.traced: str | None = None  # the key of the relation traced
        self._band: QGraphicsPathItem | None = None

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.buttons() != Qt.MouseButton.NoButton:  # another gesture's drag
            self.hide()
            return False
        relation = relation_under(view, event)
        if relation is None:
            self.hide()
        elif relation.key != self.traced:
            self._show(view, relation)
        return False

    def forget_missing(self, view: DiagramView) -> None:
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
            color = QColor(scene.theme.selection)
            color.setAlphaF(TRACE_ALPHA)
            pen = QPen(color, TRACE_PX)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            self._band.setPen(pen)
            scene.addItem(self._band)
        path = QPainterPath(relation.face.path)
        label = relation.face.label_rect()
        if not label.isEmpty() and view.zoom() >= LABEL_LOD:  # ringed only where drawn
            ring = QPainterPath()
            ring.addRoundedRect(QRectF(label), 3, 3)
            path.addPath(ring)
        self._band.setPath(path)
        self._band.setVisible(True)
        self.traced = relation.key


def relation_under(view: DiagramView, event: QMouseEvent) -> RelationItem | None:
    """The relation whose label is under the mouse, or whose line passes near it; None
    over a shape."""
    point = event.position().toPoint()
    for item in view.items(point):
        if isinstance(item, RelationLabel):  # only where labels are drawn
            if view.zoom() >= LABEL_LOD and not item.boundingRect().isEmpty():
                return item.relation
            continue
        if isinstance(item, RelationItem):
            return item
        if isinstance(item, ElementItem):
            return None
    return relation_near(view, point)
