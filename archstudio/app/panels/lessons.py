"""The Lessons panel: the track by topic and difficulty, and the lesson being taken with
its checks, hints and buttons.

It only shows and asks: opening a lesson, revealing the solution and the rest are
requests that :mod:`lesson_session` carries out on the document. Lesson text comes from
files anyone may write, so every label is plain text and tooltips are escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # (the lessons themselves are read when the dock first shows)
    from archstudio.lessons import CheckResult, Lesson

_ROLE = Qt.ItemDataRole.UserRole
_LEVELS = {"beginner": 0, "intermediate": 1, "advanced": 2}
PASSED, FAILED = "✓", "○"


def _plain_label(text: str = "", *, wrap: bool = True, name: str | None = None) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # lesson text is never markup
    label.setWordWrap(wrap)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _dark(widget: QWidget) -> bool:
    return widget.palette().window().color().lightness() < 128


class LessonsPanel(QWidget):
    sig_open_requested = Signal(object)  # Lesson
    sig_hint_requested = Signal()
    sig_solution_requested = Signal()
    sig_reset_requested = Signal()
    sig_next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsPanel")
        self.lesson: Lesson | None = None
        self.results: list[CheckResult] = []
        self._finished: str | None = None
        self._catalogue: tuple[tuple[Lesson, ...], set[str]] = ((), set())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_catalogue())
        self.stack.addWidget(self._build_lesson_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- the catalogue -----------------------------------------------------------------
    def _build_catalogue(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        intro = _plain_label("Learn architecture by drawing it. Each lesson gives you a "
                             "starting diagram and goals that tick as you work.")
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setObjectName("lessonsTree")
        self.tree.setHeaderLabels(["Lesson", "Level", "Time"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_start_button())
        layout.addWidget(self.tree, 1)
        self.progress_label = _plain_label(name="lessonsProgress")
        layout.addWidget(self.progress_label)
        self.start_button = QPushButton("Start lesson")
        self.start_button.setObjectName("startLessonButton")
        self.start_button.clicked.connect(self._start_current)
        layout.addWidget(self.start_button)
        self._update_start_button()
        return page

    def set_lessons(self, lessons: tuple[Lesson, ...], completed: set[str]) -> None:
        """Group the lessons by topic (in track order), easiest first within a topic."""
        self._catalogue = (lessons, set(completed))
        current = self.tree.currentItem()
        current_name = current.data(0, _ROLE).name if current and current.data(0, _ROLE) \
            else None
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        order = {lesson.name: index for index, lesson in enumerate(lessons)}
        topics: dict[str, int] = {}
        for index, lesson in enumerate(lessons):
            topics.setdefault(lesson.topic, index)
        for lesson in sorted(lessons, key=lambda le: (
                topics[le.topic], _LEVELS.get(le.difficulty, 3), order[le.name])):
            group = groups.get(lesson.topic)
            if group is None:
                group = QTreeWidgetItem([lesson.topic.capitalize(), "", ""])
                font = QFont(group.font(0))
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                groups[lesson.topic] = group
            done = lesson.name in completed
            item = QTreeWidgetItem([f"{PASSED if done else '  '} {lesson.title}",
                                    lesson.difficulty, lesson.estimated_time or ""])
            item.setData(0, _ROLE, lesson)
            item.setToolTip(0, html.escape(lesson.summary)
                            + ("<br><b>Completed</b>" if done else ""))
            if done:
                item.setForeground(0, QBrush(self._pass_colour()))
            group.addChild(item)
            if lesson.name == current_name:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        if self.tree.currentItem() is None:  # ready to start: the first lesson not done yet
            first = next((i for i in self.lesson_items()
                          if i.data(0, _ROLE).name not in completed), None)
            self.tree.setCurrentItem(first or (self.lesson_items() or [None])[0])
        count = sum(lesson.name in completed for lesson in lessons)
        self.progress_label.setText(f"{count} of {len(lessons)} lessons completed")
        self._update_start_button()

    def lesson_items(self) -> list[QTreeWidgetItem]:
        out = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            out += [group.child(i) for i in range(group.childCount())]
        return out

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        lesson = item.data(0, _ROLE)
        if lesson is not None:
            self.sig_open_requested.emit(lesson)

    def _start_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item)

    def _update_start_button(self) -> None:
        item = self.tree.currentItem()
        self.start_button.setEnabled(item is not None and item.data(0, _ROLE) is not None)

    def show_catalogue(self) -> None:
        self.stack.setCurrentIndex(0)

    # -- the lesson being taken --------------------------------------------------------
    def _build_lesson_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(6)
        self.back_button = QPushButton("← All lessons")
        self.back_button.setObjectName("allLessonsButton")
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.show_catalogue)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        layout.addLayout(back_row)
        self.title_label = _plain_label(name="lessonTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.meta_label = _plain_label(name="lessonMeta")
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.meta_label)
        self.summary_label = _plain_label(name="lessonSummary")
        layout.addWidget(self.summary_label)

        self.done_label = _plain_label(name="lessonDone")
        self.done_label.setContentsMargins(8, 6, 8, 6)
        self.done_label.hide()
        layout.addWidget(self.done_label)

        checks_row = QHBoxLayout()
        heading = _plain_label("Goals", wrap=False)
        heading.setFont(self._bold(heading))
        checks_row.addWidget(heading)
        self.progress = QProgressBar()
        self.progress.setObjectName("lessonProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v of %m")
        self.progress.setMaximumHeight(16)
        checks_row.addWidget(self.progress, 1)
        layout.addLayout(checks_row)
        self.checks_list = QListWidget()
        self.checks_list.setObjectName("lessonChecks")
        self.checks_list.setWordWrap(True)
        self.checks_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.checks_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checks_list.setSpacing(1)
        layout.addWidget(self.checks_list)

        hints_heading = _plain_label("Hints", wrap=False)
        hints_heading.setFont(self._bold(hints_heading))
        layout.addWidget(hints_heading)
        self.hints_label = _plain_label(name="lessonHints")
        layout.addWidget(self.hints_label)
        self.hint_button = QPushButton()
        self.hint_button.setObjectName("hintButton")
        self.hint_button.clicked.connect(self.sig_hint_requested)
        layout.addWidget(self.hint_button)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(10, 6, 10, 8)
        self.solution_button = QPushButton("Show solution")
        self.solution_button.setObjectName("solutionButton")
        self.solution_button.setToolTip("Replace the text with the solution (Ctrl+Z undoes it)")
        self.solution_button.clicked.connect(self.sig_solution_requested)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setObjectName("resetButton")
        self.reset_button.setToolTip("Start again from the lesson's starting text")
        self.reset_button.clicked.connect(self.sig_reset_requested)
        self.next_button = QPushButton("Next lesson →")
        self.next_button.setObjectName("nextLessonButton")
        self.next_button.clicked.connect(self.sig_next_requested)
        buttons.addWidget(self.solution_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)  # below the scrolled part: always in reach
        return page

    @staticmethod
    def _bold(label: QLabel) -> QFont:
        font = QFont(label.font())
        font.setBold(True)
        return font

    def _pass_colour(self) -> QColor:
        return QColor("#3fb950" if _dark(self) else "#1a7f37")

    def show_lesson(self, lesson: Lesson, has_next: bool) -> None:
        self.lesson = lesson
        self.title_label.setText(lesson.title)
        facts = [lesson.difficulty.capitalize(), lesson.topic]
        if lesson.estimated_time:
            facts.append(lesson.estimated_time)
        self.meta_label.setText("  ·  ".join(facts))
        self.summary_label.setText(lesson.summary)
        self.next_button.setEnabled(has_next)
        self.show_hints(0)
        self.show_results([], finished=None)
        self.stack.setCurrentIndex(1)

    def show_hints(self, count: int) -> None:
        """The first ``count`` hints, and a button for the next one."""
        hints = self.lesson.hints if self.lesson else ()
        count = min(count, len(hints))
        self.hints_label.setText("\n".join(f"{n}. {h}" for n, h in
                                           enumerate(hints[:count], start=1)))
        self.hints_label.setVisible(count > 0)
        if not hints:
            self.hint_button.setText("This lesson has no hints")
        elif count < len(hints):
            self.hint_button.setText(f"Show a hint ({count + 1} of {len(hints)})")
        else:
            self.hint_button.setText("No more hints")
        self.hint_button.setEnabled(count < len(hints))

    def show_results(self, results: list[CheckResult], finished: str | None) -> None:
        """Tick the checks; ``finished`` is the sentence to show when all pass."""
        self.results = list(results)
        self._finished = finished
        checks = self.lesson.checks if self.lesson else ()
        passed_by_index = [r.passed for r in results] if results else [False] * len(checks)
        self.checks_list.clear()
        pass_colour, text_colour = self._pass_colour(), self.palette().text().color()
        for index, check in enumerate(checks):
            passed = passed_by_index[index]
            detail = results[index].detail if results and not passed else None
            text = f"{PASSED if passed else FAILED}  {check.message}"
            if detail:
                text += f"\n      {detail}"
            item = QListWidgetItem(text)
            item.setForeground(QBrush(pass_colour if passed else text_colour))
            item.setData(_ROLE, passed)
            self.checks_list.addItem(item)
        self._fit_checks_list()
        self.progress.setMaximum(max(1, len(checks)))
        self.progress.setValue(sum(passed_by_index))
        self.done_label.setVisible(finished is not None)
        if finished is not None:
            self.done_label.setText(finished)
            colour = "#1f3d29" if _dark(self) else "#dafbe1"
            self.done_label.setStyleSheet(
                f"background: {colour}; border-radius: 4px; font-weight: bold;")

    def _fit_checks_list(self) -> None:
        """As tall as its goals, so the hints follow right below them."""
        rows = sum(self.checks_list.sizeHintForRow(i) + 2 * self.checks_list.spacing()
                   for i in range(self.checks_list.count()))
        self.checks_list.setFixedHeight(min(rows + 2 * self.checks_list.frameWidth() + 4, 360))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Light or dark theme: the green of met goals follows."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            lessons, completed = self._catalogue
            if lessons:
                self.set_lessons(lessons, completed)
            if self.lesson is not None:
                self.show_results(self.results, self._finished)

    def check_states(self) -> list[bool]:
        return [bool(self.checks_list.item(i).data(_ROLE))
                for i in range(self.checks_list.count())]
