"""Relations on the canvas: select by line or label, change kind from the menu of allowed
kinds, reconnect an end by dragging its handle; each edit one undo step."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from selection_edit_support import (
    SMALL,
    check_undo_redo,
    click,
    drag,
    element_point,
    open_text,
    relation_key,
    relation_point,
)
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas.gestures.relation_edit import relation_kind_menu

LAYERED = """\
architecture "Layers" {
  capability Catalog "Product Catalog"
  goal Sales "Increase Sales"
  container CatalogService
  policy OAuth "OAuth2"

  Catalog -[satisfied-by]-> Sales
  CatalogService -> Catalog "serves"
  CatalogService -> OAuth "guarded by"
}
"""


def label_point(window, key: str) -> QPoint:
    return window.view.mapFromScene(
        window.scene.relation_item(key).label_item.sceneBoundingRect().center())


def end_point(window, key: str, end: str) -> QPoint:
    points = window.scene.relation_item(key).face.points
    return window.view.mapFromScene(QPointF(*(points[0] if end == "source" else points[-1])))


def test_a_click_on_the_line_or_the_label_selects_the_relation(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    browses = relation_key(window, "Customer", "Shop.Api")
    reads = relation_key(window, "Shop.Api", "Shop.Db")
    click(qtbot, window, relation_point(window, browses))
    assert window.scene.selected_keys() == [browses]
    click(qtbot, window, label_point(window, reads))
    assert window.scene.selected_keys() == [reads]
    assert window.properties.rows()["Label"] == "reads"
    click(qtbot, window, label_point(window, browses), Qt.KeyboardModifier.ControlModifier)
    assert window.scene.selected_keys() == sorted([browses, reads])
    assert window.editor.text() == SMALL  # selecting edits nothing


def test_kind_menu_offers_only_allowed_kinds_and_changes_the_arrow(make_window, tmp_path,
                                                                    qtbot):
    window = open_text(make_window, tmp_path, LAYERED)
    key = relation_key(window, "CatalogService", "OAuth")
    menu = relation_kind_menu(window.view, key)
    kinds = [a.text() for a in menu.actions()]
    assert kinds == ["plain ->", "protected-by", "complies-with"]  # application -> security
    serves = relation_kind_menu(window.view, relation_key(window, "CatalogService", "Catalog"))
    assert "realizes" in [a.text() for a in serves.actions()]
    assert "stores" not in [a.text() for a in serves.actions()]
    satisfied = relation_kind_menu(window.view, relation_key(window, "Catalog", "Sales"))
    checked = [a.text() for a in satisfied.actions() if a.isChecked()]
    assert checked == ["satisfied-by"]
    next(a for a in menu.actions() if a.text() == "protected-by").trigger()
    after = LAYERED.replace("CatalogService -> OAuth", "CatalogService -[protected-by]-> OAuth")
    assert window.editor.text() == after
    assert window.document.result.model.relations[2].kind == "protected-by"
    assert window.scene.relation_item(key).face.kind == "protected-by"
    check_undo_redo(window, LAYERED, after)
    plain = relation_kind_menu(window.view, key)
    next(a for a in plain.actions() if a.text() == "plain ->").trigger()
    assert window.editor.text() == LAYERED


def test_dragging_an_end_onto_another_element_reconnects(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Customer", "Shop.Api")
    click(qtbot, window, relation_point(window, key))
    assert window.scene.selected_keys() == [key]
    drag(window, end_point(window, key, "target"), element_point(window, "Shop.Db"))
    after = SMALL.replace("Customer -> Api", "Customer -> Db")
    assert window.editor.text() == after
    model = window.document.result.model
    assert (model.relations[0].source, model.relations[0].target) == ("Customer", "Shop.Db")
    new_key = model.relations[0].key
    assert new_key in window.scene.relation_items() and key not in window.scene.relation_items()
    assert window.scene.selected_keys() == [new_key]  # still selected, handles on it
    check_undo_redo(window, SMALL, after)


def test_dragging_the_source_end(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Shop.Api", "Shop.Db")
    click(qtbot, window, relation_point(window, key))
    drag(window, end_point(window, key, "source"), element_point(window, "Customer"))
    after = SMALL.replace("Api -> Db", "Customer -> Db")
    assert window.editor.text() == after
    check_undo_redo(window, SMALL, after)


def test_a_reconnect_dropped_on_empty_canvas_or_cancelled_changes_nothing(
        make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path)
    key = relation_key(window, "Customer", "Shop.Api")
    click(qtbot, window, relation_point(window, key))
    empty = window.view.mapFromScene(window.scene.content_rect().bottomRight()) + QPoint(30, 30)
    drag(window, end_point(window, key, "target"), empty)
    assert window.editor.text() == SMALL
    assert not window.editor.document().isUndoAvailable()
    assert window.scene.selected_keys() == [key]


def test_a_reconnect_the_kind_forbids_is_refused_with_a_message(make_window, tmp_path, qtbot):
    window = open_text(make_window, tmp_path, LAYERED)
    key = relation_key(window, "Catalog", "Sales")
    click(qtbot, window, relation_point(window, key))
    assert window.scene.selected_keys() == [key]
    drag(window, end_point(window, key, "target"), element_point(window, "OAuth"))
    assert window.editor.text() == LAYERED
    assert "cannot 'satisfied-by'" in window.statusBar().currentMessage()
