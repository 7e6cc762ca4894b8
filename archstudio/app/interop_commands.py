"""File → Import…, export to other tools' text formats, and dropping a diagram file on
the window.

An import opens the converted `.arch` text as a new, unsaved document (one undo history,
like any other); what the importer could not carry over is listed in the problems panel
as warnings that name the source file and line, until another file is opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from archstudio.app.documents import ParseResult
from archstudio.app.files import FileFormat
from archstudio.interop import (
    IMPORTS,
    ImportFailed,
    ImportResult,
    export_format_for,
    export_text,
    import_file,
)
from archstudio.interop.formats import UNSUPPORTED
from archstudio.model import Diagnostic, LineIndex, Severity, Span

IMPORT_CODE = "I100"  # a warning from an import, not from the .arch text itself
IMPORT_SUFFIXES = [suffix for suffixes, _, _ in IMPORTS.values() for suffix in suffixes]
IMPORT_FILTER = ";;".join(
    [f"Diagrams ({' '.join('*' + s for s in IMPORT_SUFFIXES)})"]
    + [f"{title} ({' '.join('*' + s for s in suffixes)})" for suffixes, title, _ in
       IMPORTS.values()]
    + ["All files (*)"])
DROPPABLE = set(IMPORT_SUFFIXES) | set(UNSUPPORTED)  # .c4/.d2 get their message


class InteropCommands(QObject):
    """Import, text export and file drops for one window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.warnings: list[Diagnostic] = []
        self.import_action = QAction("&Import…", window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip("Open a DOT, Mermaid or Structurizr diagram as a new "
                                        "architecture")
        self.import_action.triggered.connect(self.import_dialog)
        document = window.document
        document.parsed.connect(self._show)
        document.diagnostics_changed.connect(self._show)
        document.path_changed.connect(self._forget)
        window.setAcceptDrops(True)
        for widget in (window, window.view.viewport(), window.editor.viewport()):
            widget.installEventFilter(self)

    # -- import ------------------------------------------------------------------------
    def import_dialog(self) -> bool:
        directory = str(Path(self.window.document.path).parent) if self.window.document.path \
            else str(Path.cwd())
        path = self.window.prompts.import_path(directory, IMPORT_FILTER)
        return self.import_path(path) if path else False

    def import_path(self, path: str) -> bool:
        """Convert ``path`` and open the result as a new unsaved document."""
        try:
            result = import_file(path)
        except ImportFailed as problem:
            where = f" (line {problem.line})" if problem.line else ""
            self.window.prompts.error("Cannot import", f"{Path(path).name}{where}: {problem}")
            return False
        if not self.window.files.new():  # asks about unsaved work first
            return False
        document = self.window.document
        document.load(result.text, None, FileFormat())
        document.editor.document().setModified(True)
        self.warnings = _diagnostics(result, Path(path).name)
        self._show(document.result)
        self.window.statusBar().showMessage(
            f"Imported {Path(path).name}: {len(self.warnings)} warning(s); save to keep it",
            8000)
        return True

    def _show(self, result: ParseResult | None) -> None:
        if result is not None and self.warnings:
            self.window.problems.set_diagnostics(self.warnings + result.diagnostics,
                                                 result.stale, not result.checked)

    def _forget(self, _path) -> None:
        if self.warnings:
            self.warnings = []
            if self.window.document.result is not None:
                result = self.window.document.result
                self.window.problems.set_diagnostics(result.diagnostics, result.stale,
                                                     not result.checked)

    # -- export ------------------------------------------------------------------------
    def export_text_to(self, path: str, selection: bool = False) -> bool:
        fmt = export_format_for(path)
        if selection:
            self.window.prompts.error("Cannot export", "Export Selection draws images (PNG, "
                                      "SVG, PDF); the text formats take the whole model.")
            return False
        model = self.window.document.reparse_now().model
        if model.has_errors:
            first = model.errors[0]
            self.window.prompts.error("Cannot export", (
                f"The text has {len(model.errors)} error(s); fix them first (line "
                f"{first.span.line}: {first.message})."))
            return False
        try:
            Path(path).write_text(export_text(model, fmt), encoding="utf-8")
        except OSError as exc:
            self.window.prompts.error("Cannot export", f"Cannot write {path}: {exc.strerror}")
            return False
        self.window.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    # -- drops -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        path = _dropped_file(event.mimeData())
        if path is None:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.import_path(path)
        return True


def _dropped_file(mime) -> str | None:
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in DROPPABLE:
            return url.toLocalFile()
    return None


def _diagnostics(result: ImportResult, name: str) -> list[Diagnostic]:
    """The import's warnings as problems, all pointing at the file's first line (the
    comment that names the source), each saying where in the source it was."""
    first_line = result.text.find("\n")
    span = Span(0, first_line if first_line > 0 else 0, LineIndex(result.text))
    return [Diagnostic(IMPORT_CODE, Severity.WARNING, f"{name}:{w.line}: {w.message}", span)
            for w in result.warnings]


def install(window) -> InteropCommands:
    """Add File → Import… after Open Recent and route text-format exports here."""
    commands = InteropCommands(window)
    file_menu = window.menuBar().actions()[0].menu()
    after_recent = window.recent_menu.menuAction()
    actions = file_menu.actions()
    position = actions.index(after_recent) + 1 if after_recent in actions else 0
    file_menu.insertAction(actions[position] if position < len(actions) else None,
                           commands.import_action)
    window.commands.export.setStatusTip("Export the diagram as PNG, SVG or PDF, or for "
                                        "Graphviz, Mermaid, Structurizr, D2, LikeC4, PlantUML")
    return commands
