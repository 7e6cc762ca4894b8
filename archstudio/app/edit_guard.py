"""While the text does not parse, the canvas says so and structural edits wait.

The canvas then shows the last diagram that parsed; its shapes no longer match the text,
so creating, connecting, deleting or pasting could only guess where to write. The guard
puts the first syntax error in the view's banner ("The text has errors — fix them to
edit the diagram (syntax error on line 12: …)") and says the same in the status bar
whenever a canvas edit is refused meanwhile (the context menus grey their edit entries
out by its ``message``). Nothing is lost: the text is never touched, and the edit can be
made once it is fixed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal, SignalInstance

from archstudio.app.documents import Document, ParseResult
from archstudio.canvas import DiagramView
from archstudio.canvas.gestures import KIND_MIME_TYPE
from archstudio.model import Diagnostic

BANNER = "The text has errors — fix them to edit the diagram"

# what each of the view's requests would have done, for the refusal message
REQUESTS = {
    "sig_create_requested": "add an element",
    "sig_connect_requested": "connect",
    "sig_move_requested": "move",
    "sig_resize_requested": "resize",
    "sig_label_requested": "rename",
    "sig_relation_kind_requested": "change the relation's kind",
    "sig_reconnect_requested": "reconnect",
    "sig_delete_requested": "delete",
}


def first_syntax_error(result: ParseResult) -> Diagnostic | None:
    """The earliest error that stops the text from being understood (E1xx); a block
    left open (E103) is usually the echo of another error, so it comes last."""
    errors = [d for d in result.model.diagnostics if d.is_error and d.code.startswith("E1")]
    return min(errors, key=lambda d: (d.code == "E103", d.span.start), default=None)


def refusal_message(result: ParseResult) -> str | None:
    """Why structural edits are off, with the first error's line; None when they are on."""
    if not result.stale:
        return None
    error = first_syntax_error(result)
    if error is None:
        return BANNER
    message = error.message if len(error.message) <= 80 else error.message[:79] + "…"
    return f"{BANNER} (syntax error on line {error.span.line}: {message})"


class EditGuard(QObject):
    """Follows the document: sets the view's banner and explains refusals.

    ``allowed(what)`` is the question every structural command asks first; on broken
    text it emits ``refused`` with the message (the window shows it in the status bar).
    """

    refused = Signal(str)

    def __init__(self, document: Document, view: DiagramView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.view = view
        self._message: str | None = None
        document.parsed.connect(self._on_parsed)
        view.viewport().installEventFilter(self)
        for name, what in REQUESTS.items():
            signal = getattr(view, name, None)
            if signal is not None:
                signal.connect(lambda _request, what=what: self._on_request(what))
        if document.result is not None:
            self._on_parsed(document.result)

    @property
    def message(self) -> str | None:
        return self._message

    def explain(self, status: SignalInstance) -> None:
        """Follow a controller's status messages: a refusal ("Cannot connect: ...")
        made while the text is broken is repeated with the banner's words and line."""
        status.connect(self._on_status)

    def _on_request(self, what: str) -> None:
        if self._message is not None:
            self.refused.emit(f"Cannot {what}. {self._message}")

    def _on_status(self, message: str) -> None:
        if self._message is not None and message.startswith("Cannot ") and \
                self._message not in message:
            self.refused.emit(f"{message.split(':')[0]}. {self._message}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A palette entry dragged over a canvas that cannot take it says why."""
        if event.type() == QEvent.Type.DragEnter and self._message is not None:
            data = event.mimeData()
            if data is not None and data.hasFormat(KIND_MIME_TYPE):
                self.refused.emit(f"Cannot add an element here. {self._message}")
        return False

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
