"""Wires the clipboard, the context menus and the edit guard into a main window.

One call from the window (``attach(window)``) after the editing gestures are in place;
the commands themselves live in :mod:`clipboard`, :mod:`context_menus` and
:mod:`edit_guard`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from archstudio.app.clipboard import CanvasClipboard, ClipboardActions
from archstudio.app.context_menus import CanvasContextMenus
from archstudio.app.edit_guard import EditGuard

if TYPE_CHECKING:
    from archstudio.app.main_window import MainWindow


@dataclass
class CanvasCommands:
    guard: EditGuard
    clipboard: CanvasClipboard
    actions: ClipboardActions
    menus: CanvasContextMenus


def attach(window: MainWindow) -> CanvasCommands:
    """Cut/Copy/Paste/Duplicate in the Edit menu (before Select All), the canvas's
    context menus, and the banner and refusals while the text does not parse."""
    guard = EditGuard(window.document, window.view, window)
    guard.refused.connect(lambda message: window.statusBar().showMessage(message, 8000))
    guard.explain(window.canvas_edits.status)
    clipboard = CanvasClipboard(window.canvas_edits, window.view, guard, window)
    edit_menu = next(o for o in window.commands.undo.associatedObjects()
                     if isinstance(o, QMenu))
    actions = ClipboardActions(window, clipboard, edit_menu, before=window.commands.select_all)
    menus = CanvasContextMenus(window, clipboard, guard)
    return CanvasCommands(guard, clipboard, actions, menus)
