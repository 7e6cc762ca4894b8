"""The legend of a picture whose crowded labels became markers.

A label with no spot free of shapes, labels and lines for any shape of its text is drawn
as a marker, a small numbered badge on its line (``labels``, ``edge_face``). The numbers
run in reading order (top to bottom, then left to right), so the canvas and every export
of one drawing number alike; a picture (PNG, SVG, PDF) lists each number with its
relation's whole text in an empty corner of the drawing or else below it, and the canvas
shows the text on hover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSizeF
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
HEADING = "Labels drawn as numbers"
CORNER_COLUMNS = 3  # an empty corner of the drawing may hold the legend in up to this many
CORNER_CLEAR = 12.0  # between a legend in a corner and anything drawn


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
    """Numbered entries laid out in columns, in an empty corner of a drawing or below it."""

    theme: Theme
    entries: list[tuple[int, str]]
    rect: QRectF = field(default_factory=QRectF)
    places: list[QPointF] = field(default_factory=list)  # each entry's top left
    heading_baseline: float = 0.0

    @classmethod
    def placed(cls, faces: list[EdgeFace], relations: list[Relation], drawn: QRectF,
               obstacles: list[QRectF], theme: Theme) -> Legend | None:
        """The legend of the markers among ``faces`` (drawing ``relations``): in an
        empty corner of the drawing's frame ``drawn`` when one holds it clear of every
        ``obstacles`` rectangle (shapes, systems, line segments, labels), so the picture
        keeps its size; else below the drawing, in as many columns as its width holds."""
        entries = sorted((face.marker, whole_text(relation))
                         for face, relation in zip(faces, relations, strict=True)
                         if face.marker)
        if not entries:
            return None
        legend = cls(theme, entries)
        for columns in range(1, min(len(entries), CORNER_COLUMNS) + 1):
            width, height = legend._size(columns)
            for x, y in ((drawn.right() - width, drawn.bottom() - height),
                         (drawn.left(), drawn.bottom() - height),
                         (drawn.right() - width, drawn.top()),
                         (drawn.left(), drawn.top())):
                spot = QRectF(x, y, width, height)
                clear = spot.adjusted(-CORNER_CLEAR, -CORNER_CLEAR, CORNER_CLEAR,
                                      CORNER_CLEAR)
                if drawn.contains(spot) and not any(clear.intersects(o) for o in obstacles):
                    legend._lay_out(spot.topLeft(), columns)
                    return legend
        # below: the heading at the left of the first row, so the picture grows least
        column, heading = legend._column(), legend._heading_width() + COLUMN_GAP
        columns = max(1, min(len(entries), int((drawn.width() - heading + COLUMN_GAP)
                                               // (column + COLUMN_GAP))))
        legend._lay_out(QPointF(drawn.left(), drawn.bottom() + GAP), columns, inline=True)
        return legend

    def _fonts(self):
        text = self.theme.font(self.theme.edge_label_size)
        heading = self.theme.font(self.theme.edge_label_size - 1, italic=True)
        return text, CachedMetrics(text), heading, CachedMetrics(heading)

    def _column(self) -> float:
        _, metrics, _, _ = self._fonts()
        text_w = min(MAX_TEXT, max(metrics.horizontalAdvance(t) for _, t in self.entries))
        return marker_size(self.theme)[0] + ENTRY_GAP + text_w

    def _row(self) -> float:
        _, metrics, _, _ = self._fonts()
        return max(marker_size(self.theme)[1], metrics.lineSpacing()) + ROW_GAP

    def _heading_width(self) -> float:
        _, _, _, heading_metrics = self._fonts()
        return heading_metrics.horizontalAdvance(HEADING)

    def _size(self, columns: int, inline: bool = False) -> tuple[float, float]:
        """The legend's width and height in ``columns`` columns, the heading above them
        (or at the left of the first row: ``inline``)."""
        _, _, _, heading_metrics = self._fonts()
        rows = -(-len(self.entries) // columns)
        entries = columns * self._column() + (columns - 1) * COLUMN_GAP
        height = rows * self._row() - ROW_GAP
        if inline:
            return self._heading_width() + COLUMN_GAP + entries, height
        return (max(entries, self._heading_width()),
                heading_metrics.lineSpacing() + ROW_GAP + height)

    def _lay_out(self, corner: QPointF, columns: int, inline: bool = False) -> None:
        _, _, _, heading_metrics = self._fonts()
        rows = -(-len(self.entries) // columns)
        column, row = self._column(), self._row()
        left = corner.x() + (self._heading_width() + COLUMN_GAP if inline else 0.0)
        top = corner.y() + (0.0 if inline else heading_metrics.lineSpacing() + ROW_GAP)
        self.places = [QPointF(left + (n // rows) * (column + COLUMN_GAP),
                               top + (n % rows) * row) for n in range(len(self.entries))]
        self.rect = QRectF(corner, QSizeF(*self._size(columns, inline)))
        # the heading's baseline: level with the first entry's text, or above the entries
        _, metrics, _, _ = self._fonts()
        self.heading_baseline = (top + (marker_size(self.theme)[1] - metrics.lineSpacing()) / 2
                                 + metrics.ascent() if inline
                                 else corner.y() + heading_metrics.ascent())

    def paint(self, painter: QPainter) -> None:
        text_font, metrics, heading_font, heading_metrics = self._fonts()
        theme = self.theme
        painter.setFont(heading_font)
        painter.setPen(QColor(theme.muted))
        draw_line(painter, heading_font, QPointF(self.rect.left(), self.heading_baseline),
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
