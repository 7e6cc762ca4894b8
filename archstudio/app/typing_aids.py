"""Typing help in the text: Enter keeps the indentation (one level more after ``{``),
``{`` closes itself, and ``}`` steps over a closing brace that is already there.

An event filter on the editor, so the editor itself stays a plain text editor; each aid
is one edit block, so one Ctrl+Z takes back exactly what one key did.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

_LEADING = re.compile(r"[ \t]*")
DEFAULT_INDENT = "  "


def indent_unit_of(text: str) -> str:
    """The smallest indentation step the text uses (two spaces when it has none)."""
    steps = {len(m.group(1)) for m in re.finditer(r"(?m)^( +)\S", text)}
    if "\n\t" in text and not steps:
        return "\t"
    return " " * min(steps) if steps else DEFAULT_INDENT


class TypingAids(QObject):
    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is not self.editor or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._newline()
        if event.text() == "{":
            return self._open_brace()
        if event.text() == "}":
            return self._close_brace()
        return False

    def _newline(self) -> bool:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return False
        line = cursor.block().text()
        column = cursor.positionInBlock()
        before, after = line[:column], line[column:]
        indent = _LEADING.match(line).group(0)
        unit = indent_unit_of(self.editor.toPlainText())
        opens = before.rstrip().endswith("{")
        cursor.beginEditBlock()
        if opens and after.lstrip().startswith("}"):  # {|} → the brace on its own line
            cursor.insertText("\n" + indent + unit)
            keep = cursor.position()
            cursor.insertText("\n" + indent)
            cursor.setPosition(keep)
        else:
            cursor.insertText("\n" + indent + (unit if opens else ""))
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        return True

    def _open_brace(self) -> bool:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return False
        rest = cursor.block().text()[cursor.positionInBlock():]
        if rest.strip():  # typing in the middle of a line: just the brace
            return False
        cursor.beginEditBlock()
        cursor.insertText("{}")
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Left)
        self.editor.setTextCursor(cursor)
        return True

    def _close_brace(self) -> bool:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return False
        rest = cursor.block().text()[cursor.positionInBlock():]
        if not rest.startswith("}"):
            line = cursor.block().text()
            if line.strip() == "" and len(line) == cursor.positionInBlock():
                return self._dedented_close(cursor, line)
            return False
        cursor.movePosition(QTextCursor.MoveOperation.Right)  # step over the closing brace
        self.editor.setTextCursor(cursor)
        return True

    def _dedented_close(self, cursor: QTextCursor, line: str) -> bool:
        """``}`` typed on a blank indented line goes one level out."""
        unit = indent_unit_of(self.editor.toPlainText())
        if not line.endswith(unit):
            return False
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(line[: len(line) - len(unit)] + "}")
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        return True


def install(editor: QPlainTextEdit) -> TypingAids:
    return TypingAids(editor)
