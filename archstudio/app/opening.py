"""Opening a file once the window is on screen.

Reading, parsing and laying out a big file takes seconds; done before the window shows,
the person stares at nothing. The launcher's window therefore paints first, with a note
on the canvas saying what it is opening, and opens the file right after that first
paint. (The lines of a big diagram follow later still: see ``DiagramScene``.)
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

from archstudio.app import ahead
from archstudio.canvas.background import warm_up

BIG_FILE = 20_000  # bytes: about 150 elements, where routing in the helper starts to pay


def is_big(path: str | None) -> bool:
    """Whether the file at ``path`` is big enough to open after the window's first paint
    (a small one opens at once: a moment of "Opening…" would only flicker)."""
    try:
        return path is not None and os.path.getsize(path) >= BIG_FILE
    except OSError:
        return False


def new_window(path: str | None, **options):
    """A new window on ``path`` (``options``: MainWindow's keywords), not shown yet. A big
    file whose layout is made on the other core (``ahead``: a core to spare) opens as a
    launch opens it: the window paints first ("Opening FILE…") and opens the file after
    that paint, so its showing and first paint (a tenth of a second at 2,000 elements)
    are done while it would otherwise wait for the layout. Without that copy nothing
    runs beside the window, and painting it twice would only add to the open."""
    from archstudio.app.main_window import MainWindow

    later = is_big(path) and ahead.start_for(path)
    return MainWindow(path, open_later=later, **options)


def warm_up_for(path: str | None) -> None:
    """Start the routing helper now when ``path`` is big enough to need it (unless its
    layout is being made ahead: the helper then starts when the lines are asked for)."""
    if not ahead.pending() and is_big(path):
        warm_up()


class OpenAfterFirstPaint(QObject):
    """Opens ``path`` in ``window`` just after its canvas first painted."""

    def __init__(self, window, path: str) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self._started = False
        window.view.set_placeholder(f"Opening {Path(path).name}…")
        window.setWindowTitle(f"{Path(path).name} — ArchStudio")
        window.view.viewport().installEventFilter(self)

    @property
    def done(self) -> bool:
        return self._started and not self.window.view.placeholder

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self._started:
            self._started = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.open_now)
        return False

    def open_now(self) -> None:
        """Open the file (what the first paint would have started); a file that cannot be
        opened leaves a new document, as opening it from the menu would."""
        self._started = True
        self.window.view.viewport().removeEventFilter(self)
        try:
            if not self.window.view.placeholder:
                return  # opened already
            warm_up_for(self.path)
            self.window.view.set_placeholder("")
            if not self.window.files.open_path(self.path):
                self.window.files.new()
            self.window._update_title()
        finally:
            ahead.resume_collector()  # (paused while ``archstudio open`` started)


def open_after_first_paint(window, path: str) -> OpenAfterFirstPaint:
    return OpenAfterFirstPaint(window, path)
