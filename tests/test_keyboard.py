"""Keyboard-complete: redo keys, focus between canvas/text/panels, the canvas commands
from the Insert menu and their shortcuts, the context-menu key at the selection, Actual
Size and Fit, and a visible focus frame on the canvas."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import SHOP, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas.gestures.rename import select_only
from archstudio.dsl import parse

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def visible_rect(window):
    return window.view.mapToScene(window.view.viewport().rect()).boundingRect()


def keyboard_menu_event(window) -> QContextMenuEvent:
    """What the Menu key sends: a keyboard-reason event at the widget's corner."""
    return QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0),
                             window.view.mapToGlobal(QPoint(0, 0)))


def test_ctrl_y_and_ctrl_shift_z_both_redo(shop, qtbot):
    redo_keys = {s.toString() for s in shop.commands.redo.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= redo_keys
    for keys in ((Qt.Key.Key_Y, Ctrl), (Qt.Key.Key_Z, Ctrl | Shift)):
        shop.keyboard.add_element("container")
        shop.view.setFocus()
        changed = shop.editor.text()
        qtbot.keyClick(shop.view, Qt.Key.Key_Z, Ctrl)
        assert shop.editor.text() != changed  # undone
        qtbot.keyClick(shop.view, *keys)
        assert shop.editor.text() == changed


def test_ctrl_tab_moves_focus_through_canvas_text_and_panels(shop, qtbot):
    shop.activateWindow()
    shop.view.setFocus()
    order = shop.keyboard.focus_order()
    assert order[0] is shop.view and order[1] is shop.editor and len(order) >= 5
    seen = []
    for _ in range(len(order)):
        qtbot.keyClick(QApplication.focusWidget() or shop.view, Qt.Key.Key_Tab, Ctrl)
        focused = QApplication.focusWidget()
        seen.append(next(i for i, w in enumerate(order)
                         if focused is w or w.isAncestorOf(focused)))
    assert seen == [*range(1, len(order)), 0]  # every stop once, back to the canvas
    qtbot.keyClick(shop.view, Qt.Key.Key_Backtab, Ctrl | Shift)
    assert order[-1].isAncestorOf(QApplication.focusWidget()) or \
        QApplication.focusWidget() is order[-1]


def test_tab_in_the_text_still_indents(shop, qtbot):
    shop.editor.setFocus()
    before = shop.editor.text()
    qtbot.keyClick(shop.editor, Qt.Key.Key_Tab)
    assert shop.editor.text() != before and shop.editor.hasFocus()


def test_the_context_menu_key_opens_the_selection_menu_at_the_selection(shop, monkeypatch):
    shown: list[tuple[QMenu, QPoint]] = []
    monkeypatch.setattr(shop.canvas_commands.menus, "popup",
                        lambda menu, where: shown.append((menu, where)))
    select_only(shop.view, "Bank")
    QApplication.sendEvent(shop.view, keyboard_menu_event(shop))
    menu, where = shown[-1]
    assert menu.objectName() == "elementContextMenu"
    item_centre = shop.view.mapFromScene(shop.scene.element_item("Bank")
                                         .sceneBoundingRect().center())
    assert shop.view.viewport().mapFromGlobal(where) == item_centre
    shop.scene.clearSelection()
    QApplication.sendEvent(shop.view, keyboard_menu_event(shop))
    menu, where = shown[-1]
    assert menu.objectName() == "canvasContextMenu"
    assert shop.view.viewport().mapFromGlobal(where) == shop.view.viewport().rect().center()


def test_add_element_from_the_insert_menu_lands_in_view_and_opens_its_name(shop, qtbot):
    shop.view.centerOn(2000, 1500)  # far from everything
    insert = shop.findChild(QMenu, "insertMenu")
    assert insert.menuAction() in shop.menuBar().actions()
    add = next(a.menu() for a in insert.actions() if a.menu() and "Element" in a.text())
    service = next(a for a in add.actions() if a.data() == "container")
    service.trigger()
    model = shop.document.result.model
    assert "Service" in model.elements
    box = shop.document.result.boxes["Service"]
    assert visible_rect(shop).contains(box.x + box.width / 2, box.y + box.height / 2)
    from PySide6.QtWidgets import QLineEdit
    editors = [e for e in shop.view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1  # the name editor, as after a drop
    editors[0].cancel()
    shop.editor.undo()
    assert shop.editor.text() == SHOP


def test_elements_added_from_the_keyboard_never_stack(shop):
    made = [shop.keyboard.add_element("container") for _ in range(4)]
    boxes = shop.document.result.boxes
    placed = [boxes[q] for q in made]
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
    visible = visible_rect(shop)
    assert all(visible.intersects(QRectF(b.x, b.y, b.width, b.height)) for b in placed)


def test_add_element_inside_the_selected_system(shop):
    select_only(shop.view, "Shop")
    made = shop.keyboard.add_element("datastore")
    assert made == "Shop.Datastore"
    assert parse(shop.editor.text()).elements["Shop.Datastore"].parent == "Shop"


def test_no_two_commands_share_a_shortcut(shop):
    from PySide6.QtGui import QAction
    owners: dict[str, str] = {}
    for action in shop.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert owners.setdefault(key, action.text()) == action.text(), key
    assert {"Alt+Shift+1", "Ctrl+Shift+K", "Ctrl+Shift+M", "Shift+F10"} <= set(owners)


def test_connect_to_an_element_chosen_by_name(shop):
    select_only(shop.view, "Bank")
    shop.prompts.choice = "Shop.Db"
    shop.keyboard.connect_to()
    model = parse(shop.editor.text())
    assert any(r.source == "Bank" and r.target == "Shop.Db" for r in model.relations)
    shop.editor.undo()
    assert shop.editor.text() == SHOP
    shop.prompts.choice = None  # cancelled: nothing happens
    shop.keyboard.connect_to()
    assert shop.editor.text() == SHOP


def test_move_into_a_system_chosen_by_name(shop):
    select_only(shop.view, "Bank")
    shop.prompts.choice = "Shop"
    shop.keyboard.move_into()
    model = parse(shop.editor.text())
    assert "Shop.Bank" in model.elements
    box = shop.document.result.boxes
    assert box["Shop"].x <= box["Shop.Bank"].x and box["Shop.Bank"].right <= box["Shop"].right
    select_only(shop.view, "Shop.Bank")
    shop.prompts.choice = "(top level)"
    shop.keyboard.move_into()
    assert "Bank" in parse(shop.editor.text()).elements


def test_enter_on_a_palette_entry_adds_that_kind(shop, qtbot):
    palette = shop.palette_panel
    row = palette.kinds().index("broker")
    palette.setFocus()
    palette.setCurrentRow(row)
    qtbot.keyClick(palette, Qt.Key.Key_Return)
    assert "Broker" in shop.document.result.model.elements


def test_actual_size_and_fit(shop, qtbot):
    assert shop.commands.actual_size.shortcut() == QKeySequence("Ctrl+0")
    assert shop.commands.fit.shortcut() == QKeySequence("Ctrl+1")
    shop.view.set_zoom(0.5)
    shop.commands.actual_size.trigger()
    assert abs(shop.view.zoom() - 1.0) < 1e-9
    shop.commands.fit.trigger()
    content = shop.scene.content_rect()
    assert visible_rect(shop).contains(content)


def test_the_canvas_shows_when_it_has_the_focus(shop, qtbot):
    shop.activateWindow()
    shop.editor.setFocus()
    qtbot.waitUntil(lambda: shop.editor.hasFocus())
    unfocused = shop.view.grab().toImage().pixelColor(0, shop.view.height() // 2)
    shop.view.setFocus()
    qtbot.waitUntil(lambda: shop.view.hasFocus())
    focused = shop.view.grab().toImage().pixelColor(0, shop.view.height() // 2)
    assert focused != unfocused
