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
from archstudio.app import instance
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
    from archstudio.app.main_window import MainWindow

    app = application()
    if path and instance.enabled() and instance.hand_over([path]):
        return 0  # a running ArchStudio opens it in a new window
    handlers = instance.serve(app)  # noqa: F841  (kept alive while the app runs)
    window = MainWindow(path)
    if window.settings.geometry() is None:  # first run: the whole screen; later, the last size
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
    else:
        window.show()
    if os.environ.get("ARCHSTUDIO_REPORT_FIRST_PAINT"):
        report = FirstPaint(window)  # noqa: F841  (the launch benchmark's stopwatch)
    return app.exec()


class FirstPaint(QObject):
    """With ``ARCHSTUDIO_REPORT_FIRST_PAINT=1``: print ``first-paint <epoch seconds>`` to
    stderr when the canvas is first painted with the diagram on it, then quit (what the
    launch benchmark measures)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and (
                self.window.scene.element_items() or not self.window.document.path):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print(f"first-paint {time.time():.4f}",
                                                file=sys.stderr, flush=True),
                                          QApplication.instance().quit()))
        return False


def main(argv: list[str] | None = None) -> int:
    """The GUI entry point: ``archstudio-gui [FILE]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [a for a in args if not a.startswith("-")]
    return run(paths[0] if paths else None)
