"""One undo history for text and canvas: type, drag, type, connect; then undo all the way
back to the original text and redo all the way forward, byte for byte at every step,
with the model and the scene following."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import SHOP, drag, hover, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.dsl import parse

MAX_TYPING_STEPS = 40  # typed characters may be merged into fewer undo steps, never more


def type_after(qtbot, window, anchor: str, keys: str, newline: bool = False) -> None:
    """Click the text just after ``anchor`` and type ``keys`` (then Return)."""
    at = window.editor.text().index(anchor) + len(anchor)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.offsets().to_qt(at))
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, keys)
    if newline:
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    window.document.reparse_now()


def centre(window, qname: str) -> tuple[float, float]:
    box = window.document.result.boxes[qname]
    return box.x + box.width / 2, box.y + box.height / 2


def shows(window, text: str) -> None:
    """The model and the scene are those of ``text``."""
    window.document.reparse_now()
    model = parse(text)
    assert window.editor.text() == text
    assert set(window.scene.element_items()) == set(model.elements)
    assert set(window.scene.relation_items()) == {r.key for r in model.relations}
    for qname, entry in model.layout.items():
        box = window.scene.element_item(qname).box
        assert (box.x, box.y) == (entry.x, entry.y)


def undo_to(window, text: str, steps: int) -> None:
    """Undo until the text is ``text``: exactly ``steps`` undos, or for typing at most
    MAX_TYPING_STEPS, never passing it."""
    for _ in range(steps if steps else MAX_TYPING_STEPS):
        window.commands.undo.trigger()
        if window.editor.text() == text:
            break
    shows(window, text)


def redo_to(window, text: str, steps: int) -> None:
    for _ in range(steps if steps else MAX_TYPING_STEPS):
        window.commands.redo.trigger()
        if window.editor.text() == text:
            break
    shows(window, text)


def test_type_drag_type_connect_then_undo_and_redo_everything(shop, qtbot):
    history = [SHOP]
    # 1. type a comment after the bank
    type_after(qtbot, shop, 'external Bank "Bank"', "  // pays out")
    history.append(shop.editor.text())
    assert '"Bank"  // pays out\n' in history[-1]
    # 2. drag the customer down (snapped to the grid, one layout line changes)
    start = centre(shop, "Customer")
    drag(shop.view, start, (start[0] + 43, start[1] + 118))
    history.append(shop.editor.text())
    moved = parse(history[-1]).layout["Customer"]
    assert (moved.x, moved.y) != (40, 40) and moved.x % 20 == 0 and moved.y % 20 == 0
    before, after = history[-2].splitlines(), history[-1].splitlines()
    assert len(before) == len(after)
    assert [(b, a) for b, a in zip(before, after, strict=True) if b != a] == [
        ("  Customer: 40, 40", f"  Customer: {moved.x:g}, {moved.y:g}")]
    # 3. type a new element on a line of its own
    type_after(qtbot, shop, '  external Bank "Bank"  // pays out\n', '  container Audit "Audit"',
               newline=True)
    history.append(shop.editor.text())
    assert "Audit" in shop.scene.element_items()
    # 4. connect the customer to the bank by dragging from a handle
    box = shop.document.result.boxes["Customer"]
    hover(shop.view, centre(shop, "Customer"))
    drag(shop.view, (box.right, box.y + box.height / 2), centre(shop, "Bank"))
    history.append(shop.editor.text())
    relations = parse(history[-1]).relations
    assert ("Customer", "Bank") in {(r.source, r.target) for r in relations}
    assert len(set(history)) == 5  # every step changed the text
    shows(shop, history[-1])

    # undo all the way back: gestures are one step each, typing takes a few
    steps = {4: 1, 3: 0, 2: 1, 1: 0}
    for index in (4, 3, 2, 1):
        undo_to(shop, history[index - 1], steps[index])
    assert shop.editor.text() == SHOP
    assert not shop.editor.document().isUndoAvailable()
    # and forward again
    for index in (1, 2, 3, 4):
        redo_to(shop, history[index], steps[index])
    assert shop.editor.text() == history[-1]
    assert not shop.editor.document().isRedoAvailable()
