"""Arrange menu: Auto-arrange in a chosen direction (or the one that suits the window) and
Tidy (pinned elements stay, the rest is laid out around them). Each writes the result
into the file's ``layout`` section as one undo step."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMainWindow, QMenu

from archstudio.app.arrange_job import BACKGROUND_FROM, ArrangeJob, compute_arrangement

DIRECTION_ITEMS = (
    ("auto", "&Automatic", "The direction that fits the window best"),
    ("LR", "&Left to Right", "Relations flow rightwards"),
    ("TB", "&Top to Bottom", "Relations flow downwards"),
    ("RL", "&Right to Left", "Relations flow leftwards"),
    ("BT", "&Bottom to Top", "Relations flow upwards"),
)


def window_aspect(window: QMainWindow) -> float:
    """Width/height of the canvas, which the automatic direction aims to fill."""
    viewport = window.view.viewport()
    width, height = viewport.width(), viewport.height()
    return width / height if width > 0 and height > 0 else 16 / 9


def run_arrangement(window: QMainWindow, direction: str = "auto", tidy: bool = False) -> None:
    """Lay out (all, or for Tidy the unpinned elements) and write it as one edit."""
    result = window.document.reparse_now()
    title = "Cannot tidy" if tidy else "Cannot arrange"
    if result.stale:
        window.prompts.error(title, "Fix the syntax errors first (see Problems).")
        return
    aspect = window_aspect(window)
    if len(result.model.elements) < BACKGROUND_FROM:
        window._arrangement_ready(compute_arrangement(result.model, direction, aspect, tidy))
        return
    window.statusBar().showMessage("Arranging…")
    window._arrange_job = ArrangeJob(result.model, direction, aspect, tidy)
    window._arrange_job.signals.finished.connect(window._arrangement_ready)
    QThreadPool.globalInstance().start(window._arrange_job)


def install(window: QMainWindow) -> QMenu:
    """Put the direction submenu and Tidy into the Arrange menu (in place of the plain
    Auto-arrange item, which stays on the toolbar and its shortcut: automatic direction)."""
    arrange_menu = next(a.menu() for a in window.menuBar().actions()
                        if a.text().replace("&", "") == "Arrange")
    plain = window.commands.auto_arrange
    submenu = QMenu("&Auto-arrange", window)
    submenu.setObjectName("autoArrangeMenu")
    for direction, text, tip in DIRECTION_ITEMS:
        action = submenu.addAction(text)
        action.setObjectName(f"autoArrange{direction}")
        action.setStatusTip(tip)
        action.triggered.connect(lambda _=False, d=direction: run_arrangement(window, d))
    arrange_menu.insertMenu(plain, submenu)
    arrange_menu.removeAction(plain)
    tidy = arrange_menu.addAction("&Tidy")
    tidy.setObjectName("tidy")
    tidy.setStatusTip("Keep the elements placed in the file; lay out the others around them")
    tidy.triggered.connect(lambda: run_arrangement(window, tidy=True))
    window.tidy_action = tidy
    return submenu
