"""Delete or Backspace removes the selection: ``sig_delete_requested`` with its keys.

The app deletes the elements (with what they hold and their relations) and the selected
relations as one undo step. Nothing is removed from the scene here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from archstudio.canvas.interactions import Interaction

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


@dataclass(frozen=True, slots=True)
class DeleteRequest:
    """Remove these elements (qualified names) and relations (keys)."""

    keys: tuple[str, ...]


def request_delete(view: DiagramView) -> bool:
    """Ask to delete what is selected on the canvas (also the Delete menu entry's way)."""
    keys = view.diagram_scene.selected_keys()
    if not keys:
        return False
    view.sig_delete_requested.emit(DeleteRequest(tuple(keys)))
    return True


class DeleteSelection(Interaction):
    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.key() not in DELETE_KEYS or event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            return False
        request_delete(view)
        return True
