"""The legend of a picture whose crowded labels became markers.

A label with no spot free of shapes, labels and lines for any shape of its text is drawn
as a marker, a small numbered badge on its line (``labels``, ``edge_face``). The numbers
run in reading order (top to bottom, then left to right), so the canvas and every export
of one drawing number alike; a picture (PNG, SVG, PDF) lists each number with its
relation's whole text below the drawing, and the canvas shows the text on hover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter

from archstudio.layout.geometry import Box
from archstudio.model.elements import Relation
from archstudio.render.edge_face import EdgeFace, is_marker, marker_size, paint_marker
from archstudio.render.static_text import draw_line
from archstudio.render.text import CachedMetrics, elide
from archstudio.render.theme import Theme

GAP = 16.0  # between the drawing and its legend
COLUMN_GAP = 24.0  # between two columns of entries
ENTRY_GAP = 6.0  # between an entry's marker and its text
ROW_GAP = 4.0  # between two rows of entries
MAX_TEXT = 320.0  # an entry's text is cut past this width (its marker's line is on screen)
HEADING = "Labels drawn as numbers (no room beside their lines)"


def marker_numbers(labels: Mapping[str, Box], theme: Theme) -> dict[str, int]:
    """The number of every label drawn as a marker, 1 up, in reading order."""
    height = marker_size(theme)[1]
    marked = [(box.y, box.x, key) for key, box in labels.items()
              if abs(box.height - height) < 0.01 and is_marker(box, theme)]
    marked.sort()
    return {key: number for number, (_, _, key) in enumerate(marked, 1)}


def whole_text(relation: Relation) -> str:
    """A relation's label as its full label would read: the label, then its technology."""
    parts = [relation.label or ""]
    if relation.technology:
        parts.append(f"[{relation.technology}]")
    return " ".join(p for p in parts if p)


@dataclass
class Legend:
    """Numbered entries laid out in columns below a drawing."""

    theme: Theme
    entries: list[tuple[int, str]]
    rect: QRectF = field(default_factory=QRectF)
    places: list[QPointF] = field(default_factory=list)  # each entry's top left

    @classmethod
    def below(cls, faces: list[EdgeFace], relations: list[Relation], drawn: QRectF,
              theme: Theme) -> Legend | None:
        """The legend of the markers among ``faces`` (drawing ``relations``), under the
        drawing's frame ``drawn``, in as many columns as its width holds."""
        entries = sorted((face.marker, whole_text(relation))
                         for face, relation in zip(faces, relations, strict=True)
                         if face.marker)
        if not entries:
            return None
        legend = cls(theme, entries)
        legend._lay_out(drawn)
        return legend

    def _fonts(self):
        text = self.theme.font(self.theme.edge_label_size)
        heading = self.theme.font(self.theme.edge_label_size - 1, italic=True)
        return text, CachedMetrics(text), heading, CachedMetrics(heading)

    def _lay_out(self, drawn: QRectF) -> None:
        _, metrics, _, heading_metrics = self._fonts()
        badge_w, badge_h = marker_size(self.theme)
        text_w = min(MAX_TEXT, max(metrics.horizontalAdvance(t) for _, t in self.entries))
        column = badge_w + ENTRY_GAP + text_w
        row = max(badge_h, metrics.lineSpacing()) + ROW_GAP
        columns = max(1, min(len(self.entries),
                             int((drawn.width() + COLUMN_GAP) // (column + COLUMN_GAP))))
        rows = -(-len(self.entries) // columns)
        top = drawn.bottom() + GAP + heading_metrics.lineSpacing() + ROW_GAP
        self.places = [QPointF(drawn.left() + (n // rows) * (column + COLUMN_GAP),
                               top + (n % rows) * row) for n in range(len(self.entries))]
        width = columns * column + (columns - 1) * COLUMN_GAP
        self.rect = QRectF(drawn.left(), drawn.bottom() + GAP, width,
                           top + rows * row - ROW_GAP - drawn.bottom() - GAP)

    def paint(self, painter: QPainter) -> None:
        text_font, metrics, heading_font, heading_metrics = self._fonts()
        theme = self.theme
        painter.setFont(heading_font)
        painter.setPen(QColor(theme.muted))
        draw_line(painter, heading_font,
                  QPointF(self.rect.left(), self.rect.top() + heading_metrics.ascent()),
                  HEADING)
        badge_w, badge_h = marker_size(theme)
        for (number, text), place in zip(self.entries, self.places, strict=True):
            paint_marker(painter, QRectF(place.x(), place.y(), badge_w, badge_h), number,
                         theme)
            shown = elide(text, metrics, MAX_TEXT)
            painter.setFont(text_font)
            painter.setPen(QColor(theme.text))
            baseline = place.y() + (badge_h - metrics.lineSpacing()) / 2 + metrics.ascent()
            draw_line(painter, text_font, QPointF(place.x() + badge_w + ENTRY_GAP, baseline),
                      shown)
