"""What an empty canvas says: how to put the first element on it.

A new document is a blank grid, and a person new to ArchStudio sees no way in. While the
architecture has no element, the middle of the canvas names the ways (the palette, the
text, a lesson, a file), in the muted colour; it goes with the first element.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from archstudio.model.elements import Model
from archstudio.render.theme import Theme

TITLE = "Nothing drawn yet"
LINES = (
    "Drag a shape from the Palette onto the canvas,",
    'or type one in the Text panel:  container api "Orders API"',
    "Help → Lessons walks you through a first diagram;",
    "File → Open… opens a .arch file.",
)
SPACING = 1.45  # line height, in the body font's height


def hint_for(model: Model | None) -> tuple[str, ...]:
    """The lines to show over a canvas drawing ``model``: none unless it has no element
    (None: nothing parsed yet, say nothing)."""
    if model is None or model.elements:
        return ()
    return (TITLE, *LINES)


def paint_hint(painter: QPainter, viewport: QRectF, theme: Theme,
               lines: tuple[str, ...]) -> None:
    """``lines`` centred in ``viewport`` (device pixels, untransformed): the first a
    little larger, as a heading."""
    if not lines:
        return
    painter.save()
    painter.resetTransform()
    title_font = theme.font(theme.detail_size + 5, bold=True)
    body_font = theme.font(theme.detail_size + 2)
    painter.setFont(body_font)
    body = painter.fontMetrics().height() * SPACING
    painter.setFont(title_font)
    title = painter.fontMetrics().height() * SPACING
    total = title + body * (len(lines) - 1)
    y = viewport.center().y() - total / 2
    painter.setPen(QColor(theme.muted))
    for index, line in enumerate(lines):
        height = title if index == 0 else body
        if index == 1:
            painter.setFont(body_font)
        painter.drawText(QRectF(viewport.left(), y, viewport.width(), height),
                         Qt.AlignmentFlag.AlignCenter, line)
        y += height
    painter.restore()
