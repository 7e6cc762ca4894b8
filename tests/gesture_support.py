"""Driving the canvas with real mouse events (pressed buttons included, which QTest's
mouseMove cannot carry) and a small hand-written file to edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

SHOP = """\
// The shop, by hand
architecture "Shop" {
  person Customer "Customer"   // who buys

  system Shop {
    container Api "API"
    datastore Db "Orders DB"
  }

  external Bank "Bank"
  Customer -> Shop.Api "browses"
}

layout {
  Bank: 600, 40
  Customer: 40, 40
  Shop: 300, 200, 300, 310
  Shop.Api: 330, 260
  Shop.Db: 330, 380
}
"""

Left = Qt.MouseButton.LeftButton
NoButton = Qt.MouseButton.NoButton
NoModifier = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def shop_file(tmp_path) -> Path:
    path = tmp_path / "shop.arch"
    path.write_text(SHOP, encoding="utf-8")
    return path


@pytest.fixture
def shop(make_window, shop_file, qtbot):
    """A shown window on the shop file, the canvas at 100 % and focused."""
    window = make_window(shop_file)
    window.show()
    qtbot.waitExposed(window)
    window.view.reset_zoom()
    window.view.centerOn(450, 300)
    window.view.setFocus()
    return window


def send(view, kind: QEvent.Type, at: QPoint, button, buttons, modifiers=NoModifier) -> None:
    viewport = view.viewport()
    event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)), button, buttons,
                        modifiers)
    QApplication.sendEvent(viewport, event)


def hover(view, scene_point: tuple[float, float]) -> None:
    send(view, QEvent.Type.MouseMove, view.mapFromScene(QPointF(*scene_point)), NoButton,
         NoButton)


def drag(view, start: tuple[float, float], end: tuple[float, float],
         modifiers=NoModifier, steps: int = 6) -> None:
    """Press at ``start``, move in steps with the button held, release at ``end``
    (scene coordinates)."""
    first = view.mapFromScene(QPointF(*start))
    last = view.mapFromScene(QPointF(*end))
    send(view, QEvent.Type.MouseButtonPress, first, Left, Left, modifiers)
    for step in range(1, steps + 1):
        at = first + (last - first) * (step / steps)
        send(view, QEvent.Type.MouseMove, at, NoButton, Left, modifiers)
    send(view, QEvent.Type.MouseButtonRelease, last, Left, NoButton, modifiers)


def click(view, at: tuple[float, float], modifiers=NoModifier) -> None:
    point = view.mapFromScene(QPointF(*at))
    send(view, QEvent.Type.MouseButtonPress, point, Left, Left, modifiers)
    send(view, QEvent.Type.MouseButtonRelease, point, Left, NoButton, modifiers)


def undo_redo_round_trip(window, before: str) -> None:
    """One undo gives back ``before`` byte for byte; one redo the edited text again."""
    after = window.editor.text()
    window.commands.undo.trigger()
    assert window.editor.text() == before
    window.document.reparse_now()
    window.commands.redo.trigger()
    assert window.editor.text() == after
    window.document.reparse_now()
