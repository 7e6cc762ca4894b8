"""How one relation looks: its routed line, arrowhead and label, ready to paint.

Scene coordinates throughout (a relation item sits at the origin). Async relations are
dashed; layered relations (realizes, protected-by, ...) are dotted with an open head.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from archstudio.layout.geometry import Box
from archstudio.model.elements import Relation
from archstudio.model.kinds import MESSAGE_KINDS
from archstudio.render.labels import LabelSize
from archstudio.render.selection_look import line_pen
from archstudio.render.static_text import draw_line
from archstudio.render.text import CachedMetrics, fits, wrap
from archstudio.render.theme import Theme

ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 4.5
LABEL_WIDTH = 150.0  # a label wraps at this width...
LABEL_LINES = 3  # ...into at most this many lines (the technology into TECHNOLOGY_LINES)
TECHNOLOGY_LINES = 2
LABEL_LOD = 0.5
RUNTIME_KINDS = (None, "sync", "uses", *sorted(MESSAGE_KINDS))
LABEL_PADDING = (8.0, 4.0)  # width and height a label's box adds around its text
# narrower wraps a label may take where its usual shape finds no free spot (a bundle of
# lines beside it): into at most NARROW_LINES lines, never elided or broken mid-word
NARROWER = (96.0, 64.0)
NARROW_LINES = 5
NARROWER_BY = 12.0  # a narrower shape is offered only when it saves this much width
# A label drawn without its technology line (a crowded spot took its shorter shape) has its
# words underlined with dots, as a browser marks an abbreviation whose whole text shows on
# hover: the sign takes no room (a wider label would find fewer free spots), and the whole
# text shows on hover and in an SVG's title.
LEFT_OUT_BELOW = 1.5  # the dotted line this far below the text's baseline
LEFT_OUT_DASHES = [1.0, 1.5]  # dot and space, in pen widths
# The last resort of a label with no free spot for any shape of its text: a marker, a
# small badge with a number on its line; the text is in the picture's legend
# (``render.legend``) and shows on hover. As wide as two digits, lower than any label.
MARKER_DIGITS = "88"
MARKER_PADDING = (6.0, 1.0)
Point = tuple[float, float]


def signature_of(relation: Relation) -> tuple:
    return relation.kind, relation.label or "", relation.technology or ""


@lru_cache(maxsize=8)
def _fonts(theme: Theme):
    label = theme.font(theme.edge_label_size)
    detail = theme.font(theme.edge_label_size - 1, italic=True)
    return label, CachedMetrics(label), detail, CachedMetrics(detail)


def _label_lines(label: str, technology: str, theme: Theme) -> list[tuple[str, bool]]:
    """The label's lines (bold) and the technology's (not): wrapped at spaces and natural
    word breaks, elided only past their line limits, so a label reads whole at 100 %."""
    _, label_metrics, _, detail_metrics = _fonts(theme)
    texts = []
    if label:
        texts += [(line, True) for line in wrap(label, label_metrics, LABEL_WIDTH,
                                                LABEL_LINES)]
    if technology:
        texts += [(line, False) for line in wrap(f"[{technology}]", detail_metrics,
                                                 LABEL_WIDTH, TECHNOLOGY_LINES)]
    return texts


Lines = list[tuple[str, bool]]
_VARIANTS: dict[tuple[int, str, str], tuple[tuple[Lines, tuple[float, float]], ...]] = {}


def _size_of(lines: Lines, theme: Theme) -> tuple[float, float]:
    _, label_metrics, _, detail_metrics = _fonts(theme)
    width = height = 0.0
    for text, bold in lines:
        metrics = label_metrics if bold else detail_metrics
        width = max(width, metrics.horizontalAdvance(text))
        height += metrics.lineSpacing()
    return width + LABEL_PADDING[0], height + LABEL_PADDING[1]


def _narrow_lines(label: str, technology: str, width: float, theme: Theme) -> Lines | None:
    """The label wrapped at ``width`` when all of it fits that way (None otherwise)."""
    _, label_metrics, _, detail_metrics = _fonts(theme)
    out: Lines = []
    for text, metrics, bold in ((label, label_metrics, True),
                                (f"[{technology}]" if technology else "", detail_metrics,
                                 False)):
        if not text:
            continue
        lines = fits(text, metrics, width, NARROW_LINES)
        if lines is None:
            return None
        out += [(line, bold) for line in lines]
    return out if len(out) <= NARROW_LINES else None


def _variants(label: str, technology: str, theme: Theme
              ) -> tuple[tuple[Lines, tuple[float, float]], ...]:
    """The label's shapes, its usual one first, then each narrower wrap that saves real
    width, then the label without its technology line at each width (the technology then
    shows on hover and in an SVG's title): (lines, size). Measured once per text and
    theme (themes are a few constants: keyed by identity, far cheaper than hashing one per
    relation on every update)."""
    key = (id(theme), label, technology)
    found = _VARIANTS.get(key)
    if found is not None:
        return found
    if len(_VARIANTS) > 50_000:
        _VARIANTS.clear()
    out: list[tuple[Lines, tuple[float, float]]] = []
    if label or technology:
        lines = _label_lines(label, technology, theme)
        out.append((lines, _size_of(lines, theme)))
        for width in NARROWER:
            if width + LABEL_PADDING[0] > out[-1][1][0] - NARROWER_BY:
                continue
            narrow = _narrow_lines(label, technology, width, theme)
            if narrow is not None:
                size = _size_of(narrow, theme)
                if size[0] <= out[-1][1][0] - NARROWER_BY:
                    out.append((narrow, size))
        if label and technology:  # the last resort of a crowded label: the label alone
            for width in (LABEL_WIDTH, *NARROWER):
                alone = _narrow_lines(label, "", width, theme)
                if alone is not None:
                    size = _size_of(alone, theme)
                    if all(abs(size[0] - w) > 0.01 or abs(size[1] - h) > 0.01
                           for _, (w, h) in out):
                        out.append((alone, size))
    found = _VARIANTS[key] = tuple(out)
    return found


def label_size(relation: Relation, theme: Theme) -> LabelSize | None:
    """The size of a relation's label box (None without a label), with the narrower
    shapes of all its text and the shorter ones without its technology that it may take:
    measured here, placed by the routing core, which has no fonts."""
    _, label, technology = signature_of(relation)
    variants = _variants(label, technology, theme)
    if not variants:
        return None
    whole = tuple(size for lines, size in variants[1:] if not _leaves_out(lines, technology))
    shorter = tuple(size for lines, size in variants[1:] if _leaves_out(lines, technology))
    return LabelSize(variants[0][1], whole, shorter, marker_size(theme))


@lru_cache(maxsize=8)
def marker_size(theme: Theme) -> tuple[float, float]:
    """The size of a label's marker (lower than a label's one line of text, so a box of
    this size is a marker)."""
    _, metrics, _, detail = _fonts(theme)
    height = metrics.lineSpacing() + MARKER_PADDING[1]
    if abs(height - (detail.lineSpacing() + LABEL_PADDING[1])) < 0.5:  # a technology alone
        height -= 1.0
    width = max(metrics.horizontalAdvance(MARKER_DIGITS) + MARKER_PADDING[0], height)
    return round(width, 2), round(height, 2)


def is_marker(box: Box | None, theme: Theme) -> bool:
    """Whether a placed label ``box`` is a marker (its text left out, numbered)."""
    if box is None:
        return False
    width, height = marker_size(theme)
    return abs(box.width - width) < 0.01 and abs(box.height - height) < 0.01


def _leaves_out(lines: Lines, technology: str) -> bool:
    """Whether a label's ``lines`` leave its technology out (a shorter shape)."""
    return bool(technology) and all(bold for _, bold in lines)


def _style_of(kind: str | None) -> Qt.PenStyle:
    """Async relations are dashed, the layered ones (realizes, ...) dotted."""
    if kind in MESSAGE_KINDS:
        return Qt.PenStyle.DashLine
    return Qt.PenStyle.SolidLine if kind in RUNTIME_KINDS else Qt.PenStyle.DotLine


@lru_cache(maxsize=64)
def _line_style(theme: Theme, style: Qt.PenStyle, selected: bool) -> tuple[QPen, QPen, QBrush]:
    """The line's pen, the head's pen and the head's fill (filled for calls and messages,
    open for the layered relations): made once, not per relation per frame."""
    color = QColor(theme.selection if selected else theme.edge)
    if selected:  # as wide on screen at Fit as at 100 %
        line = line_pen(theme.selection, style)
        head = line_pen(theme.selection, Qt.PenStyle.SolidLine)
    else:
        line = QPen(color, 1.3)
        line.setStyle(style)
        head = QPen(color, 1.3)
    fill = QBrush(color if style != Qt.PenStyle.DotLine else QColor(theme.background))
    return line, head, fill


@lru_cache(maxsize=8)
def _left_out_pen(theme: Theme) -> QPen:
    pen = QPen(QColor(theme.muted), 1.0)
    pen.setDashPattern(LEFT_OUT_DASHES)
    return pen


class EdgeFace:
    __slots__ = ("kind", "theme", "points", "path", "head", "label_box", "lines", "shortened",
                 "left_out", "marker", "_bounds")

    def __init__(self, kind: str | None, label: str, technology: str, points: list[Point],
                 theme: Theme, label_box: Box | None = None,
                 number: int | None = None) -> None:
        self.kind, self.theme, self.points = kind, theme, points
        self.path = QPainterPath(QPointF(*points[0]))
        for x, y in points[1:]:
            self.path.lineTo(x, y)
        self.head = self._arrowhead(points[-2], points[-1])
        self.lines: list[tuple[QPointF, str, bool]] = []
        self.label_box: Box | None = None
        # the label is drawn without its technology (a crowded spot took the shorter shape)
        self.shortened = False
        self.left_out: list[QLineF] = []  # the dotted lines under a shortened label's words
        # the label drawn as a marker: its number (0: not numbered), None for a label
        self.marker: int | None = None
        if (label or technology) and is_marker(label_box, theme):
            self.label_box, self.marker, self.shortened = label_box, number or 0, True
        elif (label or technology) and label_box is not None:
            self._layout_label(label, technology, label_box)
        bounds = self.path.boundingRect().united(self.head.boundingRect())
        if self.label_box is not None:
            bounds = bounds.united(self.label_rect())
        self._bounds = bounds.adjusted(-4, -4, 4, 4)

    @classmethod
    def of(cls, relation: Relation, points: list[Point], theme: Theme,
           label_box: Box | None = None, number: int | None = None) -> EdgeFace:
        """``number``: the label's number when its box is a marker (``render.legend``)."""
        return cls(*signature_of(relation), points, theme, label_box, number)

    @staticmethod
    def _arrowhead(tail: Point, tip: Point) -> QPolygonF:
        angle = math.atan2(tip[1] - tail[1], tip[0] - tail[0])
        cos, sin = math.cos(angle), math.sin(angle)
        bx, by = tip[0] - ARROW_LENGTH * cos, tip[1] - ARROW_LENGTH * sin
        return QPolygonF([
            QPointF(*tip),
            QPointF(bx - ARROW_HALF_WIDTH * sin, by + ARROW_HALF_WIDTH * cos),
            QPointF(bx + ARROW_HALF_WIDTH * sin, by - ARROW_HALF_WIDTH * cos),
        ])

    def _layout_label(self, label: str, technology: str, box: Box) -> None:
        """Lay the label's lines out in ``box`` (placed by :mod:`labels`, sized by
        :func:`label_size`)."""
        _, label_metrics, _, detail_metrics = _fonts(self.theme)
        self.label_box = box
        y = box.y + LABEL_PADDING[1] / 2
        variants = _variants(label, technology, self.theme)
        lines = next((lines for lines, (w, h) in variants  # the shape placement chose
                      if abs(w - box.width) < 0.01 and abs(h - box.height) < 0.01),
                     variants[0][0])
        self.shortened = bool(label) and _leaves_out(lines, technology)
        for text, bold in lines:
            metrics = label_metrics if bold else detail_metrics
            advance = metrics.horizontalAdvance(text)
            left, baseline = box.x + (box.width - advance) / 2, y + metrics.ascent()
            self.lines.append((QPointF(left, baseline), text, bold))
            if self.shortened:
                under = baseline + LEFT_OUT_BELOW
                self.left_out.append(QLineF(left, under, left + advance, under))
            y += metrics.lineSpacing()

    def bounding_rect(self) -> QRectF:
        return self._bounds

    def hit_path(self) -> QPainterPath:
        """A generous band around the line, so a relation is easy to click."""
        from PySide6.QtGui import QPainterPathStroker

        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(self.path)
        if self.label_box is not None:
            shape.addRect(self.label_rect())
        return shape

    def label_rect(self) -> QRectF:
        b = self.label_box
        return QRectF(b.x, b.y, b.width, b.height) if b is not None else QRectF()

    def pens(self, selected: bool = False) -> tuple[QPen, QPen, QBrush]:
        """The line's pen, the head's pen and the head's fill (shared: do not change)."""
        return _line_style(self.theme, _style_of(self.kind), selected)

    def paint_line(self, painter: QPainter, selected: bool = False,
                   within: QRectF | None = None) -> None:
        """``within``: the part of the scene being painted. A long line that only
        passes through it is stroked there only (stroking is most of a line's cost, and
        orthogonal routes often run across the whole diagram)."""
        line, head, fill = _line_style(self.theme, _style_of(self.kind), selected)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if within is not None and within.isEmpty():
            within = None  # no exposed part given: the whole line
        if within is None or within.contains(self._bounds):
            painter.setPen(line)
            painter.drawPath(self.path)
        else:
            self._paint_part(painter, line, within.adjusted(-4, -4, 4, 4))
        if within is None or within.intersects(self.head.boundingRect()):
            painter.setPen(head)
            painter.setBrush(fill)
            painter.drawPolygon(self.head)

    def _paint_part(self, painter: QPainter, pen: QPen, within: QRectF) -> None:
        """The runs of segments that touch ``within``, each dashed from where it starts
        along the line, so the pattern does not move as the view scrolls."""
        left, top, right, bottom = within.left(), within.top(), within.right(), within.bottom()
        dashed = pen.style() != Qt.PenStyle.SolidLine
        travelled = start = 0.0
        run: QPainterPath | None = None
        points = self.points
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            inside = (min(ax, bx) <= right and max(ax, bx) >= left
                      and min(ay, by) <= bottom and max(ay, by) >= top)
            if inside:
                if run is None:
                    run = QPainterPath(QPointF(ax, ay))
                    start = travelled
                run.lineTo(bx, by)
            elif run is not None:
                self._stroke(painter, pen, run, start if dashed else None)
                run = None
            travelled += math.hypot(bx - ax, by - ay)
        if run is not None:
            self._stroke(painter, pen, run, start if dashed else None)

    @staticmethod
    def _stroke(painter: QPainter, pen: QPen, path: QPainterPath, start: float | None) -> None:
        if start:
            pen = QPen(pen)
            pen.setDashOffset(start / pen.widthF())
        painter.setPen(pen)
        painter.drawPath(path)

    def paint_label(self, painter: QPainter, selected: bool = False, lod: float = 1.0) -> None:
        """Drawn above the shapes (lines go below), so a label always stays readable."""
        if lod < LABEL_LOD or self.label_box is None:
            return
        theme = self.theme
        if self.marker is not None:
            paint_marker(painter, self.label_rect(), self.marker, theme, selected)
            return
        painter.setPen(QPen(QColor(theme.selection), 1) if selected else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.edge_label_background))
        painter.drawRoundedRect(self.label_rect(), 3, 3)
        label_font, _, detail_font, _ = _fonts(theme)
        for point, text, bold in self.lines:
            painter.setFont(label_font if bold else detail_font)
            painter.setPen(QColor(theme.text if bold else theme.muted))
            draw_line(painter, label_font if bold else detail_font, point, text)
        if self.left_out:
            painter.setPen(_left_out_pen(theme))
            painter.drawLines(self.left_out)



def paint_marker(painter: QPainter, rect: QRectF, number: int, theme: Theme,
                 selected: bool = False) -> None:
    """A label's marker: a badge edged in the line's colour, its number in the label's
    bold font (squeezed to fit from three digits on; 0 draws an ellipsis)."""
    color = theme.selection if selected else theme.edge
    painter.setPen(QPen(QColor(color), 1.5 if selected else 1.0))
    painter.setBrush(QColor(theme.edge_label_background))
    radius = rect.height() / 2
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    text = str(number) if number else "…"
    label_font, metrics, _, _ = _fonts(theme)
    advance = metrics.horizontalAdvance(text)
    room = rect.width() - MARKER_PADDING[0] / 2
    squeeze = min(1.0, room / advance) if advance else 1.0
    painter.save()
    painter.translate(rect.center().x(), rect.top() + MARKER_PADDING[1] / 2 + metrics.ascent())
    painter.scale(squeeze, 1.0)
    painter.setFont(label_font)
    painter.setPen(QColor(theme.text))
    draw_line(painter, label_font, QPointF(-advance / 2, 0.0), text)
    painter.restore()
