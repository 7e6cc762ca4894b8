"""Help: the language reference and the rules from the bundled docs, F1 on the word at
the text cursor (a keyword or a diagnostic/rule code opens its section), a sheet of every
keyboard shortcut, and About.

The docs are the repository's Markdown files, shown with Qt's own Markdown support, so
the help a person reads is the documentation the project keeps true.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from archstudio import __version__
from archstudio.model.kinds import ELEMENT_KINDS

CODE = re.compile(r"\b([AEW]\d{3})\b")
WORD = re.compile(r"[A-Za-z0-9_-]+")
LANGUAGE, RULES = "language.md", "rules.md"
# What the canvas does with keys that are not menu commands (shown in the shortcuts sheet).
CANVAS_KEYS = [
    ("F2", "Rename the selected element or edit the relation's label"),
    ("Delete", "Delete the selection (one undo step)"),
    ("Arrow keys", "Nudge the selection (Shift: by a grid step)"),
    ("Space + drag, middle drag", "Pan the canvas"),
    ("Ctrl + wheel", "Zoom at the mouse"),
    ("Menu key, Shift+F10", "The selection's context menu, at the selection"),
    ("Ctrl+Tab, Ctrl+Shift+Tab", "Move between canvas, text and panels"),
    ("Enter on a palette entry", "Add that kind of element in view"),
    ("Escape", "Cancel a drag, a connection or the name editor"),
]


def docs_dir() -> Path | None:
    """Where the bundled docs are: beside the package in a checkout or an install, or
    inside a one-folder bundle."""
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "docs", here.parents[1] / "docs"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "docs")
    return next((c for c in candidates if (c / LANGUAGE).is_file()), None)


def topic_of(word: str) -> tuple[str, str | None]:
    """The document and the heading to open for ``word``: a rule code opens its rule, a
    diagnostic code its entry, a kind keyword the elements section."""
    code = CODE.fullmatch(word)
    if code:
        return (RULES if word.startswith("A") else LANGUAGE), word
    lowered = word.lower()
    kinds = {k.name for k in ELEMENT_KINDS.values()} | {
        s for k in ELEMENT_KINDS.values() for s in k.synonyms}
    if lowered in kinds:
        return LANGUAGE, "Elements"
    for keyword, heading in (("system", "Nesting in systems"), ("layout", "The layout section"),
                             ("architecture", "The architecture block"),
                             ("technology", "Bodies and properties"),
                             ("description", "Bodies and properties"),
                             ("tags", "Bodies and properties")):
        if lowered == keyword:
            return LANGUAGE, heading
    if "->" in word:
        return LANGUAGE, "Relations"
    return LANGUAGE, None


def word_at(text: str, offset: int) -> str:
    """The word (or ``->``) at ``offset`` in ``text``."""
    if text[max(0, offset - 2):offset + 2].find("->") >= 0:
        return "->"
    for match in WORD.finditer(text[max(0, offset - 80):offset + 80]):
        start = match.start() + max(0, offset - 80)
        if start <= offset <= start + len(match.group(0)):
            return match.group(0)
    return ""


class DocViewer(QDialog):
    """One Markdown document, scrolled to a heading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpViewer")
        self.resize(820, 760)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.document_name: str | None = None

    def show_doc(self, name: str, heading: str | None = None) -> bool:
        folder = docs_dir()
        if folder is None:
            self.browser.setPlainText("The documentation is not installed with this copy of "
                                      "ArchStudio. It is in the docs/ folder of its source.")
            self.setWindowTitle("ArchStudio Help")
            return False
        text = (folder / name).read_text(encoding="utf-8")
        self.browser.setSearchPaths([str(folder)])
        self.browser.setMarkdown(text)
        self.document_name = name
        first = text.lstrip().splitlines()[0].lstrip("# ").strip("`") if text.strip() else name
        self.setWindowTitle(f"{first} — ArchStudio Help")
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if heading:
            self.go_to(heading)
        return True

    def go_to(self, heading: str) -> bool:
        """Put the heading that starts with ``heading`` at the top of the view."""
        cursor = QTextCursor(self.browser.document())
        flags = QTextDocument.FindFlag.FindCaseSensitively
        while True:
            cursor = self.browser.document().find(heading, cursor, flags)
            if cursor.isNull():
                return False
            if cursor.block().blockFormat().headingLevel() > 0:
                break
        end = QTextCursor(self.browser.document())
        end.movePosition(QTextCursor.MoveOperation.End)
        self.browser.setTextCursor(end)  # scroll past, then back: the heading ends on top
        self.browser.ensureCursorVisible()
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        return True

    def current_heading(self) -> str:
        return self.browser.textCursor().block().text()


class HelpCommands:
    def __init__(self, window) -> None:
        self.window = window
        self.viewer: DocViewer | None = None
        menu = window.menuBar().addMenu("&Help")
        menu.setObjectName("helpMenu")
        self.context_help = self._add(menu, "&Help on This Word", "F1", self.help_at_cursor)
        self._add(menu, "&Language Reference", None, lambda: self.open(LANGUAGE))
        self._add(menu, "Architecture &Rules", None, lambda: self.open(RULES))
        self._add(menu, "&Keyboard Shortcuts", "Ctrl+/", self.shortcuts_sheet)
        menu.addSeparator()
        self._add(menu, "&About ArchStudio", None, self.about)
        self.menu = menu

    def _add(self, menu, text: str, shortcut: str | None, slot) -> QAction:
        action = menu.addAction(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        return action

    def open(self, name: str, heading: str | None = None) -> DocViewer:
        if self.viewer is None:
            self.viewer = DocViewer(self.window)
        self.viewer.show_doc(name, heading)
        self.viewer.show()
        self.viewer.raise_()
        return self.viewer

    def help_at_cursor(self) -> DocViewer:
        """F1: help on the selected problem's code when the problems list has the focus,
        else on the word at the text cursor."""
        problems = self.window.problems
        selected = problems.diagnostic_of(problems.currentItem())
        if problems.hasFocus() and selected is not None:
            word = selected.code
        else:
            word = word_at(self.window.editor.text(), self.window.editor.cursor_offset())
        name, heading = topic_of(word)
        return self.open(name, heading)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every menu command with a shortcut, then the canvas's own keys."""
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for action in self.window.findChildren(QAction):
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                             for s in action.shortcuts())
            name = action.text().replace("&", "").split("\t")[0].rstrip("…")
            if keys and name and (name, keys) not in seen:
                seen.add((name, keys))
                rows.append((keys, name))
        rows.sort(key=lambda row: row[1].lower())
        return rows + CANVAS_KEYS

    def shortcuts_sheet(self) -> QDialog:
        dialog = QDialog(self.window)
        dialog.setObjectName("shortcutsSheet")
        dialog.setWindowTitle("Keyboard Shortcuts — ArchStudio")
        rows = self.shortcut_rows()
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels(["Keys", "Command"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, name) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(name))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.close)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(560, 640)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def about_text(self) -> str:
        return (f"ArchStudio {__version__}\n\n"
                "Architecture diagrams that are also reviewable .arch text.\n\n"
                f"Qt {qVersion()} · PySide6 {pyside_version} · Python "
                f"{platform.python_version()}\n\n"
                "Licence: MIT (see LICENSE). The documentation is under Help.")

    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, "About ArchStudio", self.about_text(),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("aboutBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        return box


def install(window) -> HelpCommands:
    return HelpCommands(window)
