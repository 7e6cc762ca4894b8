"""The desktop app: main window, DSL editor, panels, files, settings and recovery."""

from archstudio.app.entry import main, run
from archstudio.app.main_window import MainWindow

__all__ = ["MainWindow", "main", "run"]
