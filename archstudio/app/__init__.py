"""The desktop app: main window, DSL editor, panels, files, settings and recovery.

``MainWindow``, ``main`` and ``run`` are loaded on first use, so a module of the app that
needs no Qt (``ahead``, which runs before Qt is loaded) can be imported on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archstudio.app.entry import main, run
    from archstudio.app.main_window import MainWindow

__all__ = ["MainWindow", "main", "run"]


def __getattr__(name: str):
    if name in ("main", "run"):
        from archstudio.app import entry

        return getattr(entry, name)
    if name == "MainWindow":
        from archstudio.app.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'archstudio.app' has no attribute {name!r}")
