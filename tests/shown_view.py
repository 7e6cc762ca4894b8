"""A canvas view showing a model laid out by the engine, for the canvas tests' fixtures."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QApplication

from archstudio.canvas import DiagramView
from archstudio.dsl import parse
from archstudio.layout import arrange


def shown_view(text: str, width: int = 800, height: int = 600) -> Iterator[DiagramView]:
    """Yield a shown view of ``text`` (auto-arranged), closed afterwards."""
    view = DiagramView()
    view.resize(width, height)
    model = parse(text)
    view.diagram_scene.show_model(model, arrange(model))
    view.show()
    QApplication.processEvents()
    yield view
    view.close()
