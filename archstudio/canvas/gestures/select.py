"""Selection on the canvas: Select All (Ctrl+A) and Escape; rubber-band selection is the
view's own drag mode, Shift/Ctrl-click is handled where elements are picked (move)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsView

from archstudio.canvas.interactions import Interaction

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

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.SelectAll):
            select_all(view)
            return True
        if event.key() == Qt.Key.Key_Escape and view.diagram_scene.selectedItems():
            view.diagram_scene.clearSelection()
            return True
        return False
