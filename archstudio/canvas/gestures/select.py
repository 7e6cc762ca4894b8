"""Selection on the canvas: Select All (Ctrl+A) and Escape; rubber-band selection is the
view's own drag mode, Shift/Ctrl-click is handled where elements are picked (move)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsView

from archstudio.canvas.gestures.hits import relation_near
from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import RelationItem

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView


def select_all(view: DiagramView) -> None:
    """Every element and relation, announced once (one selection area, not n toggles)."""
    scene = view.diagram_scene
    area = QPainterPath()
    area.addRect(scene.itemsBoundingRect().adjusted(-1, -1, 1, 1))
    scene.setSelectionArea(area, Qt.ItemSelectionOperation.ReplaceSelection,
                           Qt.ItemSelectionMode.IntersectsItemShape, QTransform())


class SelectGesture(Interaction):
    def __init__(self, view: DiagramView) -> None:
        view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        view.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)

    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        """A click just beside a thin line (zoomed out, its own band is a pixel or two
        wide) picks it, rather than starting a rubber band on empty canvas."""
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        point = event.position().toPoint()
        if any(isinstance(i, RelationItem) for i in view.items(point)):
            return False  # on the line itself: the view's own click handles it
        relation = relation_near(view, point)
        if relation is None:
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ShiftModifier
                                | Qt.KeyboardModifier.ControlModifier):
            relation.setSelected(not relation.isSelected())
        else:
            view.diagram_scene.clearSelection()
            relation.setSelected(True)
        return True

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.SelectAll):
            select_all(view)
            return True
        if event.key() == Qt.Key.Key_Escape and view.diagram_scene.selectedItems():
            view.diagram_scene.clearSelection()
            return True
        return False
