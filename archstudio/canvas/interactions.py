"""Small interaction objects the view hands its input to, one concern each.

The view offers every event to its interactions in order; the first that returns True
consumes it. Editing gestures (palette drop, connect, move, rename) join this list in a
later issue and, unlike these, will ask for text edits rather than touch items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QWheelEvent

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

ZOOM_STEP = 1.25


class Interaction:
    """Does nothing by default; subclasses override the events they care about."""

    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        return False

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        return False

    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        return False

    def mouse_double_click(self, view: DiagramView, event: QMouseEvent) -> bool:
        return False

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        return False

    def key_release(self, view: DiagramView, event: QKeyEvent) -> bool:
        return False

    def wheel(self, view: DiagramView, event: QWheelEvent) -> bool:
        return False


class WheelZoom(Interaction):
    """Ctrl+wheel zooms about the mouse; a plain wheel scrolls as usual."""

    def wheel(self, view: DiagramView, event: QWheelEvent) -> bool:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        steps = event.angleDelta().y() / 120
        if steps:
            view.set_zoom(view.zoom() * ZOOM_STEP ** steps, event.position().toPoint())
        return True


class KeyboardZoom(Interaction):
    """Ctrl++ / Ctrl+= zoom in, Ctrl+- zoom out, Ctrl+0 actual size, Ctrl+1 fit."""

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.key() == Qt.Key.Key_Equal
        ):
            view.zoom_in()
            return True
        if event.matches(QKeySequence.StandardKey.ZoomOut):
            view.zoom_out()
            return True
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.key() == Qt.Key.Key_0:
                view.reset_zoom()
                return True
            if event.key() == Qt.Key.Key_1:
                view.fit_to_window()
                return True
        return False


class PanDrag(Interaction):
    """Pan with the middle button, or with the left button while Space is held."""

    def __init__(self) -> None:
        self.space_down = False
        self.last: QPoint | None = None

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = True
            view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return True
        return event.key() == Qt.Key.Key_Space

    def key_release(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = False
            if self.last is None:
                view.viewport().unsetCursor()
            return True
        return False

    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self.space_down
        ):
            self.last = event.position().toPoint()
            view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return True
        return False

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self.last is None:
            return False
        point = event.position().toPoint()
        delta = point - self.last
        self.last = point
        view.pan_by(delta.x(), delta.y())
        return True

    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self.last is None:
            return False
        self.last = None
        if self.space_down:
            view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            view.viewport().unsetCursor()
        return True
