"""The rough edges a new user met: each with the behaviour they expected."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import subprocess
import sys

from gesture_support import SHOP, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QLineEdit
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)
from test_gestures_create_connect import drop_kind

from archstudio.app.file_commands import NEW_TEXT
from archstudio.dsl import parse


def fresh(make_window, qtbot):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(200)  # the first fit after the docks settle
    return window


def visible_editors(window) -> list[QLineEdit]:
    return [e for e in window.view.findChildren(QLineEdit) if e.isVisible()]


def test_the_first_drops_in_a_fresh_window_land_under_the_mouse_and_ask_a_name(
        make_window, qtbot):
    window = fresh(make_window, qtbot)
    viewport = window.view.viewport().rect()
    for number, kind in enumerate(("container", "datastore", "broker")):
        mouse = viewport.center() + QPoint(-250 + 250 * number, 60 * number)
        at = window.view.mapToScene(mouse)
        drop_kind(window, kind, (at.x(), at.y()))
        qname = next(q for q, e in window.document.result.model.elements.items()
                     if e.kind == kind)
        box = window.document.result.boxes[qname]
        centre = window.view.mapFromScene(QPointF(box.x + box.width / 2,
                                                  box.y + box.height / 2))
        assert (centre - mouse).manhattanLength() <= 24, (kind, centre, mouse)
        editors = visible_editors(window)
        assert len(editors) == 1
        editors[0].cancel()


def test_new_template_is_already_formatted(tmp_path):
    path = tmp_path / "new.arch"
    path.write_text(NEW_TEXT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "archstudio", "fmt", "--check", str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_open_and_new_show_the_whole_document(make_window, shop_file, qtbot, tmp_path):
    window = fresh(make_window, qtbot)
    window.view.set_zoom(3.0)
    window.view.centerOn(5000, 5000)
    assert window.open_path(str(shop_file))
    content = window.scene.content_rect()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(content)
    window.view.set_zoom(3.0)
    window.view.centerOn(5000, 5000)
    assert window.new_document()
    assert abs(window.view.zoom() - 1.0) < 1e-9
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(40, 40))


def test_an_element_typed_into_the_text_is_shown(shop, qtbot):
    shop.view.center_on(QPointF(-1500, 1500))  # Bank, its neighbour-to-be, is out of view
    text = shop.editor.text()
    at = text.index("  external Bank")
    cursor = shop.editor.textCursor()
    cursor.setPosition(at)
    shop.editor.setTextCursor(cursor)
    shop.editor.insertPlainText('  container Far "Far away"\n  Far -> Bank\n')
    shop.document.reparse_now()
    qtbot.wait(50)
    box = shop.document.result.boxes["Far"]
    visible = shop.view.mapToScene(shop.view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(box.x + box.width / 2, box.y + box.height / 2))


def test_handles_go_with_the_element_they_belong_to(shop, shop_file, qtbot):
    from test_gestures_create_connect import hover

    from archstudio.canvas.gestures.delete import request_delete
    from archstudio.canvas.gestures.rename import select_only

    def hover_bank() -> None:
        box = shop.document.result.boxes["Bank"]
        hover(shop.view, (box.x + box.width / 2, box.y + box.height / 2))
        assert visible_handles(shop)

    hover_bank()
    select_only(shop.view, "Bank")
    request_delete(shop.view)  # Delete with the mouse still over it
    assert "Bank" not in shop.document.result.model.elements
    assert not visible_handles(shop)
    shop.editor.undo()
    shop.document.reparse_now()
    hover_bank()
    other = shop_file.with_name("other.arch")
    other.write_text(SHOP.replace("Bank", "Ledger"), encoding="utf-8")
    shop.editor.document().setModified(False)
    assert shop.open_path(str(other))  # another file: nothing of the old one stays
    assert not visible_handles(shop)


def visible_handles(window) -> list:
    from PySide6.QtWidgets import QGraphicsItem
    return [i for i in window.scene.items()
            if isinstance(i, QGraphicsItem) and i.isVisible()
            and type(i).__name__.lower().find("handle") >= 0]


def test_moving_the_last_element_out_leaves_no_empty_braces(shop):
    from archstudio.canvas.gestures.requests import MoveRequest
    for qname in ("Shop.Api", "Shop.Db"):
        box = shop.document.result.boxes[qname]
        shop.canvas_edits.move(MoveRequest({qname: (900.0, box.y)}, {qname: None}))
    text = shop.editor.text()
    assert "system Shop {" not in text and "system Shop\n" in text
    assert not parse(text).errors
    shop.editor.undo()
    shop.editor.undo()
    assert shop.editor.text() == SHOP


def test_a_relation_to_a_misspelled_name_stays_drawn_dangling_until_fixed(shop, qtbot):
    from archstudio.canvas.dangling import DanglingItem

    def stubs() -> list[DanglingItem]:
        return [i for i in shop.scene.items() if isinstance(i, DanglingItem)]

    text = shop.editor.text()
    shop.editor.replace_all(text.replace('Customer -> Shop.Api "browses"',
                                         'Customer -> Shop.Apii "browses"'))
    shop.document.reparse_now()
    assert not any(k.startswith("Customer->") for k in shop.scene.relation_items())
    [stub] = stubs()
    assert stub.stub.missing == "Shop.Apii" and stub.stub.outgoing
    customer = shop.document.result.boxes["Customer"]
    assert stub.stub.start[0] == customer.right
    assert "Shop.Apii" in stub.toolTip() and "<img" not in stub.toolTip()
    shop.editor.undo()
    shop.document.reparse_now()
    assert not stubs() and any(k.startswith("Customer->") for k in shop.scene.relation_items())


def test_an_unknown_name_with_markup_is_shown_as_text(shop):
    from archstudio.canvas.dangling import DanglingItem, Stub
    item = DanglingItem(Stub((0.0, 0.0), "<img src=/dev/zero>", True, 3))
    assert "&lt;img" in item.toolTip() and "<img" not in item.toolTip()
