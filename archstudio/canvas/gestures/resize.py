"""Resize a selected system by the handles at its corners; one request on release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGraphicsRectItem

from archstudio.canvas.gestures.feedback import Handles, outline
from archstudio.canvas.gestures.requests import ResizeRequest
from archstudio.canvas.interactions import Interaction
from archstudio.layout.geometry import Box

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

MIN_WIDTH, MIN_HEIGHT = 120.0, 80.0
# corner index -> which sides it drags (left?, top?)
CORNERS = ((True, True), (False, True), (False, False), (True, False))
CURSORS = (Qt.CursorShape.SizeFDiagCursor, Qt.CursorShape.SizeBDiagCursor,
           Qt.CursorShape.SizeFDiagCursor, Qt.CursorShape.SizeBDiagCursor)


def corners(box: Box) -> list[QPointF]:
    return [QPointF(box.x, box.y), QPointF(box.right, box.y), QPointF(box.right, box.bottom),
            QPointF(box.x, box.bottom)]


def resized(box: Box, corner: int, at: QPointF) -> Box:
    """``box`` with one corner dragged to ``at`` (never smaller than the minimum)."""
    left, top = CORNERS[corner]
    x1, y1, x2, y2 = box.x, box.y, box.right, box.bottom
    if left:
        x1 = min(at.x(), x2 - MIN_WIDTH)
    else:
        x2 = max(at.x(), x1 + MIN_WIDTH)
    if top:
        y1 = min(at.y(), y2 - MIN_HEIGHT)
    else:
        y2 = max(at.y(), y1 + MIN_HEIGHT)
    return Box(round(x1, 2), round(y1, 2), round(x2 - x1, 2), round(y2 - y1, 2))


class ResizeGesture(Interaction):
    def __init__(self) -> None:
        self._handles: Handles | None = None
        self._system: str | None = None
        self._corner: int | None = None
        self._outline: QGraphicsRectItem | None = None

    def _selected_system(self, view: DiagramView) -> str | None:
        scene = view.diagram_scene
        keys = scene.selected_keys()
        if len(keys) != 1 or scene.model is None or scene.is_stale:
            return None
        element = scene.model.elements.get(keys[0])
        return keys[0] if element is not None and element.is_group and \
            keys[0] in scene.boxes else None

    def _show(self, view: DiagramView) -> Handles:
        scene = view.diagram_scene
        if self._handles is None or self._handles.scene() is not scene:
            self._handles = Handles(scene.theme.selection, square=True)
            scene.addItem(self._handles)
        system = self._selected_system(view)
        self._system = system
        self._handles.show_at(corners(scene.boxes[system]) if system else [], view.zoom())
        return self._handles

    def refresh(self, view: DiagramView) -> None:
        """Put the handles around the selected system as it is now (or nowhere)."""
        if self._handles is not None and self._corner is None:
            self._show(view)

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        at = view.mapToScene(event.position().toPoint())
        if self._corner is not None and self._system is not None:
            box = resized(view.diagram_scene.boxes[self._system], self._corner, at)
            if self._outline is not None:
                self._outline.setRect(QRectF(box.x, box.y, box.width, box.height))
            return True
        handles = self._show(view)  # the selection may have changed since
        if event.buttons() != Qt.MouseButton.NoButton:
            return False
        corner = handles.hit(at)
        if corner is None:
            view.viewport().unsetCursor()
        else:
            view.viewport().setCursor(CURSORS[corner])
        return False

    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        handles = self._show(view)
        corner = handles.hit(view.mapToScene(event.position().toPoint()))
        if corner is None or self._system is None:
            return False
        self._corner = corner
        box = view.diagram_scene.boxes[self._system]
        self._outline = outline(view.diagram_scene, view.diagram_scene.theme.selection,
                                QRectF(box.x, box.y, box.width, box.height))
        return True

    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self._corner is None or self._system is None:
            return False
        corner, system, self._corner = self._corner, self._system, None
        if self._outline is not None:
            view.diagram_scene.removeItem(self._outline)
            self._outline = None
        box = resized(view.diagram_scene.boxes[system], corner,
                      view.mapToScene(event.position().toPoint()))
        if box != view.diagram_scene.boxes[system]:
            view.sig_resize_requested.emit(ResizeRequest(system, box.x, box.y, box.width,
                                                         box.height))
        self._show(view)
        return True
