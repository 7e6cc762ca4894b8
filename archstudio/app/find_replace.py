"""Find and Replace in the text: Ctrl+F, Ctrl+H, F3 / Shift+F3, Escape to close.

A bar above the editor, as in code editors. Replacements go through the editor's
``apply_edits`` like every other change, so Replace All is one undo step and the canvas
follows the re-parsed text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archstudio.app.dsl_editor import DslEditor
from archstudio.dsl import TextEdit


class FindBar(QWidget):
    def __init__(self, editor: DslEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor = editor
        self.find_field = QLineEdit(placeholderText="Find")
        self.find_field.setObjectName("findField")
        self.replace_field = QLineEdit(placeholderText="Replace with")
        self.replace_field.setObjectName("replaceField")
        self.case = QCheckBox("Aa")
        self.case.setToolTip("Match case")
        self.whole = QCheckBox("Word")
        self.whole.setToolTip("Whole words only")
        self.count_label = QLabel()
        self.count_label.setObjectName("findCount")
        previous = QPushButton("↑")
        previous.setToolTip("Previous match (Shift+F3)")
        following = QPushButton("↓")
        following.setToolTip("Next match (F3)")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("All")
        self.replace_all_button.setToolTip("Replace all matches (one undo step)")
        close = QToolButton(text="✕")
        close.setToolTip("Close (Escape)")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(4)
        grid.addWidget(self.find_field, 0, 0)
        grid.addWidget(previous, 0, 1)
        grid.addWidget(following, 0, 2)
        grid.addWidget(self.case, 0, 3)
        grid.addWidget(self.whole, 0, 4)
        grid.addWidget(close, 0, 5)
        grid.addWidget(self.replace_field, 1, 0)
        grid.addWidget(self.replace_button, 1, 1, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.addWidget(self.count_label, 1, 4, 1, 2)
        for button in (previous, following, self.replace_button, self.replace_all_button):
            button.setFixedWidth(max(button.sizeHint().width(), 34))
        self._replace_widgets = [self.replace_field, self.replace_button,
                                 self.replace_all_button]
        self.find_field.textChanged.connect(self._on_find_changed)
        self.find_field.returnPressed.connect(self.find_next)
        self.replace_field.returnPressed.connect(self.replace)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.case.toggled.connect(self._on_find_changed)
        self.whole.toggled.connect(self._on_find_changed)
        close.clicked.connect(self.close_bar)
        self.hide()

    # -- showing -------------------------------------------------------------------------
    def open_find(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        for widget in self._replace_widgets:
            widget.setVisible(replace)
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()
        self._update_count()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    # -- matching --------------------------------------------------------------------------
    def pattern(self) -> re.Pattern[str] | None:
        needle = self.find_field.text()
        if not needle:
            return None
        body = re.escape(needle)
        if self.whole.isChecked():
            body = rf"(?<![\w-]){body}(?![\w-])"
        return re.compile(body, 0 if self.case.isChecked() else re.IGNORECASE)

    def matches(self) -> list[tuple[int, int]]:
        """Every match as (start, end) Python offsets into the text."""
        pattern = self.pattern()
        if pattern is None:
            return []
        return [m.span() for m in pattern.finditer(self.editor.text()) if m.end() > m.start()]

    def _on_find_changed(self, *_args) -> None:
        self._update_count()
        cursor = self.editor.textCursor()
        start = min(cursor.position(), cursor.anchor())
        self._select_from(self.editor.offsets().to_py(start), forward=True, inclusive=True)

    def _update_count(self) -> None:
        found = self.matches()
        if not self.find_field.text():
            self.count_label.setText("")
            return
        current = self._current_index(found)
        self.count_label.setText(
            "no matches" if not found else
            f"{current + 1} of {len(found)}" if current is not None else f"{len(found)} found")

    def _current_index(self, found: list[tuple[int, int]]) -> int | None:
        cursor = self.editor.textCursor()
        offsets = self.editor.offsets()
        selection = (offsets.to_py(min(cursor.position(), cursor.anchor())),
                     offsets.to_py(max(cursor.position(), cursor.anchor())))
        return found.index(selection) if selection in found else None

    def _select(self, span: tuple[int, int]) -> None:
        offsets = self.editor.offsets()
        cursor = self.editor.textCursor()
        cursor.setPosition(offsets.to_qt(span[0]))
        cursor.setPosition(offsets.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def _select_from(self, offset: int, forward: bool, inclusive: bool = False) -> bool:
        found = self.matches()
        if not found:
            self._update_count()
            return False
        if forward:
            after = [m for m in found if m[0] >= offset + (0 if inclusive else 1)]
            chosen = after[0] if after else found[0]  # wrap around
        else:
            before = [m for m in found if m[0] < offset]
            chosen = before[-1] if before else found[-1]
        self._select(chosen)
        self._update_count()
        return True

    def find_next(self) -> bool:
        cursor = self.editor.textCursor()
        start = self.editor.offsets().to_py(min(cursor.position(), cursor.anchor()))
        return self._select_from(start, forward=True)

    def find_previous(self) -> bool:
        cursor = self.editor.textCursor()
        start = self.editor.offsets().to_py(min(cursor.position(), cursor.anchor()))
        return self._select_from(start, forward=False)

    # -- replacing -------------------------------------------------------------------------
    def replace(self) -> bool:
        """Replace the selected match (if the selection is one) and go to the next."""
        found = self.matches()
        current = self._current_index(found)
        if current is None:
            return self.find_next()
        start, end = found[current]
        self.editor.apply_edits([TextEdit(start, end, self.replace_field.text())])
        self._select_from(start + len(self.replace_field.text()) - 1, forward=True)
        return True

    def replace_all(self) -> int:
        found = self.matches()
        if found:
            replacement = self.replace_field.text()
            self.editor.apply_edits([TextEdit(s, e, replacement) for s, e in found])
        self._update_count()
        self.count_label.setText(f"replaced {len(found)}")
        return len(found)


def install(window) -> FindBar:
    """The bar above the editor in the Text panel, and its shortcuts."""
    dock: QDockWidget = next(d for d in window._docks if d.objectName() == "editorDock")
    container = QWidget()
    container.setObjectName("textPanel")
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    bar = FindBar(window.editor, container)
    layout.addWidget(bar)
    layout.addWidget(window.editor)
    dock.setWidget(container)
    container.setFocusProxy(window.editor)
    menu = next(o for o in window.commands.undo.associatedObjects() if isinstance(o, QMenu))
    menu.addSeparator()
    for text, keys, slot in (
            ("&Find…", [QKeySequence.StandardKey.Find], lambda: bar.open_find(False)),
            ("&Replace…", [QKeySequence("Ctrl+H")], lambda: bar.open_find(True)),
            ("Find &Next", [QKeySequence("F3")], bar.find_next),
            ("Find &Previous", [QKeySequence("Shift+F3")], bar.find_previous)):
        action = menu.addAction(text)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False, s=slot: s())
    escape = QShortcut(QKeySequence("Escape"), bar)
    escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    escape.activated.connect(bar.close_bar)
    return bar
