"""Rename in place on the canvas: F2 and double-click, Enter commits one undo step,
Escape cancels; relations too."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtCore import Qt
from selection_edit_support import (
    SMALL,
    check_undo_redo,
    click,
    double_click,
    element_point,
    inline_editor,
    open_text,
    relation_key,
    relation_point,
    type_into,
)
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas.gestures.rename import start_rename


def test_f2_renames_the_selected_element_in_one_undo_step(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    click(qtbot, window, element_point(window, "Shop.Api"))
    assert window.scene.selected_keys() == ["Shop.Api"]
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = inline_editor(window)
    assert editor is not None and editor.text() == "Shop API"
    assert editor.selectedText() == "Shop API"  # typing replaces it
    type_into(qtbot, editor, "Storefront API")
    after = SMALL.replace('container Api "Shop API"', 'container Api "Storefront API"')
    assert window.editor.text() == after
    assert inline_editor(window) is None
    model = window.document.result.model
    assert model.elements["Shop.Api"].label == "Storefront API"
    assert window.scene.element_item("Shop.Api").label == "Storefront API"
    assert window.scene.selected_keys() == ["Shop.Api"]
    check_undo_redo(window, SMALL, after)
    assert window.scene.element_item("Shop.Api").label == "Storefront API"


def test_double_click_renames_and_escape_cancels(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    double_click(qtbot, window, element_point(window, "Customer"))
    editor = inline_editor(window)
    assert editor is not None and editor.text() == "Online Customer"
    qtbot.keyClicks(editor, "Somebody")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert inline_editor(window) is None
    assert window.editor.text() == SMALL
    assert not window.editor.document().isUndoAvailable()
    double_click(qtbot, window, element_point(window, "Customer"))
    type_into(qtbot, inline_editor(window), "Shopper")
    after = SMALL.replace('"Online Customer"', '"Shopper"')
    assert window.document.result.model.elements["Customer"].label == "Shopper"
    check_undo_redo(window, SMALL, after)


def test_double_click_on_a_relation_relabels_it(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Customer", "Shop.Api")
    double_click(qtbot, window, relation_point(window, key))
    editor = inline_editor(window)
    assert editor is not None and editor.text() == "browses"
    type_into(qtbot, editor, "buys from")
    after = SMALL.replace('"browses"', '"buys from"')
    assert window.editor.text() == after  # the comment after it is kept
    relation = window.document.result.model.relations[0]
    assert relation.label == "buys from"
    assert window.scene.relation_item(key).label == "buys from"
    check_undo_redo(window, SMALL, after)


def test_emptying_the_label_removes_it_and_the_id_shows(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    assert start_rename(window.view, "Shop.Db") is not None
    type_into(qtbot, inline_editor(window), "")
    after = SMALL.replace('datastore Db "Orders DB"', "datastore Db")
    assert window.editor.text() == after
    assert window.document.result.model.elements["Shop.Db"].label is None
    assert window.scene.element_item("Shop.Db").label == "Db"
    check_undo_redo(window, SMALL, after)


def test_a_label_with_quotes_and_unicode_is_written_escaped(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    start_rename(window.view, "Shop.Db")
    type_into(qtbot, inline_editor(window), 'Bestellungen "Ö"')
    assert window.document.result.model.elements["Shop.Db"].label == 'Bestellungen "Ö"'
    window.commands.undo.trigger()
    assert window.editor.text() == SMALL


def test_rename_while_the_text_does_not_parse_changes_nothing(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    broken = SMALL.replace('"Orders DB"', '"Orders DB')
    window.editor.replace_all(broken)
    window.document.reparse_now()
    assert window.scene.is_stale
    start_rename(window.view, "Customer")
    type_into(qtbot, inline_editor(window), "Shopper")
    assert window.editor.text() == broken
    message = window.statusBar().currentMessage()
    assert message.startswith("Cannot") and "line 9" in message  # says why and where


def test_zooming_while_renaming_commits_what_was_typed(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    editor = start_rename(window.view, "Customer")
    editor.selectAll()
    qtbot.keyClicks(editor, "Shopper")
    window.view.zoom_in()
    assert inline_editor(window) is None
    assert window.document.result.model.elements["Customer"].label == "Shopper"
    window.commands.undo.trigger()
    assert window.editor.text() == SMALL


def test_scrolling_while_renaming_carries_the_editor_along(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    editor = start_rename(window.view, "Customer")
    before = editor.geometry().center()
    window.view.pan_by(-30, -20)  # e.g. scroll bars appearing as the scene grows
    assert inline_editor(window) is editor
    moved = editor.geometry().center() - before
    assert (moved.x(), moved.y()) != (0, 0)
    type_into(qtbot, editor, "Shopper")
    assert window.document.result.model.elements["Customer"].label == "Shopper"
    window.view.pan_by(10, 10)  # after it closed, scrolling touches nothing
