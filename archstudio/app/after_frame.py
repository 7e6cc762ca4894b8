"""Work that waits for the canvas's next frame.

A drop on the canvas changes the text, the canvas, the text's highlight, the outline, the
properties and the problems list at once, and Qt draws every widget it marked in one go:
the canvas's frame (where the person is looking) was shown only after all the panels were
drawn too. While a drop is being made (:meth:`AfterFrame.held`) the panels' part is kept
back and done right after the canvas has painted the drop (or after ``MOST_MS`` when the
canvas paints nothing), so the panels follow a frame later. Outside a drop the work runs
at once, as before. While typing (:meth:`after_paint`) the panels' part of a keystroke
waits the same way, the text's own repaint not: the character typed is drawn at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

MOST_MS = 100  # work kept back is done after this long even if the canvas never paints


class AfterFrame(QObject):
    """Runs work now, or (while :meth:`held`) after the watched viewport's next paint.
    Work is named: kept-back work of the same name is replaced by the later call, and
    everything kept back runs, in order, before any work that is not."""

    def __init__(self, viewport: QWidget, quiet: tuple[QWidget, ...] = ()) -> None:
        """``quiet``: widgets a drop's edit repaints by itself (the text, whose edit marks
        its lines, gutter and scroll bar): not drawn until after the canvas's frame."""
        super().__init__(viewport)
        self._pending: dict[str, Callable[[], None]] = {}
        self._holding = 0
        self._quiet = quiet
        self._quieted: list[QWidget] = []
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MOST_MS)
        self._deadline.timeout.connect(self.flush)
        viewport.installEventFilter(self)

    @contextmanager
    def held(self) -> Iterator[None]:
        """While a drop is made: panel work waits for the canvas's frame."""
        if not self._holding and not self._quieted:
            self._quieted = [w for w in self._quiet if w.updatesEnabled()]
            for widget in self._quieted:
                widget.setUpdatesEnabled(False)
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
            if not self._holding and not self._deadline.isActive():
                self._deadline.start()  # the quiet widgets are drawn again by then

    @property
    def pending(self) -> bool:
        return bool(self._pending or self._quieted)

    def run(self, name: str, work: Callable[[], None]) -> None:
        if self._holding:
            self._pending.pop(name, None)  # the later call replaces it, and comes last
            self._pending[name] = work
            if not self._deadline.isActive():
                self._deadline.start()
            return
        self.flush()
        work()

    def after_paint(self, name: str, work: Callable[[], None]) -> None:
        """Keep ``work`` back until the canvas's next frame is drawn (or ``MOST_MS``,
        when the canvas paints nothing), as a drop's panel work is; unlike :meth:`held`
        nothing is quieted. A later call of the same name replaces it."""
        self._pending.pop(name, None)
        self._pending[name] = work
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> None:
        """Do the kept-back work now (and let the quiet widgets be drawn again)."""
        self._deadline.stop()
        quieted, self._quieted = self._quieted, []
        for widget in quieted:
            widget.setUpdatesEnabled(True)  # (drawn whole at the next frame)
        while self._pending:
            name = next(iter(self._pending))
            self._pending.pop(name)()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and (self._pending or self._quieted) \
                and not self._holding:
            # queued: runs once this paint is over and the frame is on screen
            QTimer.singleShot(0, self, self.flush)
        return False
