"""Right-click menus on the canvas: what each offers for an element, a system, a relation
and empty canvas, and that their entries edit the text in one undo step."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import SHOP, shop, shop_file, undo_redo_round_trip  # noqa: F401
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)
from test_clipboard import clean_clipboard  # noqa: F401  (autouse fixture)

from archstudio.dsl import parse


def point_of(window, scene_xy: tuple[float, float]) -> QPoint:
    return window.view.mapFromScene(QPointF(*scene_xy))


def menu_at(window, scene_xy: tuple[float, float]) -> QMenu:
    return window.canvas_commands.menus.menu_at(point_of(window, scene_xy))


def entries(menu: QMenu) -> list[str]:
    """The entries as a person reads them (no '&' marks, no shortcut column)."""
    return [a.text().replace("&", "").split("\t")[0] for a in menu.actions()
            if not a.isSeparator()]


def entry(menu: QMenu, text: str):
    found = [a for a in menu.actions() if a.text().replace("&", "").split("\t")[0] == text]
    assert found, f"{text!r} not in {entries(menu)}"
    return found[0]


def middle(window, qname: str) -> tuple[float, float]:
    box = window.document.result.boxes[qname]
    return box.x + box.width / 2, box.y + box.height / 2


def relation_middle(window, source: str, target: str) -> tuple[float, float]:
    key = next(k for k in window.scene.relation_items() if k.startswith(f"{source}->{target}#"))
    (x1, y1), (x2, y2) = window.scene.relation_item(key).face.points[:2]
    return (x1 + x2) / 2, (y1 + y2) / 2


def test_a_right_click_on_the_canvas_opens_the_menu_there(shop, monkeypatch):
    shown: list[QMenu] = []
    monkeypatch.setattr(shop.canvas_commands.menus, "popup",
                        lambda menu, where: shown.append(menu))
    at = point_of(shop, (160, 520))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                              shop.view.viewport().mapToGlobal(at))
    QApplication.sendEvent(shop.view.viewport(), event)
    assert [m.objectName() for m in shown] == ["canvasContextMenu"]


def test_element_menu_offers_the_element_commands_and_selects_it(shop):
    menu = menu_at(shop, middle(shop, "Shop.Api"))  # inside the system
    assert menu.objectName() == "elementContextMenu"
    assert shop.scene.selected_keys() == ["Shop.Api"]
    assert entries(menu) == ["Rename", "Show in Text", "Add Connected", "Move Out of System",
                             "Cut", "Copy", "Duplicate", "Delete", "Select All"]
    connected = entry(menu, "Add Connected").menu()
    assert "Datastore" in entries(connected) and "Goal" not in entries(connected)


def test_system_menu_adds_inside_and_dissolves(shop):
    menu = menu_at(shop, (330, 210))  # the system's title tab
    assert menu.objectName() == "elementContextMenu"
    assert "Add Inside" in entries(menu) and "Dissolve System (Keep Contents)" in entries(menu)
    assert "Move Out of System" not in entries(menu)
    entry(menu, "Dissolve System (Keep Contents)").trigger()
    model = shop.document.result.model
    assert "Shop" not in model.elements
    assert {"Api", "Db"} <= set(model.elements)
    assert "// The shop, by hand" in shop.editor.text()
    undo_redo_round_trip(shop, SHOP)


def test_delete_from_the_element_menu_is_one_undo_step(shop):
    menu = menu_at(shop, middle(shop, "Customer"))
    entry(menu, "Delete").trigger()
    model = shop.document.result.model
    assert "Customer" not in model.elements and not model.relations
    assert shop.scene.element_item("Customer") is None
    undo_redo_round_trip(shop, SHOP)


def test_duplicate_from_the_element_menu(shop):
    entry(menu_at(shop, middle(shop, "Bank")), "Duplicate").trigger()
    model = shop.document.result.model
    assert model.elements["BankCopy"].kind == "external"
    assert (model.layout["BankCopy"].x, model.layout["BankCopy"].y) == (640, 80)
    undo_redo_round_trip(shop, SHOP)


def test_move_out_of_system(shop):
    entry(menu_at(shop, middle(shop, "Shop.Db")), "Move Out of System").trigger()
    model = shop.document.result.model
    assert model.elements["Db"].parent is None
    assert model.layout["Db"].x >= 600  # right of the system, not hidden inside it
    assert shop.scene.element_item("Db") is not None
    undo_redo_round_trip(shop, SHOP)


def test_add_connected_creates_an_element_already_related(shop):
    connected = entry(menu_at(shop, middle(shop, "Customer")), "Add Connected").menu()
    entry(connected, "Service").trigger()
    model = parse(shop.editor.text())
    new = [q for q in model.elements if q not in parse(SHOP).elements]
    assert len(new) == 1 and model.elements[new[0]].kind == "container"
    assert ("Customer", new[0]) in {(r.source, r.target) for r in model.relations}
    shop.view.setFocus()  # the inline label editor had it
    undo_redo_round_trip(shop, SHOP)


def test_relation_menu_changes_kind_reverses_and_deletes(shop):
    where = relation_middle(shop, "Customer", "Shop.Api")
    menu = menu_at(shop, where)
    assert menu.objectName() == "relationContextMenu"
    assert entries(menu) == ["Edit Label", "Relation Kind", "Reverse Direction",
                             "Show in Text", "Delete"]
    kinds = entries(entry(menu, "Relation Kind").menu())
    assert kinds[0] == "plain ->" and "sync" in kinds and "stores" not in kinds
    entry(menu, "Reverse Direction").trigger()
    assert 'Shop.Api -> Customer "browses"' in shop.editor.text()
    relation = shop.document.result.model.relations[0]
    assert (relation.source, relation.target) == ("Shop.Api", "Customer")
    undo_redo_round_trip(shop, SHOP)
    shop.commands.undo.trigger()
    shop.document.reparse_now()
    menu = menu_at(shop, relation_middle(shop, "Customer", "Shop.Api"))
    entry(menu, "Delete").trigger()
    assert not shop.document.result.model.relations
    undo_redo_round_trip(shop, SHOP)


def test_reverse_is_offered_only_where_the_layers_allow_it(make_window, tmp_path):
    path = tmp_path / "layers.arch"
    text = ('architecture "L" {\n  capability Cat "Catalog"\n  goal Sell "Sell more"\n'
            "  Cat -[satisfied-by]-> Sell\n}\n\nlayout {\n  Cat: 0, 0\n  Sell: 400, 0\n}\n")
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    window.show()
    window.view.reset_zoom()
    window.view.centerOn(300, 50)
    menu = menu_at(window, relation_middle(window, "Cat", "Sell"))
    assert not entry(menu, "Reverse Direction").isEnabled()  # a goal satisfies nothing


def test_canvas_menu_pastes_and_adds_elements_where_it_was_opened(shop):
    menu = menu_at(shop, (160, 520))
    assert menu.objectName() == "canvasContextMenu"
    assert entries(menu) == ["Paste Here", "Add Element Here", "Select All", "Auto-arrange",
                             "Fit to Window"]
    kinds = entries(entry(menu, "Add Element Here").menu())
    assert kinds[:2] == ["Goal", "Person"] and "System" in kinds and len(kinds) == 13
    entry(entry(menu, "Add Element Here").menu(), "Datastore").trigger()
    model = parse(shop.editor.text())
    new = [q for q in model.elements if q not in parse(SHOP).elements]
    assert len(new) == 1 and model.elements[new[0]].parent is None
    assert (model.layout[new[0]].x, model.layout[new[0]].y) == (160, 520)
    shop.view.setFocus()
    undo_redo_round_trip(shop, SHOP)
    shop.commands.undo.trigger()
    shop.document.reparse_now()
    inside = menu_at(shop, (500, 460))  # empty space inside the system
    entry(entry(inside, "Add Element Here").menu(), "Service").trigger()
    model = parse(shop.editor.text())
    new = [q for q in model.elements if q not in parse(SHOP).elements]
    assert new and model.elements[new[0]].parent == "Shop"
    shop.view.setFocus()
    undo_redo_round_trip(shop, SHOP)


def test_select_all_and_paste_here_from_the_menus(shop):
    entry(menu_at(shop, (160, 520)), "Select All").trigger()
    assert set(shop.scene.selected_keys()) >= {"Customer", "Shop", "Shop.Api", "Bank"}
    shop.scene.clearSelection()
    entry(menu_at(shop, middle(shop, "Bank")), "Copy").trigger()
    entry(menu_at(shop, (160, 520)), "Paste Here").trigger()
    model = parse(shop.editor.text())
    assert (model.layout["BankCopy"].x, model.layout["BankCopy"].y) == (160, 520)
    undo_redo_round_trip(shop, SHOP)


def test_fit_to_window_centres_the_diagram_even_near_the_scene_edge(shop):
    shop.view.reset_zoom()
    shop.view.centerOn(0, 0)
    entry(menu_at(shop, (160, 520)), "Fit to Window").trigger()
    centre = shop.view.mapFromScene(shop.scene.content_rect().center())
    middle_of_view = shop.view.viewport().rect().center()
    assert abs(centre.x() - middle_of_view.x()) <= 2
    assert abs(centre.y() - middle_of_view.y()) <= 2


def test_menu_entries_show_their_shortcuts(shop):
    texts = [a.text() for a in menu_at(shop, middle(shop, "Bank")).actions()]
    assert any(t.startswith("&Copy\t") and t.split("\t")[1] for t in texts)
    assert any(t.startswith("&Delete\t") for t in texts)
