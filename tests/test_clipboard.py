"""Cut, Copy, Paste and Duplicate on the canvas: the clipboard's two formats, fresh ids,
relations among the copied elements, positions, pasting into a system, across two
windows, and one undo step each (undo gives back the text byte for byte)."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from selection_edit_support import SMALL, check_undo_redo, click, element_point, open_text
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app.clipboard import MIME_TYPE, PASTE_OFFSET
from archstudio.dsl import parse

CTRL = Qt.KeyboardModifier.ControlModifier

OTHER = """\
architecture "Billing" {
  container Api "Billing API"
  datastore Ledger "Ledger"

  Api -> Ledger "writes"
}
"""


@pytest.fixture(autouse=True)
def clean_clipboard(qapp):
    """Empty the clipboard after each test: Qt's offscreen platform crashes at exit when
    it still holds data made in Python (the real xcb platform does not)."""
    yield
    QApplication.clipboard().clear()


def select(qtbot, window, *qnames: str) -> None:
    """Click the first, Ctrl-click the rest, as a person would."""
    click(qtbot, window, element_point(window, qnames[0]))
    for qname in qnames[1:]:
        click(qtbot, window, element_point(window, qname), CTRL)
    assert window.scene.selected_keys() == sorted(qnames)


def key(qtbot, window, letter: Qt.Key, modifier=CTRL) -> None:
    """A shortcut typed on the canvas (its window active, as under a person's hands)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.view.setFocus()
    qtbot.keyClick(window.view, letter, modifier)


def clipboard_payload() -> dict:
    data = QApplication.clipboard().mimeData()
    assert data.hasFormat(MIME_TYPE)
    return json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))


def test_copy_puts_the_arch_text_and_the_custom_format_on_the_clipboard(make_window,
                                                                        tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Customer", "Shop.Api")
    key(qtbot, window, Qt.Key.Key_C)
    payload = clipboard_payload()
    assert payload["roots"] == ["Customer", "Shop.Api"]
    text = QApplication.clipboard().text()
    assert text == payload["arch"]
    copied = parse(text)
    assert not copied.errors
    assert set(copied.elements) == {"Customer", "Api"}
    assert copied.elements["Api"].technology == "Go"  # the body came along
    assert [(r.source, r.target, r.label) for r in copied.relations] == [
        ("Customer", "Api", "browses")]  # Api -> Db is left out: Db was not copied
    boxes = window.document.result.boxes
    assert (copied.layout["Api"].x, copied.layout["Api"].y) == (boxes["Shop.Api"].x,
                                                                boxes["Shop.Api"].y)
    assert window.editor.text() == SMALL  # copying changes nothing


def test_paste_in_the_same_window_gives_fresh_ids_offset_boxes_one_undo_step(
        make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Api", "Shop.Db")
    boxes = dict(window.document.result.boxes)
    key(qtbot, window, Qt.Key.Key_C)
    key(qtbot, window, Qt.Key.Key_V)
    after = window.editor.text()
    model = parse(after)
    assert not model.errors
    assert {"Shop.ApiCopy", "Shop.DbCopy"} <= set(model.elements)  # next to the originals
    assert model.elements["Shop.ApiCopy"].technology == "Go"
    pasted = [(r.source, r.target, r.label) for r in model.relations
              if r.source == "Shop.ApiCopy"]
    assert pasted == [("Shop.ApiCopy", "Shop.DbCopy", "reads")]
    layout = model.layout["Shop.ApiCopy"]
    assert (layout.x, layout.y) == (boxes["Shop.Api"].x + PASTE_OFFSET,
                                    boxes["Shop.Api"].y + PASTE_OFFSET)
    assert window.scene.element_item("Shop.ApiCopy") is not None
    assert window.scene.relation_item(model.relations[-1].key) is not None
    assert window.scene.selected_keys() == ["Shop.ApiCopy", "Shop.DbCopy"]
    # everything the author wrote is still there, byte for byte
    assert after.startswith(SMALL[:SMALL.index('    datastore Db "Orders DB"\n')])
    assert "Customer -> Api \"browses\"   // the main path\n" in after
    check_undo_redo(window, SMALL, after)
    select(qtbot, window, "Shop.ApiCopy", "Shop.DbCopy")
    key(qtbot, window, Qt.Key.Key_V)  # a second paste lands further on, with new ids
    again = parse(window.editor.text())
    assert {"Shop.ApiCopy2", "Shop.DbCopy2"} <= set(again.elements)
    assert again.layout["Shop.ApiCopy2"].x == boxes["Shop.Api"].x + 2 * PASTE_OFFSET


def test_paste_across_two_windows(make_window, tmp_path, qtbot):
    source = open_text(make_window, tmp_path)
    other_path = tmp_path / "billing.arch"
    other_path.write_text(OTHER, encoding="utf-8")
    target = make_window(other_path)
    target.show()
    select(qtbot, source, "Customer", "Shop")  # a system with its children
    key(qtbot, source, Qt.Key.Key_C)
    key(qtbot, target, Qt.Key.Key_V)
    after = target.editor.text()
    model = parse(after)
    assert not model.errors
    # Api clashes with the target's Api: renamed, and every reference to it follows
    assert {"Customer", "Shop", "Shop.ApiCopy", "Shop.Db"} <= set(model.elements)
    assert model.elements["Api"].label == "Billing API"
    ends = {(r.source, r.target, r.label) for r in model.relations}
    assert ends == {("Api", "Ledger", "writes"), ("Customer", "Shop.ApiCopy", "browses"),
                    ("Shop.ApiCopy", "Shop.Db", "reads")}
    boxes = source.document.result.boxes  # across windows the boxes keep their place
    assert (model.layout["Shop.Db"].x, model.layout["Shop.Db"].y) == (
        boxes["Shop.Db"].x, boxes["Shop.Db"].y)
    assert target.scene.element_item("Shop.ApiCopy") is not None
    assert source.editor.text() == SMALL
    check_undo_redo(target, OTHER, after)


def test_paste_here_goes_into_the_system_under_the_mouse(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Customer")
    key(qtbot, window, Qt.Key.Key_C)
    box = window.document.result.boxes["Shop"]
    inside = QPointF(box.x + box.width - 30, box.y + box.height - 20)
    assert window.canvas_commands.clipboard.paste(at=inside) == ["Shop.CustomerCopy"]
    model = parse(window.editor.text())
    assert model.elements["Shop.CustomerCopy"].parent == "Shop"
    assert (model.layout["Shop.CustomerCopy"].x, model.layout["Shop.CustomerCopy"].y) == (
        round(inside.x()), round(inside.y()))
    check_undo_redo(window, SMALL, window.editor.text())


def test_cut_removes_the_selection_and_its_relations_in_one_step(make_window, tmp_path,
                                                                 qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Api")
    key(qtbot, window, Qt.Key.Key_X)
    after = window.editor.text()
    model = parse(after)
    assert "Shop.Api" not in model.elements and not model.relations
    assert window.scene.element_item("Shop.Api") is None
    assert "// people first" in after
    assert parse(QApplication.clipboard().text()).elements["Api"].technology == "Go"
    check_undo_redo(window, SMALL, after)
    window.view.setFocus()
    window.scene.clearSelection()
    key(qtbot, window, Qt.Key.Key_V)  # and it comes back at the top level, its id free again
    assert parse(window.editor.text()).elements["Api"].technology == "Go"


def test_duplicate_keeps_the_clipboard_and_the_system(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    QApplication.clipboard().setText("left alone")
    select(qtbot, window, "Shop.Db")
    key(qtbot, window, Qt.Key.Key_D)
    after = window.editor.text()
    model = parse(after)
    assert model.elements["Shop.DbCopy"].label == "Orders DB"
    assert model.elements["Shop.DbCopy"].parent == "Shop"
    assert QApplication.clipboard().text() == "left alone"
    check_undo_redo(window, SMALL, after)


def test_plain_arch_statements_from_elsewhere_paste_too(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    data = QMimeData()
    data.setText('container Search "Search" { technology "Rust" }\n')
    QApplication.clipboard().setMimeData(data)
    window.scene.clearSelection()
    key(qtbot, window, Qt.Key.Key_V)
    model = parse(window.editor.text())
    assert model.elements["Search"].technology == "Rust"
    assert model.elements["Search"].parent is None
    check_undo_redo(window, SMALL, window.editor.text())


def test_pasting_nonsense_changes_nothing(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    QApplication.clipboard().setText("not { an architecture")
    key(qtbot, window, Qt.Key.Key_V)
    assert window.editor.text() == SMALL
    assert "no diagram elements" in window.statusBar().currentMessage()


def test_in_the_text_editor_the_keys_copy_and_paste_text(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    select(qtbot, window, "Shop.Api")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.editor.setFocus()
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.canvas_commands.actions.copy.trigger()  # the menu entry, with the text focused
    assert QApplication.clipboard().text() == "architecture"
    assert not QApplication.clipboard().mimeData().hasFormat(MIME_TYPE)


TWINS = """\
architecture "Twins" {
  system Left {
    container Api "Left API"
  }
  system Right {
    container Api "Right API"
  }
  Left.Api -> Right.Api "forwards"
}
"""


def test_elements_with_the_same_id_in_two_systems_copy_and_paste_apart(make_window,
                                                                       tmp_path, qtbot):
    window = open_text(make_window, tmp_path, TWINS)
    select(qtbot, window, "Left.Api", "Right.Api")
    key(qtbot, window, Qt.Key.Key_C)
    copied = parse(QApplication.clipboard().text())
    assert not copied.errors
    assert {e.label for e in copied.elements.values()} == {"Left API", "Right API"}
    assert len(copied.relations) == 1 and copied.relations[0].resolved
    window.scene.clearSelection()
    key(qtbot, window, Qt.Key.Key_V)
    model = parse(window.editor.text())
    assert not model.errors
    pasted = {q: e.label for q, e in model.elements.items() if e.parent is None
              and e.kind == "container"}
    assert sorted(pasted.values()) == ["Left API", "Right API"]
    assert len(set(pasted)) == 2 and not set(pasted) & {"Api"}
    forwards = [r for r in model.relations if r.source in pasted]
    assert [(pasted[r.source], pasted[r.target]) for r in forwards] == [
        ("Left API", "Right API")]
    check_undo_redo(window, TWINS, window.editor.text())
