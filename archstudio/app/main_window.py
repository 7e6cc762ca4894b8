"""The main window: canvas in the centre, the DSL editor and the panels docked around it.

The window composes; the work is elsewhere: :class:`Document` turns text into a model and
boxes, :class:`FileCommands` guards files and recovery, and the panels only show. The one
rule it keeps itself is selection: canvas, outline and text cursor always agree.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QWidget

from archstudio.app import ahead, arrange_menu
from archstudio.app.actions import build_menus, create_actions
from archstudio.app.after_frame import AfterFrame
from archstudio.app.arrange_job import ArrangeJob, positions_edits
from archstudio.app.canvas_commands import attach as attach_canvas_commands
from archstudio.app.canvas_edits import attach as attach_canvas_editing
from archstudio.app.documents import Document, ParseResult
from archstudio.app.dsl_editor import DslEditor
from archstudio.app.file_commands import FileCommands
from archstudio.app.find_replace import install as install_find_bar
from archstudio.app.generate_menu import install as install_generate_menu
from archstudio.app.help_menu import install as install_help
from archstudio.app.interop_commands import install as install_interop
from archstudio.app.keyboard import install as install_keyboard
from archstudio.app.opening import open_after_first_paint
from archstudio.app.panels import OutlineTree, Palette, ProblemsList, PropertiesPanel
from archstudio.app.panels.lesson_session import install as install_lessons
from archstudio.app.parsing import quick_fixes
from archstudio.app.prompts import Prompts
from archstudio.app.recovery import RecoveryStore
from archstudio.app.selection_edits import attach as attach_selection_editing
from archstudio.app.settings import AppSettings, config_dir
from archstudio.app.steady_label import SteadyLabel
from archstudio.app.typing_aids import install as install_typing_aids
from archstudio.app.ui_theme import THEMES, apply_ui_theme
from archstudio.canvas import DiagramScene, DiagramView
from archstudio.canvas.dangling import DanglingRelations
from archstudio.canvas.gestures import select_all
from archstudio.interop import export_format_for
from archstudio.io import ExportError, export
from archstudio.model import Diagnostic
from archstudio.render import DARK, LIGHT


class MainWindow(QMainWindow):
    def __init__(self, path: str | None = None, *, prompts: Prompts | None = None,
                 settings: AppSettings | None = None, open_later: bool = False) -> None:
        """``open_later``: paint the window first and open ``path`` right after."""
        super().__init__()
        if path and not open_later:
            ahead.start_for(path)  # a big file laid out while the window is built
        self.setObjectName("mainWindow")
        self.settings = settings or AppSettings()
        self.prompts = prompts or Prompts(self)
        theme = THEMES[self.settings.theme()]
        self.view = DiagramView()  # owns its scene, so the scene outlives the view's paints
        self.scene: DiagramScene = self.view.diagram_scene
        self.scene.set_theme(DARK if theme.name == "dark" else LIGHT)
        self.view.setObjectName("canvasView")
        self.setCentralWidget(self.view)
        self.editor = DslEditor(theme.editor)
        self.problems = ProblemsList()
        self.outline = OutlineTree()
        self.properties = PropertiesPanel()
        self.palette_panel = Palette()
        self.document = Document(self.editor, self)
        self.document.rule_overrides = self.settings.rule_overrides()
        self.recovery = RecoveryStore(config_dir() / "recovery")
        self.files = FileCommands(self, self.document, self.settings, self.recovery)
        self._selected: list[str] = []
        self._arrange_job: ArrangeJob | None = None
        self._shown_once = False
        docks = self._build_docks()
        self.commands = create_actions(self)
        self.recent_menu = QMenu("Open &Recent", self)
        build_menus(self, self.commands, self.recent_menu, [d.toggleViewAction() for d in docks])
        self.auto_arrange_menu = arrange_menu.install(self)  # directions, Tidy
        self.commands.dark_theme.setChecked(theme.name == "dark")
        self.generate_commands = install_generate_menu(self)
        # the panels and the text follow a drop's frame on the canvas
        self.after_frame = AfterFrame(self.view.viewport(), (self.editor,))
        self.canvas_edits, self.gestures = attach_canvas_editing(self)
        self.dangling = DanglingRelations(self.scene)  # relations to unknown names
        self.canvas_commands = attach_canvas_commands(self)  # clipboard, menus, guard
        self.selection_edits = attach_selection_editing(self, self.canvas_edits)
        self.keyboard = install_keyboard(self)  # focus, Insert menu, context-menu key
        self.find_bar = install_find_bar(self)
        self.typing_aids = install_typing_aids(self.editor)
        self.help = install_help(self)
        self.lessons = install_lessons(self)  # the Lessons dock and Help → Lessons
        self.commands.snap_to_grid.setChecked(self.settings.snap_to_grid())
        self._build_status_bar()
        self._connect()
        self.interop = install_interop(self)  # File → Import…, text exports, file drops
        self._refresh_recent()
        self.resize(QSize(1500, 920))
        if self.settings.geometry() is not None:
            self.restoreGeometry(self.settings.geometry())
        if self.settings.window_state() is not None:
            self.restoreState(self.settings.window_state())
        self.opening = open_after_first_paint(self, path) if path and open_later else None
        if self.opening is None and not (path and self.files.open_path(path)):
            self.files.new()  # offers untitled work a crashed session left
        if self.opening is None:
            self._update_title()

    # -- construction ------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> list[QDockWidget]:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        editor = self._dock("Text", "editorDock", self.editor, right)
        properties = self._dock("Properties", "propertiesDock", self.properties, right)
        palette = self._dock("Palette", "paletteDock", self.palette_panel, left)
        outline = self._dock("Outline", "outlineDock", self.outline, left)
        problems = self._dock("Problems", "problemsDock", self.problems,
                              Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(editor, properties, Qt.Orientation.Vertical)
        self.splitDockWidget(palette, outline, Qt.Orientation.Vertical)
        self._docks = [editor, properties, palette, outline, problems]
        return self._docks

    def _default_dock_sizes(self) -> None:
        """Canvas first: the text beside it, panels narrow (until the person moves them)."""
        editor, properties, palette, outline, problems = self._docks
        width = self.width()
        self.resizeDocks([editor, palette], [max(380, width * 30 // 100), 312],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([editor, properties], [3, 1], Qt.Orientation.Vertical)
        self.resizeDocks([palette, outline], [290, 400], Qt.Orientation.Vertical)
        self.resizeDocks([problems], [130], Qt.Orientation.Vertical)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.settings.window_state() is None:
                QTimer.singleShot(0, self._default_dock_sizes)
            QTimer.singleShot(120, self.view.fit_to_window)  # once the docks have settled

    def _build_status_bar(self) -> None:
        # (a label that resizes lays out the whole window)
        self.position_label = SteadyLabel("Ln 00000, Col 000")
        self.summary_label = SteadyLabel("0000 elements · 0000 relations · 00 errors")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.statusBar().addPermanentWidget(self.position_label)

    def _connect(self) -> None:
        self.document.parsed.connect(self._on_parsed)
        self.document.parsed_before_layout.connect(self._before_layout)
        self.document.diagnostics_changed.connect(self._on_diagnostics)
        self.document.path_changed.connect(self._update_title)
        self.editor.document().modificationChanged.connect(self._update_title)
        self.editor.undoAvailable.connect(self.commands.undo.setEnabled)
        self.editor.redoAvailable.connect(self.commands.redo.setEnabled)
        self.editor.cursor_offset_changed.connect(self._on_cursor_moved)
        self.scene.selection_changed.connect(self._on_canvas_selection)
        self.outline.selection_changed.connect(self._on_outline_selection)
        self.problems.sig_jump_requested.connect(self.jump_to)
        self.problems.sig_fix_requested.connect(self.apply_quick_fix)
        self.problems.set_fix_provider(self._fixes_for)
        self.editor.sig_fix_requested.connect(self.apply_quick_fix)
        self.editor.set_fix_provider(self._fixes_for)
        self.files.recent_changed.connect(self._refresh_recent)
        self.files.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.files.loaded.connect(self.show_whole_document)

    # -- file commands (menu slots) ----------------------------------------------------
    def new_document(self) -> bool:
        return self.files.new()

    def open_dialog(self) -> bool:
        return self.files.open_dialog()

    def open_path(self, path: str) -> bool:
        return self.files.open_path(path)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def export_dialog(self, selection: bool = False) -> bool:
        base = Path(self.document.path).with_suffix(".png") if self.document.path else Path(
            "diagram.png")
        path = self.prompts.export_path(str(base))
        return self.export_to(path, selection) if path else False

    def export_selection_dialog(self) -> bool:
        return self.export_dialog(selection=True)

    def export_to(self, path: str, selection: bool = False) -> bool:
        """Export the diagram, or the selected elements (always in the light theme,
        never the live view)."""
        if export_format_for(path):  # DOT, Mermaid, Structurizr, D2, LikeC4, PlantUML
            return self.interop.export_text_to(path, selection)
        result = self.document.reparse_now()
        only = [q for q in self._selected if q in result.shown.elements] if selection else None
        if selection and not only:
            self.prompts.error("Nothing selected", "Select elements to export first.")
            return False
        notes: list[str] = []  # a PNG too large for one image is written smaller
        try:
            export(result.shown, result.boxes, path, only=only, note=notes.append,
                   drawing=self.scene.drawing if only is None else None)
        except (ExportError, OSError, ValueError) as exc:
            self.prompts.error("Cannot export", f"Cannot export to {path}: {exc}")
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        if notes:  # the picture is not what was asked for: say so, and what helps
            self.prompts.inform("Exported smaller", "\n\n".join(
                n.removeprefix("note: ") for n in notes))
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.close():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        event.accept()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for index, path in enumerate(recent, start=1):
            action = QAction(f"&{index} {Path(path).name}  —  {Path(path).parent}", self)
            action.setData(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
            self.recent_menu.addAction(action)
        if recent:
            self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear Recent Files", self._clear_recent)
        clear.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._refresh_recent()

    # -- view commands ---------------------------------------------------------------
    def zoom_in(self) -> None:
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self.view.zoom_out()

    def fit(self) -> None:
        self.view.fit_to_window()

    def show_whole_document(self) -> None:
        """After New or Open: the whole diagram in view (an empty one at 100 %, its
        origin near the top-left corner), never the previous file's zoom and scroll."""
        self.document.reparse_now()
        if self.scene.content_rect().isEmpty():
            self.view.reset_zoom()
            viewport = self.view.viewport().rect()
            self.view.center_on(QPointF(viewport.width() / 2 - 40, viewport.height() / 2 - 40))
        else:
            self.view.fit_to_window()

    def set_dark_theme(self, dark: bool) -> None:
        theme = THEMES["dark" if dark else "light"]
        self.settings.set_theme(theme.name)
        apply_ui_theme(QApplication.instance(), theme.name)
        self.editor.set_colors(theme.editor)
        self.scene.set_theme(DARK if dark else LIGHT)

    def rule_settings(self) -> None:
        """Ask for rule severities; remember them and check the text again at once."""
        chosen = self.prompts.rule_severities(self.settings.rule_overrides())
        if chosen is not None:
            self.settings.set_rule_overrides(chosen)
            self.document.set_rule_overrides(chosen)

    def set_snap_to_grid(self, on: bool) -> None:
        self.settings.set_snap_to_grid(on)
        self.gestures.set_snap(on)

    def select_all(self) -> None:
        """Everything on the canvas, unless the text editor has the focus."""
        if self.editor.hasFocus():
            self.editor.selectAll()
        else:
            select_all(self.view)

    def auto_arrange(self) -> None:
        """Lay everything out afresh, in the direction that suits the window (one undo)."""
        arrange_menu.run_arrangement(self, "auto")

    def _arrangement_ready(self, boxes: dict) -> None:
        self._arrange_job = None
        result = self.document.reparse_now()  # the person may have typed meanwhile
        if result.stale:
            self.statusBar().showMessage("Auto-arrange dropped: the text has syntax errors", 5000)
            return
        self.editor.apply_edits(positions_edits(self.editor.text(), result.model, boxes))
        self.document.reparse_now()
        self.view.fit_to_window()
        self.statusBar().showMessage("Arranged", 3000)

    # -- parse results and problems ----------------------------------------------------
    def _on_parsed(self, result: ParseResult) -> None:
        before = self.scene.boxes.keys()
        self.scene.show_model(result.shown, result.boxes)
        new = [q for q in result.boxes if q not in before] if before else []
        if 0 < len(new) <= 3:  # typed or pasted: show where it went
            item = self.scene.element_item(new[-1])
            if item is not None:
                self.view.ensureVisible(item, 40, 40)
        self.scene.set_stale(result.stale)
        self.gestures.after_update(self.view)
        self.dangling.show(result.shown, result.boxes)
        # at once, unless a drop is being made; while typing, after the canvas's frame
        later = self.after_frame.run if result.settled else self.after_frame.after_paint
        later("outline", lambda: self.outline.show_model(result.shown))
        self._selected = [q for q in self._selected if q in result.shown.elements]
        later("selection", lambda: self._show_selection(reveal=False))
        if result.settled:  # while typing, problems and underlines wait for the pause
            later("diagnostics", lambda: self._on_diagnostics(result))

    def _before_layout(self, model) -> None:
        """The file's layout is still being made elsewhere: fill what needs no boxes."""
        self.outline.show_model(model)
        self.scene.prepare(model)

    def _on_diagnostics(self, result: ParseResult) -> None:
        self.problems.set_diagnostics(result.diagnostics, result.stale, not result.checked)
        self.editor.set_diagnostics(result.diagnostics)
        errors = sum(d.is_error for d in result.diagnostics)
        elements, relations = len(result.shown.elements), len(result.shown.relations)
        self.summary_label.setText(
            f"{elements} element{'s' if elements != 1 else ''} · "
            f"{relations} relation{'s' if relations != 1 else ''} · "
            + (f"{errors} error{'s' if errors != 1 else ''}" if errors else "no errors")
            + ("  ·  diagram out of date" if result.stale else ""))

    def _fixes_for(self, diagnostic: Diagnostic) -> list:
        result = self.document.reparse_now()
        return quick_fixes(self.editor.text(), result.model, diagnostic)

    def apply_quick_fix(self, fix) -> None:
        self.editor.apply_edits(list(fix.edits))
        self.document.reparse_now()

    def jump_to(self, diagnostic: Diagnostic) -> None:
        """Put the cursor on the problem; that also selects the element there."""
        self.editor.go_to(diagnostic.span.start)
        self.editor.setFocus()

    # -- selection: canvas, outline and text cursor agree ------------------------------
    def _on_canvas_selection(self, keys: list[str]) -> None:
        self._select(keys, source="canvas")

    def _on_outline_selection(self, qnames: list[str]) -> None:
        self._select(qnames, source="outline")

    def _show_cursor_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(
            f"Ln {cursor.blockNumber() + 1}, Col {cursor.positionInBlock() + 1}")

    def _on_cursor_moved(self, offset: int) -> None:
        self._show_cursor_position()
        result = self.document.result
        if result is None or result.stale or not self.document.up_to_date:
            return
        element = result.model.element_at(offset)
        if element is not None:
            keys = [element.qname]
        else:
            relation = result.model.relation_at(offset)
            keys = [relation.key] if relation is not None else []
        if keys != self._selected:
            self._select(keys, source="text")

    def select_keys(self, keys: list[str]) -> None:
        """Select what a canvas edit made or moved, everywhere."""
        self._select(keys, source="edit")

    def _select(self, keys: list[str], source: str) -> None:
        self._selected = list(keys)
        if source != "canvas":
            self.scene.select(keys)
            if source == "outline" and keys and self.scene.element_item(keys[0]) is not None:
                self.view.ensureVisible(self.scene.element_item(keys[0]), 40, 40)
        later = self.after_frame.run  # (at once, unless a drop is being made)
        if source != "outline":
            later("outline selection", lambda: self.outline.select(keys))
        later("selection", lambda: self._show_selection(reveal=source != "text"))

    def _show_selection(self, reveal: bool) -> None:
        result = self.document.result
        model = result.shown if result is not None else None
        first = self._selected[0] if self._selected else None
        self.properties.show_element(model, first)
        span = None
        if model is not None and first is not None and result is not None and not result.stale:
            if first in model.elements:
                span = model.elements[first].span
            else:
                span = next((r.span for r in model.relations if r.key == first), None)
        self.editor.highlight_statement(span, reveal=reveal)
        self._show_cursor_position()

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — ArchStudio")
        self.setWindowModified(self.document.modified)
