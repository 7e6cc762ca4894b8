"""The open document: its file, and the pipeline text → model → boxes that follows typing.

The editor's QTextDocument holds the text (and the one undo history). After a short pause
in typing, :class:`Document` re-parses, keeps the last model that parsed (shown, marked
stale, while the text has syntax errors), arranges boxes from the previous ones so nothing
jumps, and announces a :class:`ParseResult`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from archstudio.app.dsl_editor import DslEditor
from archstudio.app.files import FileFormat
from archstudio.app.parsing import TextParser, rule_diagnostics
from archstudio.layout import Box, arrange
from archstudio.model import Diagnostic, Model
from archstudio.model.diagnostics import sort_key

REPARSE_DELAY_MS = 250


def has_syntax_errors(model: Model) -> bool:
    """E1xx errors: the text was not understood, so its model is not drawn."""
    return any(d.is_error and d.code.startswith("E1") for d in model.diagnostics)


@dataclass(frozen=True, slots=True)
class ParseResult:
    model: Model  # of the current text
    shown: Model  # the model on the canvas: the current one, or the last good one
    boxes: dict[str, Box]
    diagnostics: list[Diagnostic]  # parser and rules, sorted by place
    stale: bool


class Document(QObject):
    parsed = Signal(object)  # ParseResult
    path_changed = Signal(object)  # str | None

    def __init__(self, editor: DslEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.path: str | None = None
        self.format = FileFormat()
        self.result: ParseResult | None = None
        self._parser = TextParser()
        self._parsed_revision = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPARSE_DELAY_MS)
        self._timer.timeout.connect(self.reparse_now)
        editor.document().contentsChanged.connect(self._timer.start)

    # -- identity --------------------------------------------------------------------
    @property
    def display_name(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    @property
    def modified(self) -> bool:
        return self.editor.document().isModified()

    def set_path(self, path: str | None, file_format: FileFormat | None = None) -> None:
        self.path = str(Path(path).resolve()) if path else None
        if file_format is not None:
            self.format = file_format
        self.path_changed.emit(self.path)

    def load(self, text: str, path: str | None, file_format: FileFormat) -> ParseResult:
        """Start over with a new text (Open, New): no previous boxes, a fresh history."""
        self.result = None
        self._parsed_revision = -1
        self.editor.set_text(text)
        self._timer.stop()
        self.set_path(path, file_format)
        return self.reparse_now()

    # -- the pipeline ----------------------------------------------------------------
    @property
    def up_to_date(self) -> bool:
        """Whether the current result describes the text as it is now."""
        return self._parsed_revision == self.editor.document().revision()

    def reparse_now(self) -> ParseResult:
        """Parse, arrange and announce now (the debounce timer calls this after a pause)."""
        self._timer.stop()
        revision = self.editor.document().revision()
        if self.result is not None and revision == self._parsed_revision:
            return self.result
        model = self._parser.parse(self.editor.text())
        previous = self.result
        stale = has_syntax_errors(model)
        if stale and previous is not None:
            shown, boxes = previous.shown, previous.boxes
        else:
            shown = model
            boxes = arrange(model, previous.boxes if previous else None)
        diagnostics = sorted(model.diagnostics + rule_diagnostics(model), key=sort_key)
        self.result = ParseResult(model, shown, boxes, diagnostics, stale)
        self._parsed_revision = revision
        self.parsed.emit(self.result)
        return self.result
