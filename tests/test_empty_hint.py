"""An empty architecture's canvas says how to put the first element on it; the words go
with the first element, and never show while a file is still opening."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from archstudio.canvas import DiagramView
from archstudio.canvas.empty_hint import LINES, TITLE, hint_for
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.render.theme import LIGHT

EMPTY = 'architecture "New" {\n}\n'
ONE = 'architecture "New" {\n  container api "Orders API"\n}\n'


def _dark_in_middle(view: DiagramView) -> int:
    """Pixels in the middle band of the viewport much darker than the canvas (text)."""
    image = view.viewport().grab().toImage()
    background = QColor(LIGHT.background).lightness()
    height, width = image.height(), image.width()
    return sum(1 for x in range(width // 4, 3 * width // 4, 2)
               for y in range(height // 2 - 60, height // 2 + 60, 2)
               if image.pixelColor(x, y).lightness() < background - 60)


def _show(view: DiagramView, text: str) -> None:
    model = parse(text)
    view.diagram_scene.show_model(model, arrange(model))
    QApplication.processEvents()


def test_an_empty_canvas_says_how_to_begin_until_the_first_element(qapp):
    assert hint_for(parse(EMPTY)) == (TITLE, *LINES)
    assert hint_for(parse(ONE)) == () and hint_for(None) == ()
    view = DiagramView()
    view.resize(900, 600)
    view.show()
    try:
        QApplication.processEvents()
        blank = _dark_in_middle(view)  # nothing parsed yet: nothing said
        assert view.hint == ()
        _show(view, EMPTY)
        said = _dark_in_middle(view)
        assert view.hint == (TITLE, *LINES)
        assert said > blank + 200  # the words are drawn in the middle
        view.set_placeholder("Opening big.arch…")  # a file opening says only that
        QApplication.processEvents()
        _dark_in_middle(view)
        assert view.hint == ()
        view.set_placeholder("")
        _show(view, ONE)
        _dark_in_middle(view)
        assert view.hint == ()
        assert any(item.isVisible() for item in view.diagram_scene.element_items().values())
    finally:
        view.close()
