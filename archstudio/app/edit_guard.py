"""While the text does not parse, the canvas says so and structural edits wait.

The canvas then shows the last diagram that parsed; its shapes no longer match the text,
so creating, connecting, deleting or pasting could only guess where to write. The guard
puts the first syntax error in the view's banner ("The text has errors — fix them to
edit the diagram (line 12: …)"), says the same in the status bar when an edit is refused,
and turns the structural commands off until the text parses again. Nothing is lost: the
text is never touched, and the edit can be made once it is fixed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from archstudio.app.documents import Document, ParseResult
from archstudio.canvas import DiagramView
from archstudio.model import Diagnostic

BANNER = "The text has errors — fix them to edit the diagram"


def first_syntax_error(result: ParseResult) -> Diagnostic | None:
    """The earliest error that stops the text from being understood (E1xx)."""
    errors = [d for d in result.model.diagnostics if d.is_error and d.code.startswith("E1")]
    return min(errors, key=lambda d: d.span.start, default=None)


def refusal_message(result: ParseResult) -> str | None:
    """Why structural edits are off, with the first error's line; None when they are on."""
    if not result.stale:
        return None
    error = first_syntax_error(result)
    if error is None:
        return BANNER
    message = error.message if len(error.message) <= 80 else error.message[:79] + "…"
    return f"{BANNER} (line {error.span.line}: {message})"


class EditGuard(QObject):
    """Follows the document: sets the view's banner and the commands' enabled state.

    ``allowed(what)`` is the question every structural command asks first; on broken
    text it emits ``refused`` with the message (the window shows it in the status bar).
    """

    refused = Signal(str)

    def __init__(self, document: Document, view: DiagramView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.view = view
        self._actions: list[QAction] = []
        self._message: str | None = None
        document.parsed.connect(self._on_parsed)
        if document.result is not None:
            self._on_parsed(document.result)

    @property
    def message(self) -> str | None:
        return self._message

    def guard(self, actions: list[QAction]) -> None:
        """Turn these actions off while the text does not parse."""
        self._actions.extend(actions)
        self._apply()

    def allowed(self, what: str = "edit the diagram") -> bool:
        result = self.document.reparse_now()
        message = refusal_message(result)
        if message is None:
            return True
        self.refused.emit(f"Cannot {what}. {message}")
        return False

    def _on_parsed(self, result: ParseResult) -> None:
        message = refusal_message(result)
        if message == self._message:
            return
        self._message = message
        self.view.stale_message = message or ""
        self.view.viewport().update()
        self._apply()

    def _apply(self) -> None:
        for action in self._actions:
            action.setEnabled(self._message is None)
