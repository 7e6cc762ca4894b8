"""How one element looks: its outline, decoration and laid-out text, ready to paint.

A face is built from plain values (kind, label, detail, size), so the canvas rebuilds it
only when one of those changes, and export builds the very same face: an export looks
like the screen.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from archstudio.model.elements import Element
from archstudio.model.kinds import ELEMENT_KINDS
from archstudio.render.shapes import paths, text_area
from archstudio.render.text import CachedMetrics, elide, wrap
from archstudio.render.theme import Theme

LABEL_LOD = 0.4  # below this zoom text is unreadable: draw the shape only
SHAPE_LOD = 0.12  # below this even the outline is a blur: a filled box will do


def detail_of(element: Element) -> str:
    """The small second line: kind plus what matters most for that kind."""
    title = ELEMENT_KINDS[element.kind].title
    if element.kind == "operation":
        extra = " ".join(v for v in (element.get("method"), element.get("path")) if v)
        extra = extra.upper() if extra and not element.get("path") else extra
    elif element.kind == "policy":
        extra = element.get("type")
    else:
        extra = element.technology
    return f"[{title}: {extra}]" if extra else f"[{title}]"


def signature_of(element: Element) -> tuple[str, str, str]:
    """Everything a face depends on besides its size. A group is framed like a system
    but says no kind: it is a lightweight boundary, not a system."""
    if element.kind == "group":
        return "system", element.display_name, ""
    return element.kind, element.display_name, detail_of(element)


@lru_cache(maxsize=8)
def _fonts(theme: Theme):
    label = theme.font(theme.label_size, bold=True)
    detail = theme.font(theme.detail_size)
    return label, CachedMetrics(label), detail, CachedMetrics(detail)


class ElementFace:
    """Cached drawing of one element in item coordinates (top-left at 0, 0)."""

    __slots__ = ("kind", "width", "height", "theme", "outline", "decor", "lines", "_style")

    def __init__(self, kind: str, label: str, detail: str, width: float, height: float,
                 theme: Theme) -> None:
        self.kind, self.width, self.height, self.theme = kind, width, height, theme
        self.outline, self.decor = paths(kind, width, height)
        self._style = theme.style(kind)
        self.lines = self._layout(label, detail)

    @classmethod
    def of(cls, element: Element, width: float, height: float, theme: Theme) -> ElementFace:
        kind, label, detail = signature_of(element)
        return cls(kind, label, detail, width, height, theme)

    def _layout(self, label: str, detail: str) -> list[tuple[QPointF, str, bool]]:
        label_font, label_metrics, _, detail_metrics = _fonts(self.theme)
        area = text_area(self.kind, self.width, self.height)
        if self.kind == "system":  # title band: label left, kind right, one line each
            kind_text = elide(detail, detail_metrics, area.width() * 0.4)
            kind_width = detail_metrics.horizontalAdvance(kind_text)
            title = elide(label, label_metrics, area.width() - kind_width - 12)
            base = area.center().y()
            return [
                (QPointF(area.left(), base + label_metrics.capHeight() / 2), title, True),
                (QPointF(area.right() - kind_width, base + detail_metrics.capHeight() / 2),
                 kind_text, False),
            ]
        label_height = label_metrics.lineSpacing()
        detail_height = detail_metrics.lineSpacing()
        room = area.height() - detail_height - 2
        label_lines = wrap(label, label_metrics, area.width(), max(1, int(room // label_height)))
        detail_line = elide(detail, detail_metrics, area.width())
        show_detail = room >= label_height * len(label_lines) and bool(detail_line)
        total = label_height * len(label_lines) + (detail_height + 2 if show_detail else 0)
        y = area.top() + max(0.0, (area.height() - total) / 2)
        out = []
        for text in label_lines:
            advance = label_metrics.horizontalAdvance(text)
            out.append((QPointF(area.center().x() - advance / 2, y + label_metrics.ascent()),
                        text, True))
            y += label_height
        if show_detail:
            advance = detail_metrics.horizontalAdvance(detail_line)
            out.append((QPointF(area.center().x() - advance / 2,
                                y + 2 + detail_metrics.ascent()), detail_line, False))
        return out

    def bounding_rect(self) -> QRectF:
        return QRectF(-3, -3, self.width + 6, self.height + 6)

    def paint(self, painter: QPainter, selected: bool = False, lod: float = 1.0) -> None:
        theme, style = self.theme, self._style
        fill = QColor(style.fill)
        if lod < SHAPE_LOD:
            painter.fillRect(QRectF(0, 0, self.width, self.height), fill)
            return
        pen = QPen(QColor(theme.selection if selected else style.stroke),
                   2.5 if selected else 1.5)
        if style.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawPath(self.outline)
        if not self.decor.isEmpty():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.decor)
        if lod < LABEL_LOD:
            return
        label_font, _, detail_font, _ = _fonts(theme)
        text, muted = QColor(theme.text), QColor(theme.muted)
        current = None
        for point, line, bold in self.lines:
            if bold is not current:
                painter.setFont(label_font if bold else detail_font)
                painter.setPen(text if bold else muted)
                current = bold
            painter.drawText(point, line)
