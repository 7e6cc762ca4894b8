"""Starting the desktop app: ``archstudio-gui [FILE]`` and ``archstudio open FILE``."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from archstudio import __version__
from archstudio.app import ahead, instance
from archstudio.app.settings import APPLICATION, ORGANISATION, AppSettings
from archstudio.app.ui_theme import apply_ui_theme

ICON = Path(__file__).resolve().parents[1] / "resources" / "archstudio.svg"


def application() -> QApplication:
    """The one QApplication, named so QSettings and the desktop file agree."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("archstudio")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    apply_ui_theme(app, AppSettings().theme())
    return app


def run(path: str | None = None) -> int:
    """Show a window on ``path`` (or a new document) and run until it closes."""
    app = application()
    from archstudio.app.main_window import MainWindow
    from archstudio.app.opening import warm_up_for

    if path and instance.enabled() and instance.hand_over([path]):
        return 0  # a running ArchStudio opens it in a new window
    warm_up_for(path)  # the routing helper loads while this process builds the window
    window = MainWindow(path, open_later=True)  # painted first, the file opened right after
    # the file-open handler now; the hand-over server once the file is shown
    handlers = instance.serve_after_paint(app, window.view.viewport())  # noqa: F841
    if window.settings.geometry() is None:  # first run: the whole screen; later, the last size
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
    else:
        window.show()
    if window.opening is None:  # no file to open: the collector runs again at once
        QTimer.singleShot(0, ahead.resume_collector)
    if os.environ.get("ARCHSTUDIO_REPORT_FIRST_PAINT"):
        report = FirstPaint(window)  # noqa: F841  (the launch benchmark's stopwatch)
    return app.exec()


class FirstPaint(QObject):
    """With ``ARCHSTUDIO_REPORT_FIRST_PAINT=1``: print to stderr, as epoch seconds, when
    the canvas first painted at all (``window-paint``), with the diagram's shapes on it
    (``first-paint``) and with its lines too (``lines-paint``), then quit (what the
    launch benchmark measures; set to ``shapes``, it quits once the shapes painted)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.said: set[str] = set()
        window.view.viewport().installEventFilter(self)

    def _say(self, what: str) -> None:
        if what not in self.said:
            self.said.add(what)
            print(f"{what} {time.time():.4f}", file=sys.stderr, flush=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Paint:
            return False
        self._say("window-paint")
        scene = self.window.scene
        if scene.element_items() or (not self.window.document.path
                                     and self.window.opening is None):
            self._say("first-paint")
            if not scene.routing_pending:
                self._say("lines-paint")
            if "lines-paint" in self.said or os.environ.get(
                    "ARCHSTUDIO_REPORT_FIRST_PAINT") == "shapes":
                watched.removeEventFilter(self)
                QTimer.singleShot(0, QApplication.instance().quit)
        return False


def main(argv: list[str] | None = None) -> int:
    """The GUI entry point: ``archstudio-gui [FILE]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [a for a in args if not a.startswith("-")]
    ahead.pause_collector()  # until the file is shown
    if paths:
        ahead.start_for(paths[0])  # a big file laid out while the window is built
    try:
        return run(paths[0] if paths else None)
    finally:
        ahead.resume_collector()
