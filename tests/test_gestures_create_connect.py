"""Creating from the palette and connecting on the canvas: one undo step each."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import SHOP, click, drag, hover, shop, shop_file, undo_redo_round_trip  # noqa: F401  (fixtures)
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas.gestures.connect import new_kinds, relation_kinds

CUSTOMER_RIGHT_HANDLE = (180, 100)  # Customer is 140 x 120 at (40, 40)
BANK_CENTRE = (690, 85)

LAYERED = """\
architecture "Motives" {
  goal Sales "More sales"
  capability Catalog "Catalog"
  container Api "API"
  policy Auth "OAuth2"
}

layout {
  Api: 40, 300
  Auth: 400, 300
  Catalog: 40, 40
  Sales: 400, 40
}
"""


def palette_item(window, kind: str):
    palette = window.palette_panel
    return next(palette.item(i) for i in range(palette.count())
                if palette.kinds()[i] == kind)


def drop_kind(window, kind: str, at: tuple[float, float]) -> None:
    """Drag-and-drop from the palette, as the canvas's viewport receives it."""
    data = window.palette_panel.mimeData([palette_item(window, kind)])
    point = QPointF(window.view.mapFromScene(QPointF(*at)))
    viewport = window.view.viewport()
    actions, left = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), actions, data, left, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point.toPoint(), actions, data, left,
                                                    modifiers))
    drop = QDropEvent(point, actions, data, left, modifiers)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def pick_from_next_menu(qtbot, entry: str, seen: list[list[str]]) -> None:
    """When the popup opens, note its entries and choose ``entry`` with the keyboard."""
    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, choose)
            return
        seen.append([a.text() for a in menu.actions()])
        menu.setActiveAction(next(a for a in menu.actions() if a.text() == entry))
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    QTimer.singleShot(0, choose)


def test_drop_a_service_from_the_palette(shop):
    assert shop.palette_panel.dragEnabled()  # a static icon view turns it off by default
    drop_kind(shop, "container", (900, 300))
    text = shop.editor.text()
    assert text == SHOP.replace(
        '  external Bank "Bank"\n',
        '  external Bank "Bank"\n  container Service "Service"\n').replace(
        "  Customer: 40, 40\n", "  Customer: 40, 40\n  Service: 810, 255\n")
    model = shop.document.result.model
    assert model.elements["Service"].kind == "container"
    assert shop.scene.element_item("Service").pos().toTuple() == (810, 255)
    assert shop.scene.selected_keys() == ["Service"]
    editor = shop.view.findChild(QLineEdit, "inlineLabelEditor")
    assert editor is not None and editor.isVisible() and editor.text() == "Service"
    editor.cancel()
    undo_redo_round_trip(shop, SHOP)


def test_a_second_drop_gets_a_fresh_id(shop):
    drop_kind(shop, "datastore", (900, 300))
    drop_kind(shop, "datastore", (900, 500))
    model = shop.document.result.model
    assert {"Datastore", "Datastore2"} <= set(model.elements)
    shop.editor.undo()
    assert "Datastore2" not in shop.editor.text() and "Datastore" in shop.editor.text()


def test_drop_into_a_system_creates_it_there(shop):
    drop_kind(shop, "broker", (560, 490))  # inside the Shop, below its children
    model = shop.document.result.model
    assert model.elements["Shop.Broker"].parent == "Shop"
    assert '    datastore Db "Orders DB"\n    broker Broker "Broker"\n  }' in shop.editor.text()
    assert shop.scene.element_item("Shop.Broker") is not None
    undo_redo_round_trip(shop, SHOP)


def test_click_a_palette_entry_then_the_canvas(shop, qtbot):
    palette = shop.palette_panel
    item = palette_item(shop, "gateway")
    qtbot.mouseClick(palette.viewport(), Qt.MouseButton.LeftButton,
                     pos=palette.visualItemRect(item).center())
    assert shop.gestures.palette.armed == "gateway"
    click(shop.view, (1000, 600))
    model = shop.document.result.model
    entry = model.layout["Gateway"]
    assert model.elements["Gateway"].kind == "gateway" and (entry.x, entry.y) == (910, 560)
    assert shop.gestures.palette.armed is None and not palette.selectedItems()
    undo_redo_round_trip(shop, SHOP)


def test_dropping_while_the_text_does_not_parse_changes_nothing(shop):
    cursor = shop.editor.textCursor()
    cursor.setPosition(len("// The shop, by hand\narchitecture"))
    cursor.insertText(" {{ ")
    broken = shop.editor.text()
    shop.document.reparse_now()
    click(shop.view, (1000, 600))  # nothing armed: a click on empty canvas does nothing
    shop.gestures.palette.arm("container")
    click(shop.view, (1000, 600))
    assert shop.editor.text() == broken
    assert "The text has errors" in shop.statusBar().currentMessage()


def test_hover_shows_handles_and_a_drag_connects(shop):
    hover(shop.view, (110, 100))
    handles = shop.gestures.connect._handles
    assert handles is not None and handles.isVisible() and len(handles.points) == 4
    drag(shop.view, CUSTOMER_RIGHT_HANDLE, BANK_CENTRE)
    text = shop.editor.text()
    assert text == SHOP.replace('  Customer -> Shop.Api "browses"\n',
                                '  Customer -> Shop.Api "browses"\n  Customer -> Bank\n')
    model = shop.document.result.model
    assert [(r.source, r.target, r.kind) for r in model.relations][-1] == (
        "Customer", "Bank", None)
    key = model.relations[-1].key
    assert shop.scene.relation_item(key) is not None
    assert shop.scene.selected_keys() == [key]
    undo_redo_round_trip(shop, SHOP)


def test_a_drag_from_a_handle_to_empty_canvas_offers_kinds_and_creates_connected(shop, qtbot):
    seen: list[list[str]] = []
    pick_from_next_menu(qtbot, "Datastore", seen)
    hover(shop.view, (110, 100))
    drag(shop.view, CUSTOMER_RIGHT_HANDLE, (1000, 650))
    assert seen and "Service" in seen[0] and "Goal" not in seen[0]  # run-time kinds only
    model = shop.document.result.model
    assert model.elements["Datastore"].kind == "datastore"
    assert (model.layout["Datastore"].x, model.layout["Datastore"].y) == (920, 600)
    assert (model.relations[-1].source, model.relations[-1].target) == ("Customer",
                                                                         "Datastore")
    undo_redo_round_trip(shop, SHOP)


def test_layered_elements_are_offered_only_the_kinds_their_layers_allow(make_window,
                                                                     tmp_path, qtbot):
    path = tmp_path / "motives.arch"
    path.write_text(LAYERED, encoding="utf-8")
    window = make_window(path)
    window.show()
    qtbot.waitExposed(window)
    window.view.reset_zoom()
    window.view.centerOn(300, 200)
    # capability -> goal: exactly one kind, no question asked
    hover(window.view, (130, 80))
    drag(window.view, (220, 80), (490, 80))
    assert "  Catalog -[satisfied-by]-> Sales\n" in window.editor.text()
    # container -> policy: two kinds, a menu of exactly those
    seen: list[list[str]] = []
    pick_from_next_menu(qtbot, "complies-with", seen)
    hover(window.view, (130, 345))
    drag(window.view, (220, 345), (480, 350))
    assert seen == [["protected-by", "complies-with"]]
    assert "  Api -[complies-with]-> Auth\n" in window.editor.text()
    # goal -> policy: nothing allowed; the text is left alone and the status says why
    before = window.editor.text()
    hover(window.view, (485, 80))
    drag(window.view, (485, 120), (480, 350))
    assert window.editor.text() == before
    assert "no relation kind" in window.statusBar().currentMessage()


def test_offers_follow_the_kind_table():
    assert relation_kinds("container", "datastore") == [None]
    assert relation_kinds("capability", "goal") == ["satisfied-by"]
    assert relation_kinds("goal", "policy") == []
    offered = dict(new_kinds("container"))
    assert set(offered) == {"person", "container", "datastore", "broker", "gateway",
                            "external"} and set(offered.values()) == {None}
    assert dict(new_kinds("capability")) == {"goal": "satisfied-by"}
