"""Editing gestures: each one turns mouse and key input into a *request*, never an edit.

A gesture may show feedback while it runs (an element following the mouse, a rubber line,
guides), but it ends by emitting one of the view's ``sig_*_requested`` signals with a small
dataclass from :mod:`requests`. The app turns the request into an edit-engine call and
applies the text edit as one undo step; the scene then follows the re-parsed text.

One module per gesture: palette drop, connect, move, resize, nudge, select, rename and
relation editing; the clipboard and context menus live in the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from archstudio.canvas.gestures.connect import ConnectGesture
from archstudio.canvas.gestures.hover_name import Hover
from archstudio.canvas.gestures.hover_trace import HoverTrace
from archstudio.canvas.gestures.move import MoveGesture
from archstudio.canvas.gestures.nudge import NudgeGesture
from archstudio.canvas.gestures.palette_drop import KIND_MIME_TYPE, PaletteDrop
from archstudio.canvas.gestures.requests import (
    ConnectRequest,
    CreateRequest,
    MoveRequest,
    ResizeRequest,
)
from archstudio.canvas.gestures.resize import ResizeGesture
from archstudio.canvas.gestures.select import SelectGesture, select_all

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

__all__ = [
    "KIND_MIME_TYPE",
    "ConnectRequest",
    "CreateRequest",
    "EditingGestures",
    "MoveRequest",
    "ResizeRequest",
    "install_editing",
    "select_all",
]


@dataclass
class EditingGestures:
    """The gestures installed on a view, for the app to configure (snap, palette pick)."""

    palette: PaletteDrop
    resize: ResizeGesture
    connect: ConnectGesture
    move: MoveGesture
    nudge: NudgeGesture
    select: SelectGesture
    trace: HoverTrace = field(default_factory=HoverTrace)

    def set_snap(self, on: bool) -> None:
        self.move.snap = on

    def after_update(self, view: DiagramView) -> None:
        """The scene now shows new text: handles of an element that is gone (deleted,
        renamed, another file opened) or that moved go away; a selected system's resize
        handles follow its box."""
        self.connect.forget_missing(view)
        self.trace.forget()
        self.resize.refresh(view)


class _LeaveWatch(QObject):
    """When the mouse leaves the canvas, hover feedback (connect handles, a relation's
    trace) goes with it instead of lingering until the mouse comes back."""

    def __init__(self, gestures: EditingGestures, parent: QObject) -> None:
        super().__init__(parent)
        self.gestures = gestures

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Leave:
            self.gestures.trace.hide()
            if self.gestures.connect.dragging is None:
                self.gestures.connect.hide_handles()
        return False


def install_editing(view: DiagramView) -> EditingGestures:
    """Add create, resize, connect, move, nudge and select to the view's interactions,
    after zoom and pan (the order decides who gets a press first)."""
    from archstudio.canvas.view import GRID

    gestures = EditingGestures(PaletteDrop(view), ResizeGesture(), ConnectGesture(),
                               MoveGesture(GRID), NudgeGesture(GRID), SelectGesture(view))
    view.viewport().setMouseTracking(True)  # hovering shows connect and resize handles
    view.viewport().installEventFilter(_LeaveWatch(gestures, view.viewport()))
    view.interactions.extend([Hover(gestures.trace), gestures.palette, gestures.resize,
                              gestures.connect, gestures.move, gestures.nudge, gestures.select])
    return gestures
