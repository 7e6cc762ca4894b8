"""The Lessons panel driven like a learner would: open a lesson, type, watch the goals
tick, reveal hints, show the solution (one undo step), reset, go on, be remembered."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtCore import Qt
from test_app_support import FakePrompts, config_dir, make_window  # noqa: F401

from archstudio.app.prompts import Unsaved
from archstudio.app.settings import AppSettings
from archstudio.lessons import TRACK, find_lesson, parse_lesson

SEED = "connect-service-mesh"
SEED_RELATIONS = [
    'UserService -> OrderService "Creates order"',
    'OrderService -> PaymentService "Processes payment"',
    'UserService -> UserDB "Reads/Writes"',
    'OrderService -> OrderDB "Reads/Writes"',
    'PaymentService -> PaymentDB "Reads/Writes"',
]


def open_from_catalogue(window, qtbot, name: str = SEED):
    """Help → Lessons, pick the lesson in the tree, press Start lesson."""
    window.lessons.dock.toggleViewAction().trigger()
    panel = window.lessons.panel
    item = next(i for i in panel.lesson_items() if i.data(0, Qt.ItemDataRole.UserRole).name
                == name)
    panel.tree.setCurrentItem(item)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    return panel


def type_relations(window, qtbot, lines: list[str]) -> None:
    """Type on the TODO line, as a learner would, with real key events."""
    text = window.editor.text()
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.offsets().to_qt(text.index("  // TODO")))
    window.editor.setTextCursor(cursor)
    for line in lines:
        qtbot.keyClicks(window.editor, "  " + line)
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)


def test_help_lessons_shows_the_track_by_topic_and_difficulty(make_window):
    window = make_window()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.lessons.dock.toggleViewAction() in help_menu.actions()
    assert not window.lessons.dock.isVisible()
    # the catalogue is read when the dock first shows (a window that never shows it
    # starts without reading a dozen lesson files)
    assert window.lessons.panel.lesson_items() == []
    window.show()
    window.lessons.dock.toggleViewAction().trigger()
    assert window.lessons.dock.isVisible()
    tree = window.lessons.panel.tree
    topics = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert topics == ["Relations", "Microservice patterns", "Layered model"]
    patterns = tree.topLevelItem(1)
    levels = [patterns.child(i).text(1) for i in range(patterns.childCount())]
    assert levels == sorted(levels, key=["beginner", "intermediate", "advanced"].index)
    assert levels.count("advanced") == 2
    assert len(window.lessons.panel.lesson_items()) == len(TRACK)
    assert window.lessons.panel.progress_label.text() == f"0 of {len(TRACK)} lessons completed"


def test_typing_the_relations_ticks_the_goals_and_the_lesson_is_remembered(
        make_window, qtbot, config_dir):
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    lesson = find_lesson(SEED)
    assert window.editor.text() == lesson.initial_dsl
    assert window.document.path is None
    assert panel.title_label.text() == lesson.title
    assert panel.check_states() == [True, False, False, False, False, False]
    assert not panel.done_label.isVisible()
    type_relations(window, qtbot, SEED_RELATIONS[:2])
    qtbot.waitUntil(lambda: panel.check_states() == [True, True, True, False, False, False],
                    timeout=3000)
    assert panel.progress.value() == 3
    type_relations(window, qtbot, SEED_RELATIONS[2:])
    qtbot.waitUntil(lambda: all(panel.check_states()), timeout=3000)
    assert panel.done_label.text() == "Well done: every goal is met. Lesson complete!"
    assert SEED in AppSettings().completed_lessons()
    assert window.statusBar().currentMessage() == f"Lesson complete: {lesson.title}"
    assert panel.progress_label.text() == f"1 of {len(TRACK)} lessons completed"
    done_item = next(i for i in panel.lesson_items()
                     if i.data(0, Qt.ItemDataRole.UserRole).name == SEED)
    assert done_item.text(0).startswith("✓")
    # a new window (the next run) remembers it too
    again = make_window()
    again.show()
    again.lessons.dock.toggleViewAction().trigger()
    assert again.lessons.panel.progress_label.text() == f"1 of {len(TRACK)} lessons completed"


def test_a_broken_text_unticks_the_goals_and_says_why(make_window, qtbot):
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    type_relations(window, qtbot, ["UserService -> Nowhere"])
    qtbot.waitUntil(lambda: panel.check_states()[0] is False, timeout=3000)
    first = panel.checks_list.item(0).text()
    assert first.startswith("○  DSL parsed successfully\n")
    assert "E201" in first


def test_hints_are_revealed_one_at_a_time(make_window, qtbot):
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    hints = find_lesson(SEED).hints
    assert not panel.hints_label.isVisibleTo(panel)
    assert panel.hint_button.text() == f"Show a hint (1 of {len(hints)})"
    qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hints_label.text() == f"1. {hints[0]}"
    qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hints_label.text() == f"1. {hints[0]}\n2. {hints[1]}"
    assert panel.hint_button.text() == f"Show a hint (3 of {len(hints)})"
    for _ in hints:
        qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hints_label.text().count("\n") == len(hints) - 1
    assert not panel.hint_button.isEnabled() and panel.hint_button.text() == "No more hints"
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.hint_button.text() == f"Show a hint (1 of {len(hints)})"


def test_show_solution_is_one_undo_step_and_is_not_counted_as_done(make_window, qtbot):
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    lesson = find_lesson(SEED)
    type_relations(window, qtbot, SEED_RELATIONS[:1])
    mine = window.editor.text()
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    assert window.editor.text() == lesson.solution
    assert all(panel.check_states())
    assert panel.done_label.text().startswith("Every goal is met by the solution.")
    assert SEED not in AppSettings().completed_lessons()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == mine
    window.document.reparse_now()
    assert panel.check_states() == [True, True, False, False, False, False]
    assert not panel.done_label.isVisibleTo(panel)


def test_reset_restores_the_start_as_one_undo_step(make_window, qtbot):
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    type_relations(window, qtbot, SEED_RELATIONS[:2])
    typed = window.editor.text()
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert window.editor.text() == find_lesson(SEED).initial_dsl
    assert panel.check_states() == [True, False, False, False, False, False]
    window.editor.undo()
    assert window.editor.text() == typed


def test_next_lesson_asks_about_unsaved_work_and_opens_the_next_one(make_window, qtbot):
    prompts = FakePrompts()
    window = make_window(prompts=prompts)
    panel = open_from_catalogue(window, qtbot)
    type_relations(window, qtbot, SEED_RELATIONS[:1])
    prompts.unsaved = Unsaved.CANCEL
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert prompts.kinds() == ["unsaved"]
    assert panel.title_label.text() == find_lesson(SEED).title
    prompts.unsaved = Unsaved.DISCARD
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    following = find_lesson(TRACK[1])
    assert panel.title_label.text() == following.title
    assert window.editor.text() == following.initial_dsl
    assert len(panel.check_states()) == len(following.checks)
    window.lessons.open(find_lesson(TRACK[-1]))
    assert not panel.next_button.isEnabled()


def test_the_canvas_follows_a_lesson_and_its_solution(make_window, qtbot):
    window = make_window()
    panel = open_from_catalogue(window, qtbot, "async-messaging")
    assert "Shop.OrderEvents" not in window.scene.element_items()
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    assert "Shop.OrderEvents" in window.scene.element_items()


def test_lesson_text_is_shown_as_plain_text(make_window, qtbot):
    window = make_window()
    lesson = parse_lesson(
        b'title: "<b>Bold</b> & <i>sly</i>"\nsummary: "<a href=x>click</a>"\n'
        b'difficulty: beginner\ntopic: "<u>t</u>"\ninitialDsl: |\n  architecture "A" { }\n'
        b'checks:\n  - type: elementExists\n    id: api\n    message: "<img src=x>"\n'
        b'hints: ["<script>x</script>"]\nsolution: |\n  architecture "A" { container api }\n')
    window.lessons.open(lesson)
    panel = window.lessons.panel
    assert panel.title_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.title_label.text() == "<b>Bold</b> & <i>sly</i>"
    assert panel.summary_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.checks_list.item(0).text() == "○  <img src=x>"
    qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hints_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.hints_label.text() == "1. <script>x</script>"



def test_drawing_a_relation_on_the_canvas_ticks_its_goal(make_window, qtbot):
    from gesture_support import drag, hover

    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    panel = open_from_catalogue(window, qtbot)
    window.view.reset_zoom()
    source = window.scene.element_item("ECommerce.UserService").sceneBoundingRect()
    target = window.scene.element_item("ECommerce.OrderService").sceneBoundingRect()
    window.view.centerOn(source.center())
    right_handle = (source.right(), source.center().y())
    hover(window.view, (source.center().x(), source.center().y()))
    drag(window.view, right_handle, (target.center().x(), target.center().y()))
    assert window.editor.text() == find_lesson(SEED).initial_dsl.replace(
        '  Customer -> UserService "Logs in"\n',
        '  Customer -> UserService "Logs in"\n  UserService -> OrderService\n')
    qtbot.waitUntil(lambda: panel.check_states()[:2] == [True, True], timeout=3000)
    assert panel.check_states()[2:] == [False, False, False, False]


def test_typing_exactly_the_solution_counts_as_done(make_window, qtbot):
    """The hints give the very labels of the solution: a learner who follows them
    finishes with the solution's text, and that is their own work."""
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    lesson = find_lesson(SEED)
    window.editor.selectAll()
    window.editor.insertPlainText(lesson.solution)  # as a paste of their own notes would
    assert window.editor.text().split() == lesson.solution.split()
    qtbot.waitUntil(lambda: all(panel.check_states()), timeout=3000)
    assert panel.done_label.text() == "Well done: every goal is met. Lesson complete!"
    assert SEED in AppSettings().completed_lessons()


def test_met_goals_follow_the_theme(make_window, qtbot):
    window = make_window()
    panel = open_from_catalogue(window, qtbot)
    light = panel.checks_list.item(0).foreground().color().name()
    assert light == "#1a7f37"
    window.set_dark_theme(True)
    qtbot.waitUntil(lambda: panel.checks_list.item(0).foreground().color().name()
                    == "#3fb950", timeout=3000)
    window.set_dark_theme(False)
    qtbot.waitUntil(lambda: panel.checks_list.item(0).foreground().color().name() == light,
                    timeout=3000)
