"""Moving on the canvas writes the layout section (and reparents) as one undo step."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import (  # noqa: F401  (fixtures)
    SHOP,
    click,
    drag,
    hover,
    shop,
    shop_file,
    undo_redo_round_trip,
)
from PySide6.QtCore import Qt
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app.settings import AppSettings

BANK_CENTRE = (690, 85)  # Bank is 180 x 90 at (600, 40)


def layout_line(text: str, qname: str) -> str:
    return next(line.strip() for line in text.splitlines()
                if line.strip().startswith(f"{qname}:"))


def test_drag_moves_one_element_onto_the_grid(shop):
    drag(shop.view, BANK_CENTRE, (BANK_CENTRE[0] + 113, BANK_CENTRE[1] + 47))
    text = shop.editor.text()
    assert text == SHOP.replace("  Bank: 600, 40\n", "  Bank: 720, 80\n")
    entry = shop.document.result.model.layout["Bank"]
    assert (entry.x, entry.y) == (720, 80)
    assert shop.scene.element_item("Bank").pos().toTuple() == (720, 80)
    assert shop.scene.selected_keys() == ["Bank"]
    undo_redo_round_trip(shop, SHOP)
    assert shop.scene.element_item("Bank").pos().toTuple() == (720, 80)


def test_a_drag_leaves_the_editor_cursor_where_it_was(shop):
    click(shop.view, BANK_CENTRE)  # the cursor follows the selection to its statement
    at = shop.editor.cursor_offset()
    assert at == SHOP.index('external Bank "Bank"')
    scroll = shop.editor.verticalScrollBar().value()
    drag(shop.view, BANK_CENTRE, (BANK_CENTRE[0] + 100, BANK_CENTRE[1]))
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 700, 40"
    assert shop.editor.cursor_offset() == at  # not pulled down to the layout section
    assert shop.editor.verticalScrollBar().value() == scroll


def test_snap_can_be_turned_off_and_is_remembered(shop, config_dir):
    assert shop.commands.snap_to_grid.isChecked()
    shop.commands.snap_to_grid.trigger()
    assert not AppSettings(config_dir).snap_to_grid()
    drag(shop.view, BANK_CENTRE, (BANK_CENTRE[0] + 13, BANK_CENTRE[1] + 7))
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 613, 47"


def test_drag_lines_up_with_a_neighbour(shop):
    shop.commands.snap_to_grid.trigger()  # guides alone
    # Bank's left edge dropped 4 px from the Shop's right edge (600) snaps onto it
    drag(shop.view, BANK_CENTRE, (BANK_CENTRE[0] + 4, BANK_CENTRE[1] + 350))
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 600, 390"


def test_ctrl_click_selects_many_and_one_drag_moves_them_in_one_step(shop):
    click(shop.view, (110, 100))  # Customer
    click(shop.view, BANK_CENTRE, Qt.KeyboardModifier.ControlModifier)
    assert shop.scene.selected_keys() == ["Bank", "Customer"]
    drag(shop.view, (110, 100), (110, 140))
    text = shop.editor.text()
    assert layout_line(text, "Bank") == "Bank: 600, 80"
    assert layout_line(text, "Customer") == "Customer: 40, 80"
    assert "// who buys" in text and text.startswith("// The shop, by hand\n")
    undo_redo_round_trip(shop, SHOP)


def test_shift_click_toggles_and_rubber_band_selects(shop):
    click(shop.view, (110, 100))
    click(shop.view, BANK_CENTRE, Qt.KeyboardModifier.ShiftModifier)
    assert shop.scene.selected_keys() == ["Bank", "Customer"]
    click(shop.view, BANK_CENTRE, Qt.KeyboardModifier.ShiftModifier)
    assert shop.scene.selected_keys() == ["Customer"]
    drag(shop.view, (0, 30), (900, 50))  # empty canvas: a rubber band
    assert shop.scene.selected_keys() == ["Bank", "Customer"]
    assert shop.editor.text() == SHOP


def test_select_all_with_ctrl_a_on_the_canvas(shop, qtbot):
    qtbot.keyClick(shop.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    model = shop.document.result.model
    assert shop.scene.selected_keys() == sorted(model.elements) + [
        r.key for r in model.relations]


def test_drag_into_a_system_reparents_and_grows_it(shop):
    # dropped low in the Shop: the Bank goes inside and the Shop grows to hold it
    drag(shop.view, BANK_CENTRE, (450, 470))
    text = shop.editor.text()
    model = shop.document.result.model
    assert "Bank" not in model.elements and model.elements["Shop.Bank"].parent == "Shop"
    assert '    external Bank "Bank"\n  }\n' in text
    assert layout_line(text, "Shop.Bank") == "Shop.Bank: 360, 420"
    assert layout_line(text, "Shop") == "Shop: 300, 200, 300, 334"
    assert shop.scene.element_item("Shop.Bank") is not None
    assert shop.scene.element_item("Bank") is None
    assert shop.scene.selected_keys() == ["Shop.Bank"]
    undo_redo_round_trip(shop, SHOP)


def test_drag_out_of_a_system_moves_it_to_the_top_level(shop):
    drag(shop.view, (420, 305), (990, 205))  # the Api, out to the right
    text = shop.editor.text()
    model = shop.document.result.model
    assert model.elements["Api"].parent is None and "Shop.Api" not in model.elements
    assert "Customer -> Api" in text  # the reference follows
    assert layout_line(text, "Api") == "Api: 900, 160"
    undo_redo_round_trip(shop, SHOP)


def test_dragging_a_system_moves_what_it_holds(shop):
    drag(shop.view, (330, 210), (330, 250))  # by its title tab
    text = shop.editor.text()
    assert layout_line(text, "Shop") == "Shop: 300, 240, 300, 310"
    assert layout_line(text, "Shop.Api") == "Shop.Api: 330, 300"
    assert layout_line(text, "Shop.Db") == "Shop.Db: 330, 420"
    undo_redo_round_trip(shop, SHOP)


def test_resize_a_system_by_its_corner(shop):
    click(shop.view, (330, 210))  # its title tab
    assert shop.scene.selected_keys() == ["Shop"]
    hover(shop.view, (600, 510))
    drag(shop.view, (600, 510), (700, 570))
    assert layout_line(shop.editor.text(), "Shop") == "Shop: 300, 200, 400, 370"
    assert shop.document.result.boxes["Shop"].width == 400
    undo_redo_round_trip(shop, SHOP)


def test_arrow_keys_nudge_the_selection(shop, qtbot):
    click(shop.view, BANK_CENTRE)
    qtbot.keyClick(shop.view, Qt.Key.Key_Right)
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 601, 40"
    qtbot.keyClick(shop.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 601, 60"
    shop.editor.undo()
    shop.editor.undo()
    assert shop.editor.text() == SHOP


def test_a_move_while_the_text_does_not_parse_changes_nothing(shop):
    shop.editor.apply_edits([])  # nothing
    cursor = shop.editor.textCursor()
    cursor.setPosition(len("// The shop, by hand\narchitecture"))
    cursor.insertText(" {{ ")
    broken = shop.editor.text()
    shop.document.reparse_now()
    assert shop.scene.is_stale
    drag(shop.view, BANK_CENTRE, (BANK_CENTRE[0] + 100, BANK_CENTRE[1]))
    assert shop.editor.text() == broken
    assert "syntax error" in shop.statusBar().currentMessage()
    assert shop.scene.element_item("Bank").pos().toTuple() == (600, 40)


def test_undoing_the_first_drag_of_an_unplaced_element_puts_it_back(make_window, tmp_path):
    """An element with no layout entry was placed automatically; after a drag and an
    undo (the entry is gone again) it returns to that place, not where it was dragged."""
    path = tmp_path / "unplaced.arch"
    path.write_text(SHOP.replace("  Bank: 600, 40\n", ""), encoding="utf-8")
    window = make_window(path)
    before = window.editor.text()
    item = window.scene.element_item("Bank")
    placed = item.pos().toTuple()
    centre = (placed[0] + 90, placed[1] + 45)
    drag(window.view, centre, (centre[0] + 200, centre[1] + 150))
    assert "Bank:" in window.editor.text()
    assert window.scene.element_item("Bank").pos().toTuple() != placed
    window.commands.undo.trigger()
    assert window.editor.text() == before
    window.document.reparse_now()
    assert window.scene.element_item("Bank").pos().toTuple() == placed
