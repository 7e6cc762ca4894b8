"""How one element looks: its outline, decoration and laid-out text, ready to paint.

A face is built from plain values (kind, label, detail, size), so the canvas rebuilds it
only when one of those changes, and export builds the very same face: an export looks
like the screen.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from archstudio.layout.geometry import GROUP_TITLE
from archstudio.model.elements import Element
from archstudio.model.kinds import ELEMENT_KINDS
from archstudio.render.selection_look import paint_selected
from archstudio.render.shapes import paths, text_area
from archstudio.render.static_text import draw_line
from archstudio.render.text import ELLIPSIS, CachedMetrics, cut, elide, fits, wrap
from archstudio.render.theme import Theme

# Text under ~5 px on screen is unreadable, so it is not drawn: names are ~13 px at 100 %,
# details ~10.7 px (10 and 8 points at 96 dpi).
LABEL_LOD = 0.4  # below this zoom the names would be under 5.3 px: draw the shape only
DETAIL_LOD = 0.5  # below this the kind and technology line would be under 5.3 px
SHAPE_LOD = 0.12  # below this even the outline is a blur: a filled box will do
BIG_NAME_PX = 15.0  # a system's name when zoomed out: this tall on screen, whatever the zoom
SMALL_BIG_NAME_PX = 9.0  # ...shrunk down to this to fit a narrow system before it is cut
# zoomed out past LABEL_LOD a shape still shows its name this tall on screen, on up to two
# lines, else cut to the shape's width while at least OVERVIEW_CHARS of it show
# (a diagram at Fit is otherwise a field of blank boxes)
OVERVIEW_PX = 6.5
OVERVIEW_CHARS = 4
# the detail line may shrink by this much (points) before it is wrapped or cut
DETAIL_SHRINK = (0.0, 0.5, 1.0)
LAYOUT_CACHE_SIZE = 20_000
Line = tuple[QPointF, str, bool]  # baseline start, text, True for the name
TAB_INSET = 12.0  # a system's title text keeps this far from the sides of its tab
TAB_GAP = 6.0  # between a system's name and its kind tag in the tab
TAB_RADIUS = 6.0  # the tab's lower right corner
TAB_TINT = 0.16  # the tab is filled with the system's outline colour at this opacity


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


def title_width(label: str, detail: str, theme: Theme) -> float:
    """The width of a system's title tab: its name and kind tag on one line, with the
    tab's insets (the tab may be cut to the system's width when drawn)."""
    return _title_width(label, detail, theme)


@lru_cache(maxsize=8192)
def _title_width(label: str, detail: str, theme: Theme) -> float:
    _, label_metrics, _, detail_metrics = _fonts(theme)
    width = 2 * TAB_INSET + label_metrics.horizontalAdvance(label)
    if detail:
        width += TAB_GAP + detail_metrics.horizontalAdvance(detail)
    return float(math.ceil(width))


def title_width_of(element: Element, theme: Theme) -> float:
    """The title tab's width of a system or group (0 for any other element)."""
    if not element.is_group:
        return 0.0
    _, label, detail = signature_of(element)
    return title_width(label, detail, theme)


@lru_cache(maxsize=4096)
def _tab_paths(width: float, height: float, tab: float) -> tuple[QPainterPath, QPainterPath]:
    """(fill, edge) of a title tab ``tab`` px wide at the top left of a system: the fill
    follows the system's rounded corner, the edge is the tab's lower and right side."""
    bottom = min(GROUP_TITLE, height)
    radius = min(TAB_RADIUS, bottom / 2, tab / 2)
    edge = QPainterPath(QPointF(0, bottom))
    if tab >= width - 0.5:  # the tab takes the whole top: a band
        edge.lineTo(width, bottom)
    else:
        edge.lineTo(tab - radius, bottom)
        edge.quadTo(QPointF(tab, bottom), QPointF(tab, bottom - radius))
        edge.lineTo(tab, 0)
    body = QPainterPath()
    body.addRoundedRect(QRectF(0, 0, width, height), 6.0, 6.0)
    area = QPainterPath(edge)
    if tab >= width - 0.5:
        area.lineTo(width, 0)
    area.lineTo(0, 0)
    area.closeSubpath()
    return body.intersected(area), edge


@lru_cache(maxsize=8)
def _fonts(theme: Theme):
    label = theme.font(theme.label_size, bold=True)
    detail = theme.font(theme.detail_size)
    return label, CachedMetrics(label), detail, CachedMetrics(detail)


@cache  # a few dozen sizes per theme, kept: draw_line needs them
def _overview_font(theme: Theme, pixels: int) -> tuple[QFont, CachedMetrics]:
    """The name's font at ``pixels`` scene units tall: ``OVERVIEW_PX`` on screen."""
    font = QFont(_fonts(theme)[0])
    font.setPixelSize(pixels)
    return font, CachedMetrics(font)


@lru_cache(maxsize=8)
def _detail_fonts(theme: Theme) -> list[tuple[QFont, CachedMetrics, float, float]]:
    """The detail font at its size and each smaller size it may shrink to, with each
    one's metrics, line spacing and ascent (asked of Qt once, not per face)."""
    _, _, detail, metrics = _fonts(theme)
    out = [(detail, metrics, metrics.lineSpacing(), metrics.ascent())]
    for shrink in DETAIL_SHRINK[1:]:
        font = theme.font(theme.detail_size - shrink)
        smaller = CachedMetrics(font)
        out.append((font, smaller, smaller.lineSpacing(), smaller.ascent()))
    return out


@lru_cache(maxsize=8)
def _label_spacing(theme: Theme) -> tuple[float, float]:
    """The name font's line spacing and ascent."""
    metrics = _fonts(theme)[1]
    return metrics.lineSpacing(), metrics.ascent()


@lru_cache(maxsize=256)
def _paint_style(theme: Theme, kind: str, selected: bool) -> tuple[QPen, QBrush, QColor, QColor]:
    """Outline pen, fill, name and detail colours of a kind: made once, not per face per
    frame."""
    style = theme.style(kind)
    pen = QPen(QColor(theme.selection if selected else style.stroke), 2.5 if selected else 1.5)
    if style.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen, QBrush(QColor(style.fill)), QColor(theme.text), QColor(theme.muted)


# (kind, label, detail, width, height, theme) -> (lines, index of the detail font): faces
# are rebuilt whenever a diagram is planned again (export, re-routing), text rarely changes
_layouts: dict[tuple, tuple[list[Line], int]] = {}


class ElementFace:
    """Cached drawing of one element in item coordinates (top-left at 0, 0)."""

    __slots__ = ("kind", "width", "height", "theme", "outline", "decor", "lines", "_style",
                 "detail_font", "tab", "tab_width", "name", "_overview")

    def __init__(self, kind: str, label: str, detail: str, width: float, height: float,
                 theme: Theme) -> None:
        self.kind, self.width, self.height, self.theme = kind, width, height, theme
        self.name = label
        self.outline, self.decor = paths(kind, width, height)
        self._style = theme.style(kind)
        # a system's title tab: (fill, edge) at the top left, as wide as its text
        self.tab_width = min(width, title_width(label, detail, theme)) \
            if kind == "system" else 0.0
        self.tab = _tab_paths(width, height, self.tab_width) if kind == "system" else None
        key = (kind, label, detail, width, height, theme)
        cached = _layouts.get(key)
        if cached is None:
            if len(_layouts) >= LAYOUT_CACHE_SIZE:
                _layouts.clear()
            cached = _layouts[key] = self._layout(label, detail)
        self.lines, font_index = cached
        self.detail_font = _detail_fonts(theme)[font_index][0]
        self._overview: tuple[int, list[tuple[QPointF, str]]] | None = None  # pixels, lines

    @classmethod
    def of(cls, element: Element, width: float, height: float, theme: Theme) -> ElementFace:
        kind, label, detail = signature_of(element)
        return cls(kind, label, detail, width, height, theme)

    def _layout(self, label: str, detail: str) -> tuple[list[Line], int]:
        label_font, label_metrics, _, detail_metrics = _fonts(self.theme)
        area = text_area(self.kind, self.width, self.height)
        if self.kind == "system":  # title tab: name, then the kind tag, on one line
            natural = title_width(label, detail, self.theme)
            room = min(self.width, natural) - 2 * TAB_INSET
            if natural <= self.width:  # the whole title fits: nothing is cut
                title, kind_text = label, detail
            else:  # a narrow system: the kind tag gets at most 40 %, the name the rest
                kind_text = elide(detail, detail_metrics, room * 0.4) if detail else ""
                kind_width = detail_metrics.horizontalAdvance(kind_text) if kind_text else 0
                title = elide(label, label_metrics,
                              room - (kind_width + TAB_GAP if kind_text else 0))
            base = min(GROUP_TITLE, self.height) / 2
            out = [(QPointF(area.left(), base + label_metrics.capHeight() / 2), title, True)]
            if kind_text:
                out.append((QPointF(area.left() + label_metrics.horizontalAdvance(title)
                                    + TAB_GAP, base + detail_metrics.capHeight() / 2),
                            kind_text, False))
            return out, 0
        label_height, label_ascent = _label_spacing(self.theme)
        details = _detail_fonts(self.theme)
        room = area.height() - details[-1][2] - 2  # the name leaves room for one detail line
        label_lines = wrap(label, label_metrics, area.width(), max(1, int(room // label_height)))
        left = area.height() - label_height * len(label_lines) - 2
        detail_lines, font_index = self._detail(detail, area.width(), left)
        _, metrics, detail_height, detail_ascent = details[font_index]
        total = label_height * len(label_lines) + (
            detail_height * len(detail_lines) + 2 if detail_lines else 0)
        y = area.top() + max(0.0, (area.height() - total) / 2)
        middle = area.center().x()
        out = []
        for text in label_lines:
            advance = label_metrics.horizontalAdvance(text)
            out.append((QPointF(middle - advance / 2, y + label_ascent), text, True))
            y += label_height
        y += 2
        for text in detail_lines:
            advance = metrics.horizontalAdvance(text)
            out.append((QPointF(middle - advance / 2, y + detail_ascent), text, False))
            y += detail_height
        return out, font_index

    def _detail(self, detail: str, width: float, height: float) -> tuple[list[str], int]:
        """The detail line as it fits: whole at its size, else wrapped onto two lines,
        else a little smaller (one line, then two), and cut only when nothing else fits."""
        if not detail:
            return [], 0
        fonts = _detail_fonts(self.theme)
        for index, (_, metrics, spacing, _) in enumerate(fonts):
            for count in (1, 2):
                if count * spacing <= height:
                    lines = fits(detail, metrics, width, count)
                    if lines is not None:
                        return lines, index
        index = len(fonts) - 1
        if fonts[index][2] > height:
            return [], 0
        return [elide(detail, fonts[index][1], width)], index

    def bounding_rect(self) -> QRectF:
        return QRectF(-3, -3, self.width + 6, self.height + 6)

    def paint(self, painter: QPainter, selected: bool = False, lod: float = 1.0) -> None:
        theme = self.theme
        pen, fill, text, muted = _paint_style(theme, self.kind, selected)
        if lod < SHAPE_LOD:
            painter.fillRect(QRectF(0, 0, self.width, self.height), fill)
            if selected:
                box = QPainterPath()
                box.addRect(QRectF(0, 0, self.width, self.height))
                paint_selected(painter, box, theme.selection, lod, self.kind != "system")
            return
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(self.outline)
        if selected:
            paint_selected(painter, self.outline, theme.selection, lod, self.kind != "system")
        if self.tab is not None:
            tint = QColor(pen.color())
            tint.setAlphaF(TAB_TINT)
            painter.fillPath(self.tab[0], tint)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.tab[1])
        if not self.decor.isEmpty():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.decor)
        if lod < LABEL_LOD:
            if self.kind != "system":  # a system's name is drawn large instead
                self._paint_overview_name(painter, lod, text)
            return
        label_font, detail_font = _fonts(theme)[0], self.detail_font
        details = lod >= DETAIL_LOD
        current = None
        for point, line, bold in self.lines:
            if not bold and not details:
                continue
            if bold is not current:
                painter.setFont(label_font if bold else detail_font)
                painter.setPen(text if bold else muted)
                current = bold
            draw_line(painter, label_font if bold else detail_font, point, line)

    def _paint_overview_name(self, painter: QPainter, lod: float, color: QColor) -> None:
        """The name ``OVERVIEW_PX`` tall on screen: whole on up to two lines where the
        shape has room, else cut to fit (on both lines when it has two)."""
        pixels = math.ceil(OVERVIEW_PX / max(lod, 1e-3))
        if self._overview is None or self._overview[0] != pixels:
            self._overview = (pixels, self._overview_lines(pixels))
        _, lines = self._overview
        if lines:
            font = _overview_font(self.theme, pixels)[0]
            painter.setFont(font)
            painter.setPen(color)
            for baseline, shown in lines:
                draw_line(painter, font, baseline, shown)

    def _overview_lines(self, pixels: int) -> list[tuple[QPointF, str]]:
        """The name's lines at that font size, each with where its baseline starts; none
        when too little of it would show."""
        metrics = _overview_font(self.theme, pixels)[1]
        area = text_area(self.kind, self.width, self.height)
        name = " ".join(self.name.split())
        rows = min(2, int(area.height() // metrics.lineSpacing()))
        if not name or rows < 1:
            return []
        lines = fits(name, metrics, area.width(), rows)
        if lines is None:  # cut, on both lines where there are two: more of it shows
            lines = cut(name, metrics, area.width(), rows)
            shown = sum(len(line) for line in lines) - "".join(lines).count(ELLIPSIS)
            if shown < min(OVERVIEW_CHARS, len(name)):
                return []
        spacing = metrics.lineSpacing()
        y = area.center().y() - spacing * len(lines) / 2 + metrics.ascent()
        out = []
        for line in lines:
            advance = metrics.horizontalAdvance(line)
            out.append((QPointF(area.center().x() - advance / 2, y), line))
            y += spacing
        return out

    def big_name_bounds(self, clear: float = math.inf) -> QRectF:
        """Where :meth:`paint_big_name` may paint at any zoom: the system, and above its
        top as far as a plate lifted over its members can reach (at most 4/9 of its
        height: the name is never taller than a third of it)."""
        lift = max(0.0, self.height * 4 / 9 - clear)
        return QRectF(-3, -3 - lift, self.width + 6, self.height + 6 + lift)

    def paint_big_name(self, painter: QPainter, lod: float, clear: float = math.inf) -> None:
        """A system's name when zoomed out too far to read its title: ``BIG_NAME_PX`` tall
        on screen (at most a third of the system's height), on a plate over its title band
        at the top left, where the title is, so the contents stay in view. ``clear``: how
        far below the system's top its highest member starts; the plate shrinks to fit
        above it (down to ``SMALL_BIG_NAME_PX`` on screen), and is lifted over the
        system's top edge rather than cover a member."""
        if lod >= LABEL_LOD:
            return
        name = " ".join(text for _, text, bold in self.lines if bold)
        size = min(BIG_NAME_PX / max(lod, 1e-3), self.height / 3)
        if not name or size * lod < 5.0:
            return  # even the whole system is too small for a readable name
        smallest = SMALL_BIG_NAME_PX / max(lod, 1e-3)
        if size * 4 / 3 > clear:  # shrunk to sit above the members, while still readable
            size = max(clear * 3 / 4, min(size, smallest))
        font = QFont(_fonts(self.theme)[0])
        font.setPixelSize(max(1, round(size)))
        metrics = QFontMetricsF(font)
        room = self.width - size
        natural = metrics.horizontalAdvance(name)
        if natural > room:  # a narrow system: a smaller whole name reads better than "Ca…"
            smaller = max(size * room / natural, smallest)
            if smaller < size:
                size = smaller
                font.setPixelSize(max(1, round(size)))
                metrics = QFontMetricsF(font)
                room = self.width - size
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
        if not shown or shown == "…":
            return
        width = metrics.horizontalAdvance(shown)
        height = size * 4 / 3
        plate = QRectF(0, min(0.0, clear - height), width + size / 2, height)
        back = QColor(self.theme.background)
        back.setAlphaF(0.8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(plate, size / 4, size / 4)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.text))
        painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, shown)


def title_clearances(model, boxes: dict) -> dict[str, float]:
    """For each system with members drawn: how far below its top the highest of them
    starts (where a zoomed-out name plate must end to cover none of them)."""
    elements = model.elements
    out: dict[str, float] = {}
    for qname, box in boxes.items():
        element = elements.get(qname)
        parent = element.parent if element is not None else None
        frame = boxes.get(parent) if parent is not None else None
        if frame is not None:
            gap = box.y - frame.y
            if gap < out.get(parent, math.inf):
                out[parent] = gap
    return out
