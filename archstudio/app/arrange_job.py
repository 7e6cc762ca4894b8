"""Auto-arrange and Tidy: the layered layout, off the UI thread on big models, written back
into the ``layout`` section as one edit (so one Undo takes it back)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Signal

from archstudio.dsl import TextEdit
from archstudio.edit.layout import entry_text, layout_edits
from archstudio.layout import Box, arrange, auto_arrange
from archstudio.model import Model

BACKGROUND_FROM = 100  # elements; below this the layout takes a few ms at most


def positions_edits(text: str, model: Model, boxes: dict[str, Box]) -> list[TextEdit]:
    """The layout-section edit that records every box (systems with their size)."""
    changes: dict[str, str | None] = {}
    for qname, box in boxes.items():
        element = model.elements.get(qname)
        if element is None:
            continue
        size = (round(box.width), round(box.height)) if element.is_group else (None, None)
        changes[qname] = entry_text(qname, round(box.x), round(box.y), *size)
    return layout_edits(text, model, changes)


class _Signals(QObject):
    finished = Signal(object)  # dict[str, Box]


def compute_arrangement(model: Model, direction: str = "auto", aspect: float = 16 / 9,
                        tidy: bool = False) -> dict[str, Box]:
    """The boxes to write: everything (auto-arrange), or for Tidy only what the file does
    not pin (pinned elements stay where they are, the rest is placed around them)."""
    if not tidy:
        return auto_arrange(model, direction, aspect=aspect)
    boxes = arrange(model) if model.layout else auto_arrange(model, direction, aspect=aspect)
    return {q: b for q, b in boxes.items() if q not in model.layout}


class ArrangeJob(QRunnable):
    """Runs the arrangement in a QThreadPool worker; the result comes back as a signal."""

    def __init__(self, model: Model, direction: str = "auto", aspect: float = 16 / 9,
                 tidy: bool = False) -> None:
        super().__init__()
        self.model = model
        self.options = (direction, aspect, tidy)
        self.signals = _Signals()

    def run(self) -> None:
        self.signals.finished.emit(compute_arrangement(self.model, *self.options))
