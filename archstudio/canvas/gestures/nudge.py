"""Arrow keys nudge the selected elements: one step, or a grid cell with Shift; each
press is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from archstudio.canvas.gestures.hits import with_descendants
from archstudio.canvas.gestures.requests import MoveRequest
from archstudio.canvas.interactions import Interaction

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

SMALL_STEP = 1.0
DIRECTIONS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class NudgeGesture(Interaction):
    def __init__(self, grid: float) -> None:
        self.grid = grid

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        direction = DIRECTIONS.get(Qt.Key(event.key()))
        if direction is None:
            return False
        scene = view.diagram_scene
        selected = [q for q in scene.selected_keys() if q in scene.boxes]
        if not selected:
            return False
        step = self.grid if event.modifiers() & Qt.KeyboardModifier.ShiftModifier \
            else SMALL_STEP
        dx, dy = direction[0] * step, direction[1] * step
        positions = {}
        for qname in with_descendants(view, selected):
            box = scene.boxes[qname]
            positions[qname] = (box.x + dx, box.y + dy)
        view.sig_move_requested.emit(MoveRequest(positions))
        return True
