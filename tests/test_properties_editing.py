"""The properties panel edits what it shows: id (every reference follows), label,
description, technology, tags and free properties of elements and relations, each
change one undo step, driven by double-clicks and keys on the panel."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
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


def select(qtbot, window, qname: str):
    click(qtbot, window, element_point(window, qname))
    assert window.scene.selected_keys() == [qname]
    return window.properties


def cell_editor(panel) -> QLineEdit:
    editors = [e for e in panel.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "one cell editor is open"
    return editors[0]


def double_click_value(qtbot, panel, caption: str) -> None:
    """Double-click a row's value as a person does (a click, then the double-click)."""
    item = panel.row_item(caption)
    assert item is not None, caption
    at = QPoint(panel.header().sectionPosition(1) + 8, panel.visualItemRect(item).center().y())
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=at)


def edit_cell(qtbot, window, caption: str, text: str) -> None:
    """Double-click the value of the row ``caption``, type ``text``, press Enter, and
    wait for the text to change."""
    panel = window.properties
    before = window.editor.text()
    double_click_value(qtbot, panel, caption)
    editor = cell_editor(panel)
    editor.selectAll()
    qtbot.keyClicks(editor, text) if text else qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.text() != before, timeout=3000)


def test_label_edited_in_the_panel(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    panel = select(qtbot, window, "Shop.Api")
    assert panel.rows()["Label"] == "Shop API"
    edit_cell(qtbot, window, "Label", "Storefront")
    after = SMALL.replace('"Shop API"', '"Storefront"')
    assert window.editor.text() == after
    assert window.scene.element_item("Shop.Api").label == "Storefront"
    assert panel.rows()["Label"] == "Storefront"  # rebuilt from the new text
    check_undo_redo(window, SMALL, after)


def test_id_rename_updates_every_reference(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Api")
    edit_cell(qtbot, window, "Id", "Storefront")
    after = (SMALL.replace("container Api", "container Storefront")
             .replace("Customer -> Api", "Customer -> Storefront")
             .replace("Api -> Db", "Storefront -> Db"))
    assert window.editor.text() == after
    model = window.document.result.model
    assert "Shop.Storefront" in model.elements and "Shop.Api" not in model.elements
    assert all(r.resolved for r in model.relations)
    assert window.scene.element_item("Shop.Storefront") is not None
    assert window.scene.element_item("Shop.Api") is None
    assert window.scene.selected_keys() == ["Shop.Storefront"]  # still selected
    assert window.properties.rows()["Id"] == "Storefront"
    check_undo_redo(window, SMALL, after)


def test_an_invalid_id_is_refused_with_a_message(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Db")
    panel = window.properties
    item = panel.row_item("Id")
    panel.edit_value(item)
    editor = cell_editor(panel)
    editor.selectAll()
    qtbot.keyClicks(editor, "not an id")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not a valid id" in window.statusBar().currentMessage(),
                    timeout=3000)
    assert window.editor.text() == SMALL
    assert panel.rows()["Id"] == "Db"  # the panel shows the text again, not the typo


def test_description_technology_and_tags(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Api")
    edit_cell(qtbot, window, "Technology", "Rust")
    edit_cell(qtbot, window, "Description", "Takes the orders")
    edit_cell(qtbot, window, "Tags", "public, critical")
    model = window.document.result.model
    api = model.elements["Shop.Api"]
    assert api.technology == "Rust"
    assert api.description == "Takes the orders"
    assert api.tags == ("public", "critical")
    text = window.editor.text()
    assert '      technology "Rust"\n' in text
    assert '      tags "public", "critical"\n' in text
    assert text.replace('"Rust"', '"Go"').replace('      description "Takes the orders"\n',
                                                  "").replace(
        '      tags "public", "critical"\n', "") == SMALL  # nothing else moved
    for _ in range(3):
        window.commands.undo.trigger()
    assert window.editor.text() == SMALL
    for _ in range(3):
        window.commands.redo.trigger()
    assert window.editor.text() == text


def test_add_and_remove_a_free_property(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    panel = select(qtbot, window, "Shop.Db")
    double_click_value(qtbot, panel, "Add property…")
    name_editor = cell_editor(panel)
    assert name_editor.text() == ""  # the caption gives way to the name
    qtbot.keyClicks(name_editor, "owner")
    qtbot.keyClick(name_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.isVisible() and e is not name_editor
                                for e in panel.viewport().findChildren(QLineEdit)),
                    timeout=3000)  # then the value
    value_editor = cell_editor(panel)
    qtbot.keyClicks(value_editor, "team-orders")
    qtbot.keyClick(value_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "owner" in window.editor.text(), timeout=3000)
    with_owner = SMALL.replace('datastore Db "Orders DB"',
                               'datastore Db "Orders DB" {\n      owner "team-orders"\n    }')
    assert window.editor.text() == with_owner
    assert window.document.result.model.elements["Shop.Db"].get("owner") == "team-orders"
    assert panel.rows()["owner"] == "team-orders"
    check_undo_redo(window, SMALL, with_owner)
    # Delete on the property's row removes it (and the block it needed)
    panel.setCurrentItem(panel.row_item("owner"))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "owner" not in window.editor.text(), timeout=3000)
    assert window.editor.text() == SMALL
    check_undo_redo(window, with_owner, SMALL)


def test_emptying_a_value_removes_the_property(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Api")
    edit_cell(qtbot, window, "Technology", "")
    after = SMALL.replace(' {\n      technology "Go"\n    }', "")
    assert window.editor.text() == after
    assert window.document.result.model.elements["Shop.Api"].technology is None
    check_undo_redo(window, SMALL, after)


def test_relation_properties_label_technology_and_kind(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Shop.Api", "Shop.Db")
    click(qtbot, window, relation_point(window, key))
    assert window.scene.selected_keys() == [key]
    panel = window.properties
    assert panel.rows()["Source"] == "Shop.Api" and panel.rows()["Label"] == "reads"
    edit_cell(qtbot, window, "Label", "reads and writes")
    edit_cell(qtbot, window, "Technology", "SQL")
    assert 'Api -> Db "reads and writes" "SQL"\n' in window.editor.text()
    box = panel.itemWidget(panel.row_item("Kind"), 1)
    assert isinstance(box, QComboBox)
    kinds = [box.itemText(i) for i in range(box.count())]
    assert kinds == ["plain ->", "sync", "async", "publishes", "sends", "subscribes",
                     "consumes", "uses"]  # container -> datastore
    before = window.editor.text()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # plain -> sync
    qtbot.waitUntil(lambda: window.editor.text() != before, timeout=3000)
    after = before.replace("Api -> Db", "Api -[sync]-> Db")
    assert window.editor.text() == after
    relation = window.document.result.model.relations[1]
    assert (relation.kind, relation.label, relation.technology) == (
        "sync", "reads and writes", "SQL")
    assert window.scene.selected_keys() == [key]
    check_undo_redo(window, before, after)
    for _ in range(3):  # kind, technology, label
        window.commands.undo.trigger()
    assert window.editor.text() == SMALL


def test_relation_end_retyped_reconnects(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Customer", "Shop.Api")
    click(qtbot, window, relation_point(window, key))
    edit_cell(qtbot, window, "Target", "Shop.Db")
    after = SMALL.replace("Customer -> Api", "Customer -> Db")
    assert window.editor.text() == after
    assert parse(after).relations[0].target == "Shop.Db"
    assert window.properties.rows()["Target"] == "Shop.Db"
    check_undo_redo(window, SMALL, after)
