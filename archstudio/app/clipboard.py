"""Cut, Copy, Paste and Duplicate of canvas elements, within a window and across windows.

Copy puts the selected elements (their statements, the relations among them and their
boxes, see :mod:`archstudio.app.fragments`) on the system clipboard twice: as
``application/x-archstudio+json`` for ArchStudio windows, and as the `.arch` text for
everything else. Paste is one undo step of the DSL editor's document, run through
:meth:`CanvasEdits.run`; the scene follows the re-parsed text. When the text has focus,
the same commands cut, copy and paste text as usual.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QObject, QPointF
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget

from archstudio.app.canvas_edits import CanvasEdits, Operation
from archstudio.app.edit_guard import EditGuard
from archstudio.app.fragments import Paste, copy_fragment, origin_of, roots_of
from archstudio.app.selection_edits import deletions
from archstudio.canvas import DiagramView
from archstudio.edit import EditError
from archstudio.layout.geometry import Box

MIME_TYPE = "application/x-archstudio+json"
FORMAT_VERSION = 1
PASTE_OFFSET = 40.0  # two grid steps: each paste of the same copy lands a little further


@dataclass(frozen=True, slots=True)
class Payload:
    """What a copy carries: the `.arch` text, the copied top elements and the document
    they came from (to tell a paste into the same document from one into another)."""

    fragment: str
    roots: tuple[str, ...] = ()
    source: str = ""

    def to_mime(self) -> QMimeData:
        data = QMimeData()
        data.setData(MIME_TYPE, json.dumps({
            "version": FORMAT_VERSION, "arch": self.fragment, "roots": list(self.roots),
            "source": self.source}).encode("utf-8"))
        data.setText(self.fragment)
        return data

    @classmethod
    def from_mime(cls, data: QMimeData | None) -> Payload | None:
        """Our own data when present, else any text (which may hold `.arch` statements)."""
        if data is None:
            return None
        if data.hasFormat(MIME_TYPE):
            try:
                raw = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
                return cls(str(raw["arch"]), tuple(str(r) for r in raw.get("roots", ())),
                           str(raw.get("source", "")))
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                pass  # damaged: fall back to the text copy
        if data.hasText() and data.text().strip():
            return cls(data.text())
        return None


class CanvasClipboard(QObject):
    """The clipboard commands of one window's canvas."""

    def __init__(self, edits: CanvasEdits, view: DiagramView, guard: EditGuard,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.guard = guard
        self.document = edits.document
        self.view = view
        self.scene = view.diagram_scene
        self.source = f"{os.getpid()}:{id(self.document)}"
        self._pastes: dict[str, int] = {}  # how often each copy was pasted here

    # -- commands ----------------------------------------------------------------------
    def copy(self, keys: list[str] | None = None) -> bool:
        """Put the selected elements on the clipboard; False when nothing is selected."""
        payload = self._payload(keys)
        if payload is None:
            return False
        QApplication.clipboard().setMimeData(payload.to_mime())
        self._pastes[payload.fragment] = 0
        count = len(payload.roots)
        self.edits.status.emit(f"Copied {count} element{'s' if count != 1 else ''}")
        return True

    def cut(self, keys: list[str] | None = None) -> bool:
        """Copy, then delete the selection (relations with it) as one undo step."""
        keys = list(keys if keys is not None else self.scene.selected_keys())
        if not self.guard.allowed("cut") or not self.copy(keys):
            return False
        model = self.document.reparse_now().model
        if self.edits.run(deletions(model, keys), "cut") is None:
            return False
        self.edits.select_requested.emit([])
        return True

    def paste(self, at: QPointF | None = None) -> list[str] | None:
        """Paste the clipboard: at scene point ``at`` (into the system there), or next to
        the copied elements (into the selected system); returns the new names."""
        if not self.guard.allowed("paste"):
            return None
        payload = Payload.from_mime(QApplication.clipboard().mimeData())
        if payload is None:
            self.edits.status.emit("Nothing to paste")
            return None
        same = payload.source == self.source
        if at is not None:
            parent = self._system_at(at)
        else:
            parent = self._selected_system(payload.roots if same else ())
        count = self._pastes.get(payload.fragment, 0 if same else -1) + 1
        self._pastes[payload.fragment] = count
        return self._paste(payload.fragment, parent, at, PASTE_OFFSET * count, "paste")

    def duplicate(self, keys: list[str] | None = None) -> list[str] | None:
        """Copy and paste in place, a little offset, beside the originals (the
        clipboard is left alone)."""
        payload = self._payload(keys)
        if payload is None:
            return None
        model = self.document.result.model if self.document.result else None
        parents = {model.elements[r].parent for r in payload.roots} if model else {None}
        parent = parents.pop() if len(parents) == 1 else None
        return self._paste(payload.fragment, parent, None, PASTE_OFFSET, "duplicate")

    # -- the parts -------------------------------------------------------------------
    def _payload(self, keys: list[str] | None) -> Payload | None:
        keys = list(keys if keys is not None else self.scene.selected_keys())
        if not self.guard.allowed("copy"):
            return None
        result = self.document.reparse_now()
        model = result.model
        roots = roots_of(model, keys)
        fragment = copy_fragment(self.document.editor.text(), model, keys, result.boxes,
                                 title=model.name)
        if fragment is None:
            self.edits.status.emit("Select elements to copy first")
            return None
        return Payload(fragment, tuple(roots), self.source)

    def _paste(self, fragment: str, parent: str | None, at: QPointF | None,
               offset: float, what: str) -> list[str] | None:
        try:
            origin = origin_of(fragment)
        except EditError as exc:
            self.edits.status.emit(f"Cannot {what}: {exc}")
            return None
        if origin is None:
            shift = None
        elif at is not None:
            shift = (round(at.x() - origin[0]), round(at.y() - origin[1]))
        else:
            shift = (offset, offset)
        paste = Paste(fragment, parent, shift)
        operations: list[Operation] = paste.operations()
        if self.edits.run(operations, what) is None:
            return None
        self.edits.select_requested.emit(list(paste.pasted))
        count = len(paste.pasted)
        self.edits.status.emit(f"Pasted {count} element{'s' if count != 1 else ''}"
                               + (f" into {parent}" if parent else ""))
        return list(paste.pasted)

    def _system_at(self, at: QPointF) -> str | None:
        model, boxes = self.scene.model, self.scene.boxes
        if model is None:
            return None
        inside = [q for q, box in boxes.items() if q in model.elements
                  and model.elements[q].is_group and _contains(box, at)]
        return max(inside, key=lambda q: q.count("."), default=None)

    def _selected_system(self, copied: tuple[str, ...]) -> str | None:
        """The one selected system, or else the system all selected elements share (so
        a paste right after a copy lands beside the originals, not inside them)."""
        model = self.scene.model
        if model is None:
            return None
        selected = [model.elements[k] for k in self.scene.selected_keys()
                    if k in model.elements]
        if len(selected) == 1 and selected[0].is_group and selected[0].qname not in copied:
            return selected[0].qname
        parents = {element.parent for element in selected}
        return parents.pop() if len(parents) == 1 else None


def _contains(box: Box, at: QPointF) -> bool:
    return box.x <= at.x() <= box.right and box.y <= at.y() <= box.bottom


# -- menu and shortcuts --------------------------------------------------------------------
def _text_widget() -> QWidget | None:
    """The focused text field, which keeps the usual text clipboard commands."""
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, (QPlainTextEdit, QLineEdit)) else None


class ClipboardActions(QObject):
    """Cut, Copy, Paste and Duplicate in the Edit menu; in a text field the first three
    act on its text."""

    def __init__(self, window: QWidget, clipboard: CanvasClipboard, edit_menu: QMenu,
                 before: QAction | None = None) -> None:
        super().__init__(window)
        self.clipboard = clipboard
        key = QKeySequence.StandardKey
        self.cut = self._action(window, "Cu&t", key.Cut, self._cut,
                                "Cut the selected elements")
        self.copy = self._action(window, "&Copy", key.Copy, self._copy,
                                 "Copy the selected elements (as .arch text too)")
        self.paste = self._action(window, "&Paste", key.Paste, self._paste,
                                  "Paste elements with fresh ids")
        self.duplicate = self._action(window, "D&uplicate", QKeySequence("Ctrl+D"),
                                      self._duplicate, "Duplicate the selected elements")
        actions = [self.cut, self.copy, self.paste, self.duplicate]
        if before is not None:
            edit_menu.insertActions(before, actions)
            edit_menu.insertSeparator(before)
        else:
            edit_menu.addSeparator()
            edit_menu.addActions(actions)

    @staticmethod
    def _action(window: QWidget, text: str, shortcut, slot, tip: str) -> QAction:
        action = QAction(text, window)
        action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        window.addAction(action)
        return action

    def _cut(self) -> None:
        widget = _text_widget()
        widget.cut() if widget is not None else self.clipboard.cut()

    def _copy(self) -> None:
        widget = _text_widget()
        widget.copy() if widget is not None else self.clipboard.copy()

    def _paste(self) -> None:
        widget = _text_widget()
        widget.paste() if widget is not None else self.clipboard.paste()

    def _duplicate(self) -> None:
        self.clipboard.duplicate()
