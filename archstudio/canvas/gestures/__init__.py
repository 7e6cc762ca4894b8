"""Editing gestures: each one turns mouse and key input into a *request*, never an edit.

A gesture may show feedback while it runs (an element following the mouse, a rubber line,
guides), but it ends by emitting one of the view's ``sig_*_requested`` signals with a small
dataclass from :mod:`requests`. The app turns the request into an edit-engine call and
applies the text edit as one undo step; the scene then follows the re-parsed text.

One module per gesture: palette drop, connect, move, resize, nudge, select (engineer A),
rename and relation editing (B), clipboard and context menus (C).
"""

from archstudio.canvas.gestures.requests import (
    ConnectRequest,
    CreateRequest,
    MoveRequest,
    ResizeRequest,
)

__all__ = ["ConnectRequest", "CreateRequest", "MoveRequest", "ResizeRequest"]
