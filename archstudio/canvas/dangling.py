"""Relations with an end that names no element (a typo, an element not written yet) are
drawn dangling from the end that exists: a dashed red stub ending in the unknown name, so
a relation never vanishes silently while the person fixes it.

Scene items follow the model like every other item; they are not selectable and never
exported (export draws only what resolves).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from archstudio.layout.geometry import Box
from archstudio.model.elements import Model

STUB = 70.0
STEP = 18.0
COLOUR = QColor("#d32f2f")


@dataclass(frozen=True)
class Stub:
    """From ``start`` outwards to a marker naming ``missing``; ``outgoing`` when the
    existing end is the source."""

    start: tuple[float, float]
    missing: str
    outgoing: bool
    line: int


class DanglingItem(QGraphicsItem):
    def __init__(self, stub: Stub) -> None:
        super().__init__()
        self.stub = stub
        x, y = stub.start
        direction = 1.0 if stub.outgoing else -1.0
        self._end = QPointF(x + direction * STUB, y)
        self._path = QPainterPath(QPointF(x, y))
        self._path.lineTo(self._end)
        self._font = QFont()
        self._font.setPixelSize(11)
        self._text = f"? {stub.missing}"
        width = QFontMetricsF(self._font).horizontalAdvance(self._text) + 6
        left = self._end.x() + 4 if stub.outgoing else self._end.x() - 4 - width
        self._text_rect = QRectF(left, y - 9, width, 18)
        self._bounds = self._path.boundingRect().united(self._text_rect).adjusted(-3, -3, 3, 3)
        self.setZValue(5)
        self.setToolTip("<qt>" + html.escape(
            f"Relation to an unknown element '{stub.missing}' (line {stub.line}). "
            "Fix the name in the text, or add the element.") + "</qt>")

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        pen = QPen(COLOUR, 1.6, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(self._path)
        painter.setBrush(COLOUR)
        painter.drawEllipse(self._end, 3, 3)
        painter.setFont(self._font)
        painter.drawText(self._text_rect, Qt.AlignmentFlag.AlignCenter, self._text)


def stubs_of(model: Model, boxes: dict[str, Box]) -> list[Stub]:
    """A stub per relation with exactly one known end, stacked per element and side."""
    stubs: list[Stub] = []
    used: dict[tuple[str, bool], int] = {}
    for relation in model.relations:
        source, target = relation.source, relation.target
        if (source is None) == (target is None):
            continue
        known = source if source is not None else target
        if known not in boxes:
            continue
        outgoing = source is not None
        missing = relation.target_ref if outgoing else relation.source_ref
        box = boxes[known]
        count = used.get((known, outgoing), 0)
        used[(known, outgoing)] = count + 1
        y = min(box.y + box.height / 2 + count * STEP, box.bottom - 4)
        x = box.right if outgoing else box.x
        stubs.append(Stub((x, y), missing, outgoing, relation.span.line))
    return stubs


def _shared(before: Model, after: Model) -> bool:
    """The very same relation objects (a dangling relation is never shared)."""
    if len(before.relations) != len(after.relations):
        return False
    return all(a is b for a, b in zip(before.relations, after.relations, strict=True))


class DanglingRelations:
    """Keeps one :class:`DanglingItem` per stub in ``scene``."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.items: dict[Stub, DanglingItem] = {}
        self._shown: tuple[Model, dict[str, Box]] | None = None

    def show(self, model: Model, boxes: dict[str, Box]) -> None:
        shown, self._shown = self._shown, (model, boxes)
        if shown is not None and shown[1] is boxes and _shared(shown[0], model):
            return  # the parser shared every relation, nothing moved: the same stubs
        wanted = set(stubs_of(model, boxes))
        for stub in [s for s in self.items if s not in wanted]:
            self.scene.removeItem(self.items.pop(stub))
        for stub in wanted - self.items.keys():
            item = DanglingItem(stub)
            self.items[stub] = item
            self.scene.addItem(item)
