"""Find/Replace in the text (Ctrl+F, Ctrl+H, F3) and typing help (Enter keeps the
indentation, braces close themselves), driven with real key events."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import SHOP, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.dsl import parse

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def selected(window) -> str:
    return window.editor.textCursor().selectedText()


def test_ctrl_f_finds_every_match_with_f3_and_wraps(shop, qtbot):
    shop.editor.setFocus()
    qtbot.keyClick(shop.editor, Qt.Key.Key_F, Ctrl)
    bar = shop.find_bar
    assert bar.isVisible() and bar.find_field.hasFocus()
    assert not bar.replace_field.isVisible()
    qtbot.keyClicks(bar.find_field, "shop")
    found = bar.matches()
    assert len(found) == SHOP.lower().count("shop") and selected(shop).lower() == "shop"
    assert bar.count_label.text() == f"1 of {len(found)}"
    starts = []
    for _ in range(len(found)):
        qtbot.keyClick(bar.find_field, Qt.Key.Key_F3)
        starts.append(shop.editor.textCursor().selectionStart())
    assert starts[-1] == found[0][0]  # wrapped around to the first
    assert sorted(set(starts)) == [s for s, _ in found]
    qtbot.keyClick(bar.find_field, Qt.Key.Key_F3, Shift)
    assert shop.editor.textCursor().selectionStart() == found[-1][0]
    bar.case.setChecked(True)
    assert len(bar.matches()) == SHOP.count("shop")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and shop.editor.hasFocus()


def test_replace_all_is_one_undo_step_and_the_canvas_follows(shop, qtbot):
    shop.editor.setFocus()
    qtbot.keyClick(shop.editor, Qt.Key.Key_H, Ctrl)
    bar = shop.find_bar
    assert bar.replace_field.isVisible()
    bar.whole.setChecked(True)
    bar.case.setChecked(True)
    bar.find_field.setText("Api")
    bar.replace_field.setText("Storefront")
    assert bar.replace_all() == SHOP.count("Api")
    model = shop.document.reparse_now().model
    assert "Shop.Storefront" in model.elements and "Shop.Api" not in model.elements
    assert shop.scene.element_item("Shop.Storefront") is not None
    shop.editor.undo()
    assert shop.editor.text() == SHOP


def test_replace_one_then_the_next(shop, qtbot):
    bar = shop.find_bar
    bar.open_find(replace=True)
    bar.find_field.setText('"Orders DB"')
    bar.replace_field.setText('"Orders"')
    assert bar.replace()
    assert '"Orders"' in shop.editor.text() and '"Orders DB"' not in shop.editor.text()


def type_line_end(window, qtbot, line_start: str) -> None:
    text = window.editor.text()
    at = text.index(line_start)
    end = text.index("\n", at)
    cursor = window.editor.textCursor()
    cursor.setPosition(end)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()


def test_enter_keeps_the_indentation_and_indents_after_a_brace(shop, qtbot):
    type_line_end(shop, qtbot, '    datastore Db "Orders DB"')
    qtbot.keyClick(shop.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(shop.editor, 'container Cart "Cart" {')
    assert shop.editor.text().count("{") == SHOP.count("{") + 1
    assert shop.editor.text().count("}") == SHOP.count("}") + 1  # closed at once
    qtbot.keyClick(shop.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(shop.editor, 'technology "Go"')
    text = shop.editor.text()
    assert '    datastore Db "Orders DB"\n    container Cart "Cart" {\n' \
           '      technology "Go"\n    }\n' in text
    model = parse(text)
    assert not model.errors and model.elements["Shop.Cart"].technology == "Go"
    qtbot.keyClick(shop.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(shop.editor, "metadata {")
    qtbot.keyClicks(shop.editor, "}")  # typing the closing brace steps over the closed one
    assert shop.editor.text().count("}") == text.count("}") + 1
    assert '      metadata {}\n    }' in shop.editor.text()


def test_a_closing_brace_on_a_blank_line_goes_one_level_out(shop, qtbot):
    type_line_end(shop, qtbot, '    datastore Db "Orders DB"')
    shop.editor.insertPlainText("\n    container Cart {\n      ")
    qtbot.keyClicks(shop.editor, "}")
    assert '    container Cart {\n    }' in shop.editor.text()
    assert not parse(shop.editor.text()).errors
