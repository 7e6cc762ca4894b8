"""Taking a lesson in the app: the Lessons dock, Help → Lessons, and the session that
ticks the checks as the learner types or draws.

The checks are judged on every parse the document announces, so they follow the same
pause as the problems list. Show solution and Reset replace the text as one undo step;
the canvas and everything else follow from the text as usual. A lesson counts as
completed (remembered in the settings) when every check passes on the learner's own
text, not on the solution Show solution put there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMenu

from archstudio.app.documents import ParseResult
from archstudio.app.panels.lessons import LessonsPanel

if TYPE_CHECKING:
    from archstudio.app.main_window import MainWindow
    from archstudio.lessons import Lesson


def _same_text(a: str, b: str) -> bool:
    return a.split() == b.split()


class LessonSession(QObject):
    completed = Signal(object)  # the Lesson, the first time the learner finishes it

    def __init__(self, window: MainWindow, panel: LessonsPanel, dock: QDockWidget) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.dock = dock
        self.lesson: Lesson | None = None
        self.hints_shown = 0
        self.solution_shown = False  # since the lesson opened or was reset
        self._lessons: tuple[Lesson, ...] = ()
        panel.sig_open_requested.connect(self.open)
        panel.sig_hint_requested.connect(self.reveal_hint)
        panel.sig_solution_requested.connect(self.show_solution)
        panel.sig_reset_requested.connect(self.reset)
        panel.sig_next_requested.connect(self.open_next)
        window.document.parsed.connect(self._on_parsed)
        # the catalogue (a dozen YAML files) is read when the dock first shows: a window
        # that never shows it starts without (a sixth of building a window, and yaml)
        self._catalogue_read = False
        dock.visibilityChanged.connect(self._on_visibility)

    def _on_visibility(self, visible: bool) -> None:
        if visible and not self._catalogue_read:
            self.refresh_catalogue()

    def refresh_catalogue(self) -> None:
        from archstudio.lessons import LessonError, bundled_lessons

        self._catalogue_read = True
        try:
            self._lessons = bundled_lessons()
        except LessonError as exc:  # a damaged installation: say so instead of crashing
            self.panel.progress_label.setText(f"The bundled lessons cannot be read: {exc}")
            return
        self.panel.set_lessons(self._lessons, self.window.settings.completed_lessons())

    # -- requests from the panel -------------------------------------------------------
    def open(self, lesson: Lesson) -> bool:
        """Load the lesson's starting text as a new document (asking about unsaved work)."""
        from archstudio.lessons import next_lesson

        if not self.window.files.new(lesson.initial_dsl):
            return False
        self.lesson = lesson
        self.hints_shown = 0
        self.solution_shown = False
        self.panel.show_lesson(lesson, has_next=next_lesson(lesson.name) is not None)
        self.reveal_dock()
        self._on_parsed(self.window.document.reparse_now())
        QTimer.singleShot(0, self.window.view.fit_to_window)  # once the docks have settled
        self.window.statusBar().showMessage(f"Lesson: {lesson.title}", 5000)
        return True

    def reveal_dock(self) -> None:
        """Show the dock in front, tall enough for the goals and hints (a lesson's text
        is short, so the text dock above it can give up some height)."""
        self._on_visibility(True)  # (a dock shown in a hidden window says nothing yet)
        self.dock.show()
        self.dock.raise_()
        editor = self.window.findChild(QDockWidget, "editorDock")
        if editor is None or self.dock.isFloating() or \
                self.window.dockWidgetArea(editor) != self.window.dockWidgetArea(self.dock):
            return
        height = editor.height() + self.dock.height()
        if self.dock.height() < height // 2:
            self.window.resizeDocks([editor, self.dock], [height // 2, height - height // 2],
                                    Qt.Orientation.Vertical)

    def reveal_hint(self) -> None:
        if self.lesson is not None:
            self.hints_shown = min(self.hints_shown + 1, len(self.lesson.hints))
            self.panel.show_hints(self.hints_shown)

    def show_solution(self) -> None:
        if self.lesson is not None:
            self.solution_shown = True
            self.window.editor.replace_all(self.lesson.solution)  # one undo step
            self.window.document.reparse_now()

    def reset(self) -> None:
        if self.lesson is not None:
            self.window.editor.replace_all(self.lesson.initial_dsl)
            self.hints_shown = 0
            self.solution_shown = False
            self.panel.show_hints(0)
            self.window.document.reparse_now()

    def open_next(self) -> bool:
        from archstudio.lessons import next_lesson

        following = next_lesson(self.lesson.name) if self.lesson is not None else None
        return self.open(following) if following is not None else False

    # -- judging -----------------------------------------------------------------------
    def _on_parsed(self, result: ParseResult) -> None:
        if self.lesson is None:
            return
        from archstudio.lessons import evaluate

        results = evaluate(self.lesson.checks, result.model)
        finished = None
        if all(r.passed for r in results):
            if self.solution_shown and _same_text(self.window.editor.text(),
                                                  self.lesson.solution):
                finished = ("Every goal is met by the solution. Reset to try it yourself, "
                            "or go on to the next lesson.")
            else:
                finished = "Well done: every goal is met. Lesson complete!"
                self._remember(self.lesson)
        self.panel.show_results(results, finished)

    def _remember(self, lesson: Lesson) -> None:
        settings = self.window.settings
        if lesson.name not in settings.completed_lessons():
            settings.set_lesson_completed(lesson.name)
            self.refresh_catalogue()
            self.window.statusBar().showMessage(f"Lesson complete: {lesson.title}", 8000)
            self.completed.emit(lesson)


def install(window: MainWindow) -> LessonSession:
    """The Lessons dock (hidden until asked for, beside the properties) and Help → Lessons."""
    panel = LessonsPanel()
    dock = QDockWidget("Lessons", window)
    dock.setObjectName("lessonsDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    properties = window.findChild(QDockWidget, "propertiesDock")
    if properties is not None:
        window.tabifyDockWidget(properties, dock)
    dock.hide()
    toggle = dock.toggleViewAction()
    toggle.setText("&Lessons")
    toggle.setStatusTip("Learn architecture by drawing it, with goals that tick as you go")
    help_menu = window.findChild(QMenu, "helpMenu") or window.menuBar().addMenu("&Help")
    separator = next((a for a in help_menu.actions() if a.isSeparator()), None)
    help_menu.insertAction(separator, toggle)  # with the reading, before About
    session = LessonSession(window, panel, dock)
    toggle.triggered.connect(lambda on: on and session.reveal_dock())
    return session
