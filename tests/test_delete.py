"""Delete and Backspace on the canvas remove the whole selection (elements with what
they hold and their relations, and selected relations) as ONE undo step."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtCore import Qt
from selection_edit_support import (
    SMALL,
    check_undo_redo,
    click,
    element_point,
    open_text,
    relation_key,
    relation_point,
)
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.dsl import parse

CTRL = Qt.KeyboardModifier.ControlModifier

PLACED = """\
architecture "Placed" {
  person Customer
  container Web "Web App"   // what people see
  container Api
  datastore Db

  Customer -> Web "uses"
  Web -> Api
  Api -> Db "stores"
}

layout {
  Api: 300, 40
  Customer: 20, 40
  Db: 420, 40
  Web: 160, 40
}
"""


def press_delete(qtbot, window, key=Qt.Key.Key_Delete) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key)


def test_delete_removes_an_element_with_its_relations(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    click(qtbot, window, element_point(window, "Customer"))
    press_delete(qtbot, window)
    after = window.editor.text()
    assert "Customer" not in after
    model = window.document.result.model
    assert "Customer" not in model.elements and len(model.relations) == 1
    assert window.scene.element_item("Customer") is None
    assert len(window.scene.relation_items()) == 1
    assert after == SMALL.replace('  person Customer "Online Customer"\n', "").replace(
        '  Customer -> Api "browses"   // the main path\n', "")  # the comment above stays
    check_undo_redo(window, SMALL, after)


def test_backspace_deletes_a_mixed_selection_as_one_step(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path, PLACED)
    click(qtbot, window, element_point(window, "Web"))
    stores = relation_key(window, "Api", "Db")
    click(qtbot, window, relation_point(window, stores), CTRL)
    assert window.scene.selected_keys() == ["Web", stores]
    press_delete(qtbot, window, Qt.Key.Key_Backspace)
    after = window.editor.text()
    model = parse(after)
    assert set(model.elements) == {"Customer", "Api", "Db"}
    assert model.relations == []
    assert set(model.layout) == {"Customer", "Api", "Db"}  # its layout entry went too
    assert "what people see" not in after and "  Db: 420, 40\n" in after
    assert window.scene.relation_items() == {}
    assert window.scene.selected_keys() == []
    window.commands.undo.trigger()  # ONE step brings everything back
    assert window.editor.text() == PLACED
    window.commands.redo.trigger()
    assert window.editor.text() == after


def test_a_system_goes_with_what_it_holds_also_when_both_are_selected(make_window, tmp_path,
                                                                       qtbot):
    window = open_text(make_window, tmp_path)
    click(qtbot, window, element_point(window, "Shop"))
    click(qtbot, window, element_point(window, "Shop.Db"), CTRL)
    assert window.scene.selected_keys() == ["Shop", "Shop.Db"]
    press_delete(qtbot, window)
    after = window.editor.text()
    model = window.document.result.model
    assert set(model.elements) == {"Customer"} and model.relations == []
    assert set(window.scene.element_items()) == {"Customer"}
    assert "// people first" in after  # the author's comment stays
    check_undo_redo(window, SMALL, after)


def test_delete_a_relation_only(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Shop.Api", "Shop.Db")
    click(qtbot, window, relation_point(window, key))
    press_delete(qtbot, window)
    after = SMALL.replace('  Api -> Db "reads"\n', "")
    assert window.editor.text() == after
    assert set(window.scene.element_items()) == set(parse(SMALL).elements)
    check_undo_redo(window, SMALL, after)


def test_select_all_then_delete_empties_the_architecture(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path, PLACED)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL)
    assert len(window.scene.selected_keys()) == 7
    press_delete(qtbot, window)
    model = window.document.result.model
    assert model.elements == {} and model.relations == [] and model.layout == {}
    assert window.editor.text().startswith('architecture "Placed" {')
    window.commands.undo.trigger()
    assert window.editor.text() == PLACED


def test_nothing_selected_or_text_broken_deletes_nothing(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    press_delete(qtbot, window)
    assert window.editor.text() == SMALL
    assert not window.editor.document().isUndoAvailable()
    click(qtbot, window, element_point(window, "Customer"))
    broken = SMALL.replace('"reads"', '"reads')
    window.editor.replace_all(broken)
    window.document.reparse_now()
    window.scene.select(["Customer"])
    press_delete(qtbot, window)
    assert window.editor.text() == broken
    message = window.statusBar().currentMessage()
    assert message.startswith("Cannot") and "line 13" in message  # says why and where


def test_delete_in_the_text_editor_stays_a_text_delete(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    click(qtbot, window, element_point(window, "Customer"))
    window.editor.setFocus()
    window.editor.go_to(0)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert window.editor.text() == SMALL[1:]
