"""While the text does not parse: a banner with the first error's line, structural canvas
edits refused with that message (paste, delete, create, connect), the context menu's
edit entries off, nothing lost; once fixed, editing works again."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import (  # noqa: F401  (fixtures)
    SHOP,
    Left,
    NoButton,
    drag,
    hover,
    send,
    shop,
    shop_file,
)
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QTextCursor
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)
from test_clipboard import clean_clipboard  # noqa: F401  (autouse fixture)

from archstudio.app.edit_guard import BANNER
from archstudio.canvas.gestures.requests import CreateRequest

CTRL = Qt.KeyboardModifier.ControlModifier
BROKEN_LINE = 8  # the line the test types the broken statement on


def break_text(qtbot, window) -> str:
    """Type a statement with no name into the system (line 8), as a person would."""
    text = window.editor.text()
    at = text.index('    datastore Db "Orders DB"\n') + len('    datastore Db "Orders DB"\n')
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.offsets().to_qt(at))
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText("    container {\n")  # pasted: no brace auto-close
    window.document.reparse_now()
    return window.editor.text()


def middle(window, qname: str) -> tuple[float, float]:
    box = window.document.result.boxes[qname]
    return box.x + box.width / 2, box.y + box.height / 2


def status(window) -> str:
    return window.statusBar().currentMessage()


def test_the_banner_names_the_first_error_and_its_line(shop, qtbot):
    break_text(qtbot, shop)
    assert shop.scene.is_stale
    message = shop.canvas_commands.guard.message
    assert message.startswith(f"{BANNER} (syntax error on line {BROKEN_LINE}: ")
    assert "expected a name after 'container'" in message
    assert shop.view.stale_message == message
    image = shop.view.viewport().grab().toImage()
    banner = QColor(shop.scene.theme.stale_banner)
    assert image.pixelColor(30, 12).name() == banner.name()  # drawn over the canvas
    while shop.editor.text() != SHOP:  # undo the typing: the diagram is live again
        shop.commands.undo.trigger()
    shop.document.reparse_now()
    assert shop.canvas_commands.guard.message is None and not shop.scene.is_stale
    image = shop.view.viewport().grab().toImage()
    assert image.pixelColor(30, 12).name() != banner.name()


def test_paste_and_delete_are_refused_with_the_banner_message(shop, qtbot):
    shop.activateWindow()
    qtbot.waitUntil(shop.isActiveWindow, timeout=2000)
    hover(shop.view, middle(shop, "Bank"))
    send(shop.view, QEvent.Type.MouseButtonPress, shop.view.mapFromScene(
        QPointF(*middle(shop, "Bank"))), Left, Left)
    send(shop.view, QEvent.Type.MouseButtonRelease, shop.view.mapFromScene(
        QPointF(*middle(shop, "Bank"))), Left, NoButton)
    assert shop.scene.selected_keys() == ["Bank"]
    shop.view.setFocus()
    qtbot.keyClick(shop.view, Qt.Key.Key_C, CTRL)  # copied while the text was fine
    broken = break_text(qtbot, shop)
    shop.view.setFocus()
    shop.scene.select(["Bank"])
    qtbot.keyClick(shop.view, Qt.Key.Key_V, CTRL)
    assert shop.editor.text() == broken
    assert status(shop).startswith("Cannot paste. " + BANNER)
    assert f"(syntax error on line {BROKEN_LINE}:" in status(shop)
    qtbot.keyClick(shop.view, Qt.Key.Key_Delete)
    assert shop.editor.text() == broken
    assert "Cannot delete. " + BANNER in status(shop)
    assert shop.scene.element_item("Bank") is not None  # the last good diagram stays


def test_create_and_connect_are_refused_and_nothing_is_lost(shop, qtbot):
    broken = break_text(qtbot, shop)
    shop.view.sig_create_requested.emit(CreateRequest("container", 100, 500))
    assert shop.editor.text() == broken
    assert status(shop).startswith("Cannot add a")
    assert f". {BANNER} (syntax error on line {BROKEN_LINE}: " in status(shop)
    # the connect handles do not even appear: a drag from Customer to Bank does nothing
    customer, bank = middle(shop, "Customer"), middle(shop, "Bank")
    box = shop.document.result.boxes["Customer"]
    hover(shop.view, customer)
    drag(shop.view, (box.right, box.y + box.height / 2), bank)
    assert shop.editor.text() == broken
    assert len(shop.document.result.shown.relations) == 1


def test_the_context_menu_says_why_its_edit_entries_are_off(shop, qtbot):
    break_text(qtbot, shop)
    menus = shop.canvas_commands.menus
    menu = menus.menu_at(shop.view.mapFromScene(QPointF(*middle(shop, "Bank"))))
    actions = {a.text().replace("&", "").split("\t")[0]: a for a in menu.actions()
               if not a.isSeparator()}
    note = actions["Fix the text's errors to edit the diagram"]
    assert not note.isEnabled() and note.toolTip().startswith(BANNER)
    assert not any(actions[name].isEnabled() for name in ("Rename", "Cut", "Duplicate",
                                                          "Delete", "Copy"))
    assert actions["Select All"].isEnabled()
    canvas = menus.menu_at(shop.view.mapFromScene(QPointF(160, 520)))
    enabled = {a.text().replace("&", "").split("\t")[0]: a.isEnabled() for a in canvas.actions()
               if not a.isSeparator()}
    assert enabled["Paste Here"] is False and enabled["Fit to Window"] is True


def test_once_fixed_the_canvas_edits_again(shop, qtbot):
    break_text(qtbot, shop)
    cursor = shop.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left)  # just before the '{'
    cursor.movePosition(QTextCursor.MoveOperation.Left)
    cursor.movePosition(QTextCursor.MoveOperation.Left)
    shop.editor.setTextCursor(cursor)
    qtbot.keyClicks(shop.editor, " Search")  # "container Search {" ... still open
    qtbot.keyClick(shop.editor, Qt.Key.Key_End)
    qtbot.keyClicks(shop.editor, " }")
    shop.document.reparse_now()
    assert not shop.scene.is_stale and shop.canvas_commands.guard.message is None
    fixed = shop.editor.text()
    assert "container Search { }" in fixed
    shop.view.sig_create_requested.emit(CreateRequest("container", 100, 500))
    assert shop.editor.text() != fixed
    assert "Shop.Search" in shop.document.result.model.elements
    assert SHOP.startswith("// The shop, by hand")
