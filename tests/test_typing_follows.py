"""The canvas follows typing with no pause; problems, underlines and the stale mark wait
for one, so they do not flicker while a word is half typed."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication
from test_app_support import (  # noqa: F401  (fixtures)
    arch_file,
    config_dir,
    make_window,
)

from archstudio.app.documents import SETTLE_DELAY_MS


def _type_at(qtbot, window, after: str, text: str) -> None:
    """Real key events, typed just after the first ``after`` in the text (a line break
    is the Return key, which keeps the indentation)."""
    editor = window.editor
    offset = editor.text().index(after) + len(after)
    cursor = editor.textCursor()
    cursor.setPosition(editor.offsets().to_qt(offset))
    editor.setTextCursor(cursor)
    editor.setFocus()
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


NEW_LINE_AFTER = 'person Customer "Online Customer"'


def _window_typed_into_at_leisure(window, qtbot):
    """``window`` once done with its start (its rules' check, 400 ms after it, settles the
    text as the pause does), its pause held off while typing and checking however slowly
    a busy machine goes (at its usual 250 ms it fell inside the checks before it)."""
    qtbot.waitUntil(lambda: window.document.result.checked, timeout=10_000)
    window.document._timer.setInterval(3_600_000)
    return window


def _pause(window) -> None:
    """The pause the typing armed, now at its usual length."""
    assert window.document._timer.isActive()
    window.document._timer.start(SETTLE_DELAY_MS)


def _events_without_waiting() -> None:
    """Deliver what is queued (zero-delay timers included), never waiting for a timer."""
    for _ in range(3):
        QApplication.processEvents()


def test_a_keystroke_that_parses_is_on_the_canvas_at_once(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    item = window.scene.element_items()["Customer"]
    assert item.label == "Online Customer"
    _type_at(qtbot, window, '"Online', " Happy")
    _events_without_waiting()
    assert window.scene.element_items()["Customer"].label == "Online Happy Customer"
    assert window.scene.element_items()["Customer"] is item  # updated, not rebuilt
    assert window.document.up_to_date
    # the panels follow right after the canvas's frame (or a moment later, unpainted)
    qtbot.waitUntil(lambda: not window.after_frame.pending, timeout=2_000)
    assert window.outline.item_for("Customer").text(0) == "Online Happy Customer"


def test_a_new_element_typed_whole_appears_without_a_pause(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    _type_at(qtbot, window, NEW_LINE_AFTER, '\nperson Auditor "Auditor"')
    _events_without_waiting()
    assert window.scene.element_items()["Auditor"].label == "Auditor"


def test_half_typed_text_keeps_the_picture_and_no_banner_until_the_pause(make_window, arch_file,
                                                                          qtbot):
    window = _window_typed_into_at_leisure(make_window(arch_file), qtbot)
    before = set(window.scene.element_items())
    labels = {q: i.label for q, i in window.scene.element_items().items()}
    _type_at(qtbot, window, NEW_LINE_AFTER, '\nperson Half "unclosed')
    _events_without_waiting()
    assert set(window.scene.element_items()) == before
    assert {q: i.label for q, i in window.scene.element_items().items()} == labels
    assert not window.scene.is_stale
    assert window.view.stale_message == ""  # no banner words either
    assert not any(d.code.startswith("E1") for d in window.problems.diagnostics())
    _pause(window)
    # after the pause: marked stale, the syntax error listed and underlined
    qtbot.waitUntil(lambda: window.scene.is_stale, timeout=SETTLE_DELAY_MS * 20)
    assert set(window.scene.element_items()) == before
    assert "E102" in [d.code for d in window.problems.diagnostics()]
    assert any(s.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
               for s in window.editor.extraSelections())


def test_problems_of_text_that_parses_appear_after_the_pause(make_window, arch_file, qtbot):
    window = _window_typed_into_at_leisure(make_window(arch_file), qtbot)
    _type_at(qtbot, window, NEW_LINE_AFTER, "\nCustomer -> Nowher")
    _events_without_waiting()
    assert "Customer->Nowher" not in " ".join(window.scene.relation_items())
    assert window.problems.diagnostics() == []  # nothing flickers in while typing
    _pause(window)
    qtbot.waitUntil(lambda: window.problems.diagnostics() != [],
                    timeout=SETTLE_DELAY_MS * 20)
    assert any("Nowher" in d.message for d in window.problems.diagnostics())


def test_reparse_now_updates_problems_and_stale_mark_at_once(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    _type_at(qtbot, window, NEW_LINE_AFTER, '\nperson Half "unclosed')
    window.document.reparse_now()
    assert window.scene.is_stale
    assert "E102" in [d.code for d in window.problems.diagnostics()]
