"""Menus, toolbar and shortcuts. The window supplies the slots; this module only wires."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    export: QAction
    export_selection: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    zoom_in: QAction
    zoom_out: QAction
    fit: QAction
    actual_size: QAction
    auto_arrange: QAction
    dark_theme: QAction
    snap_to_grid: QAction
    select_all: QAction
    rule_settings: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(window: QMainWindow, text: str, slot: Callable, shortcut, icon=None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(shortcut)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.setStatusTip(tip)
    action.setToolTip(f"{text.replace('&', '').rstrip('.')} "
                      f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                      if not action.shortcut().isEmpty() else text.replace("&", ""))
    action.triggered.connect(slot)
    return action


def create_actions(window) -> Actions:
    """``window`` is the MainWindow; every action calls one of its public methods."""
    icon = QStyle.StandardPixmap
    return Actions(
        new=_action(window, "&New", window.new_document, Key.New, icon.SP_FileIcon,
                    "Start a new architecture"),
        open=_action(window, "&Open…", window.open_dialog, Key.Open, icon.SP_DialogOpenButton,
                     "Open an .arch file"),
        save=_action(window, "&Save", window.save, Key.Save, icon.SP_DialogSaveButton,
                     "Save the file"),
        save_as=_action(window, "Save &As…", window.save_as, Key.SaveAs, None,
                        "Save under a new name"),
        export=_action(window, "&Export…", window.export_dialog, QKeySequence("Ctrl+E"), None,
                       "Export the diagram as PNG, SVG or PDF"),
        export_selection=_action(window, "Export Se&lection…", window.export_selection_dialog,
                                 QKeySequence("Ctrl+Shift+E"), None,
                                 "Export only the selected elements"),
        quit=_action(window, "&Quit", window.close, QKeySequence("Ctrl+Q"), None,
                     "Quit ArchStudio"),
        undo=_action(window, "&Undo", window.editor.undo, Key.Undo, icon.SP_ArrowBack,
                     "Undo the last change"),
        redo=_action(window, "&Redo", window.editor.redo, Key.Redo, icon.SP_ArrowForward,
                     "Redo"),
        zoom_in=_action(window, "Zoom &In", window.zoom_in, Key.ZoomIn, None, "Zoom in"),
        zoom_out=_action(window, "Zoom &Out", window.zoom_out, Key.ZoomOut, None, "Zoom out"),
        fit=_action(window, "&Fit to Window", window.fit, QKeySequence("Ctrl+1"), None,
                    "Show the whole diagram"),
        actual_size=_action(window, "&Actual Size", window.view.reset_zoom,
                            QKeySequence("Ctrl+0"), None, "Zoom to 100 %"),
        auto_arrange=_action(window, "&Auto-arrange", window.auto_arrange,
                             QKeySequence("Ctrl+Shift+L"), None,
                             "Lay out every element from scratch (one undo step)"),
        dark_theme=_action(window, "&Dark Theme", window.set_dark_theme, None, None,
                           "Switch between the light and the dark UI"),
        snap_to_grid=_action(window, "&Snap to Grid", window.set_snap_to_grid, None, None,
                             "Dragged elements land on the grid"),
        select_all=_action(window, "Select &All", window.select_all, Key.SelectAll, None,
                           "Select everything on the canvas (or all text in the editor)"),
        rule_settings=_action(window, "Architecture &Rules…", window.rule_settings, None, None,
                              "Choose how loud each architecture rule is, or switch it off"),
    )


def build_menus(window: QMainWindow, actions: Actions, recent: QMenu,
                panels: list[QAction]) -> QToolBar:
    """Menus in the usual order and a toolbar with the common commands."""
    actions.dark_theme.setCheckable(True)
    actions.snap_to_grid.setCheckable(True)
    actions.undo.setEnabled(False)
    actions.redo.setEnabled(False)
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions.new, actions.open])
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    file_menu.addActions([actions.save, actions.save_as, actions.export,
                          actions.export_selection])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.select_all)
    view_menu = bar.addMenu("&View")
    view_menu.addActions([actions.zoom_in, actions.zoom_out, actions.actual_size, actions.fit])
    view_menu.addSeparator()
    view_menu.addActions(panels)
    view_menu.addSeparator()
    view_menu.addAction(actions.dark_theme)
    view_menu.addAction(actions.snap_to_grid)
    bar.addMenu("&Arrange").addAction(actions.auto_arrange)
    bar.addMenu("&Check").addAction(actions.rule_settings)
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([actions.new, actions.open, actions.save])
    toolbar.addSeparator()
    toolbar.addActions([actions.undo, actions.redo])
    toolbar.addSeparator()
    toolbar.addActions([actions.zoom_out, actions.zoom_in, actions.fit, actions.auto_arrange])
    return toolbar
