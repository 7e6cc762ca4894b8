"""Create from the palette: drop a kind on the canvas (or into a system), or arm a kind
by clicking it in the palette and then click the canvas. Either way one
:class:`CreateRequest`, centred where the element was put."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QKeyEvent, QMouseEvent

from archstudio.canvas.gestures.hits import system_at
from archstudio.canvas.gestures.requests import CreateRequest
from archstudio.canvas.interactions import Interaction
from archstudio.layout.geometry import DEFAULT_SIZES, FALLBACK_SIZE
from archstudio.model.kinds import ELEMENT_KINDS

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

KIND_MIME_TYPE = "application/x-archstudio-kind"
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def create_request(view: DiagramView, kind: str, at: QPointF) -> CreateRequest:
    """A new ``kind`` centred on scene point ``at``, in the system there."""
    width, height = DEFAULT_SIZES.get(kind, FALLBACK_SIZE)
    return CreateRequest(kind, round(at.x() - width / 2), round(at.y() - height / 2),
                         parent=system_at(view, at))


class PaletteDrop(Interaction, QObject):
    """Also an event filter on the view's viewport, where drag-and-drop arrives."""

    def __init__(self, view: DiagramView) -> None:
        QObject.__init__(self, view)
        self.view = view
        self.armed: str | None = None
        self.disarmed: Callable[[], None] | None = None  # the palette clears its pick
        self._pressed = False
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    # -- drag and drop from the palette ------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in _DRAG_EVENTS:
            return False
        assert isinstance(event, QDragMoveEvent | QDropEvent)
        kind = self._kind_of(event)
        if kind is None or self.view.diagram_scene.is_stale:
            event.ignore()
            return event.type() != QEvent.Type.DragEnter or kind is not None
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            at = self.view.mapToScene(event.position().toPoint())
            self.view.sig_create_requested.emit(create_request(self.view, kind, at))
        return True

    @staticmethod
    def _kind_of(event: QDropEvent) -> str | None:
        data = event.mimeData()
        if data is None or not data.hasFormat(KIND_MIME_TYPE):
            return None
        kind = bytes(data.data(KIND_MIME_TYPE).data()).decode("utf-8", "replace")
        return kind if kind in ELEMENT_KINDS else None

    # -- click a palette entry, then the canvas -----------------------------------
    def arm(self, kind: str | None) -> None:
        self.armed = kind if kind in ELEMENT_KINDS else None
        viewport = self.view.viewport()
        if self.armed is None:
            viewport.unsetCursor()
        else:
            viewport.setCursor(Qt.CursorShape.CrossCursor)

    def _disarm(self) -> None:
        self.arm(None)
        if self.disarmed is not None:
            self.disarmed()

    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self.armed is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        self._pressed = True
        return True

    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        if not self._pressed:
            return False
        self._pressed = False
        kind = self.armed
        self._disarm()
        if kind is not None:
            at = view.mapToScene(event.position().toPoint())
            view.sig_create_requested.emit(create_request(view, kind, at))
        return True

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if self.armed is not None and event.key() == Qt.Key.Key_Escape:
            self._disarm()
            return True
        return False
