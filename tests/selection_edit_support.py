"""Helpers for the rename, properties, relation and delete tests: real input on the view
and the panel, and the undo/redo round trip every canvas edit must pass.

Imported by tests/test_gestures_rename.py, test_properties_editing.py,
test_relation_editing.py and test_delete.py; it holds no tests of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from archstudio.dsl import parse

SMALL = """\
architecture "Shop" {
  // people first
  person Customer "Online Customer"

  system Shop {
    container Api "Shop API" {
      technology "Go"
    }
    datastore Db "Orders DB"
  }

  Customer -> Api "browses"   // the main path
  Api -> Db "reads"
}
"""

LEFT = Qt.MouseButton.LeftButton


def open_text(make_window, tmp_path, text: str = SMALL):
    """A window on a file holding ``text``, shown, with every item on screen."""
    path = tmp_path / "shop.arch"
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    window.show()
    window.view.resize(900, 700)
    window.view.fit_to_window()
    return window


def element_point(window, qname: str) -> QPoint:
    """The viewport point at the middle of an element (a system's title tab)."""
    item = window.scene.element_item(qname)
    rect = item.sceneBoundingRect()
    at = rect.center() if item.kind != "system" else QPointF(
        item.box.x + item.face.tab_width / 2, item.box.y + 12)
    return window.view.mapFromScene(at)


def relation_point(window, key: str) -> QPoint:
    """A viewport point on a relation's line, halfway along its first segment."""
    points = window.scene.relation_item(key).face.points
    (x1, y1), (x2, y2) = points[0], points[1]
    return window.view.mapFromScene(QPointF((x1 + x2) / 2, (y1 + y2) / 2))


def relation_key(window, source: str, target: str) -> str:
    return next(k for k in window.scene.relation_items()
                if k.startswith(f"{source}->{target}#"))


def click(qtbot, window, point: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.view.viewport(), LEFT, modifier, point)


def double_click(qtbot, window, point: QPoint) -> None:
    viewport = window.view.viewport()
    qtbot.mouseClick(viewport, LEFT, pos=point)
    qtbot.mouseDClick(viewport, LEFT, pos=point)


def drag(window, start: QPoint, end: QPoint, steps: int = 5) -> None:
    """Press, move with the button held (QTest's mouseMove carries no buttons), release."""
    viewport = window.view.viewport()

    def send(kind, at: QPoint, buttons) -> None:
        event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)),
                            LEFT, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    send(QEvent.Type.MouseButtonPress, start, LEFT)
    for i in range(1, steps + 1):
        send(QEvent.Type.MouseMove, start + (end - start) * i / steps, LEFT)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def inline_editor(window) -> QLineEdit | None:
    editors = [e for e in window.view.viewport().findChildren(QLineEdit) if e.isVisible()]
    return editors[0] if editors else None


def type_into(qtbot, editor: QLineEdit, text: str) -> None:
    """Replace what the editor holds by typing, then Enter."""
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def check_undo_redo(window, before: str, after: str) -> None:
    """One undo gives back ``before`` byte for byte, and the canvas follows; redo gives
    ``after`` again."""
    assert window.editor.text() == after
    window.commands.undo.trigger()
    assert window.editor.text() == before
    window.document.reparse_now()
    assert set(window.scene.element_items()) == set(parse(before).elements)
    window.commands.redo.trigger()
    assert window.editor.text() == after
    window.document.reparse_now()
    assert set(window.scene.element_items()) == set(parse(after).elements)
