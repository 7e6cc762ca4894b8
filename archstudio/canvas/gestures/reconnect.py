"""Reconnect: drag an end of the selected relation onto another element.

When exactly one relation is selected its two ends show round handles. Pressing on one
and dragging shows a rubber line from the other end; releasing over an element asks
for ``sig_reconnect_requested`` (Escape, or releasing over nothing, asks for nothing).
The relation itself is redrawn only when the re-parsed text says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsLineItem

from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import ElementItem, RelationItem

if TYPE_CHECKING:
    from archstudio.canvas.scene import DiagramScene
    from archstudio.canvas.view import DiagramView

HANDLE_RADIUS = 5.0  # view pixels, at any zoom
GRAB_DISTANCE = HANDLE_RADIUS + 4.0
FEEDBACK_Z = 1000.0
ENDS = ("source", "target")


@dataclass(frozen=True, slots=True)
class ReconnectRequest:
    """Point the ``end`` ("source" or "target") of the relation ``relation`` (its key)
    at the element ``element`` (a qualified name)."""

    relation: str
    end: str
    element: str


@dataclass(slots=True)
class _Drag:
    relation: str
    end: str
    line: QGraphicsLineItem


def selected_relation(scene: DiagramScene) -> RelationItem | None:
    selected = scene.selectedItems()
    if len(selected) == 1 and isinstance(selected[0], RelationItem):
        return selected[0]
    return None


class ReconnectDrag(Interaction):
    """Shows the handles of the selected relation and drags its ends."""

    def __init__(self, view: DiagramView) -> None:
        self.scene = view.diagram_scene  # not the view: the scene may outlive it briefly
        self.handles: list[QGraphicsEllipseItem] = []
        self.drag: _Drag | None = None
        self.scene.selectionChanged.connect(self.refresh)
        self.scene.changed.connect(lambda _region: self.refresh())

    # -- handles ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Put the handles on the selected relation's ends (or take them away)."""
        scene = self.scene
        if not shiboken6.isValid(scene):  # the scene tells of its last items as it goes
            return
        relation = selected_relation(scene)
        if relation is None:
            for handle in self.handles:
                scene.removeItem(handle)
            self.handles = []
            return
        if not self.handles:
            self.handles = [self._handle(scene) for _ in ENDS]
        points = relation.face.points
        for handle, (x, y) in zip(self.handles, (points[0], points[-1]), strict=True):
            if handle.pos() != QPointF(x, y):
                handle.setPos(x, y)

    @staticmethod
    def _handle(scene: DiagramScene) -> QGraphicsEllipseItem:
        r = HANDLE_RADIUS
        handle = QGraphicsEllipseItem(-r, -r, 2 * r, 2 * r)
        handle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        handle.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        handle.setBrush(QBrush(QColor(scene.theme.background)))
        handle.setPen(QPen(QColor(scene.theme.selection), 2))
        handle.setZValue(FEEDBACK_Z)
        scene.addItem(handle)
        return handle

    def handle_at(self, view: DiagramView, point: QPointF) -> str | None:
        """The end whose handle is under a viewport point."""
        for end, handle in zip(ENDS, self.handles, strict=False):
            centre = QPointF(view.mapFromScene(handle.pos()))
            if math.dist((centre.x(), centre.y()), (point.x(), point.y())) <= GRAB_DISTANCE:
                return end
        return None

    # -- the drag --------------------------------------------------------------------
    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or not self.handles:
            return False
        end = self.handle_at(view, event.position())
        relation = selected_relation(view.diagram_scene)
        if end is None or relation is None:
            return False
        points = relation.face.points
        fixed = points[-1] if end == "source" else points[0]
        line = QGraphicsLineItem(QLineF(QPointF(*fixed), view.mapToScene(
            event.position().toPoint())))
        pen = QPen(QColor(view.diagram_scene.theme.selection), 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(FEEDBACK_Z)
        view.diagram_scene.addItem(line)
        self.drag = _Drag(relation.key, end, line)
        return True

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self.drag is None:
            return False
        line = self.drag.line.line()
        line.setP2(view.mapToScene(event.position().toPoint()))
        self.drag.line.setLine(line)
        return True

    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self.drag is None:
            return False
        drag, self.drag = self.drag, None
        view.diagram_scene.removeItem(drag.line)
        target = next((i for i in view.items(event.position().toPoint())
                       if isinstance(i, ElementItem)), None)
        if target is not None:
            view.sig_reconnect_requested.emit(ReconnectRequest(drag.relation, drag.end,
                                                               target.qname))
        return True

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if self.drag is None or event.key() != Qt.Key.Key_Escape:
            return False
        view.diagram_scene.removeItem(self.drag.line)
        self.drag = None
        return True
