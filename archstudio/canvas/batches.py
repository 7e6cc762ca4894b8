"""Batches that draw a whole zoomed-out diagram in a few calls: every relation's line
(:class:`RelationBatch`) and every element's box (:class:`ShapeBatch`).

Far zoomed out, thousands of items each drawing a line or a box from Python were most
of a frame; a batch draws cached paths, tile by tile (:mod:`tiles`), and the items draw
nothing meanwhile (``DiagramScene.set_zoom``) but still take clicks and rubber bands.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from archstudio.canvas.items import (
    BATCH_LOD,
    EDGE_Z,
    GROUP_Z,
    LINE_WIDTH,
    MIN_LINE_ALPHA,
    SHAPE_Z,
    ElementItem,
    RelationItem,
)
from archstudio.canvas.tiles import TiledPaths
from archstudio.model.kinds import MESSAGE_KINDS
from archstudio.render.edge_face import ARROW_LENGTH, RUNTIME_KINDS
from archstudio.render.element_face import SHAPE_LOD


class _Batch(QGraphicsItem):
    """What both batches share: drawn under a z value, no clicks and no shape of their
    own (the items below keep those), told the exposed rectangle, built lazily."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self._tiles: TiledPaths | None = None
        self._bounds = QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()


class RelationBatch(_Batch):
    """Every relation's line as a few paths per line style and tile (and the arrowheads
    as a few more), built at the first zoomed-out paint after a change and drawn only
    when zoomed out below ``BATCH_LOD``; the relation items draw nothing then (see
    ``DiagramScene.set_zoom``). It has no shape: clicks and rubber bands still find the
    relation items themselves."""

    def __init__(self) -> None:
        super().__init__(EDGE_Z - 0.5)
        self._lines: list[RelationItem] = []
        self.theme_edge = "#000000"
        self.theme_background = "#ffffff"

    def set_lines(self, lines: list[RelationItem]) -> None:
        """The relations to draw (their faces and pieces are read at the next build)."""
        self.prepareGeometryChange()
        self._lines = lines
        self._tiles = None
        bounds = QRectF()
        for line in lines:
            bounds = bounds.united(line.face.bounding_rect())
        self._bounds = bounds
        self.update()

    def _build(self) -> None:
        tiles = TiledPaths()
        for line in self._lines:
            face = line.face
            if face.kind in MESSAGE_KINDS:
                style = Qt.PenStyle.DashLine
            elif face.kind in RUNTIME_KINDS:
                style = Qt.PenStyle.SolidLine
            else:
                style = Qt.PenStyle.DotLine
            for path, _ in line.line_pieces:
                tiles.add_path(style, path)
            tiles.add_polygon("filled" if face.kind in RUNTIME_KINDS else "hollow", face.head)
        self._tiles = tiles

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod >= BATCH_LOD or not self._lines:
            return
        if self._tiles is None:
            self._build()
        tiles, within = self._tiles, _exposed(painter, option)
        if within is not None and within.isEmpty():
            return
        within = within.adjusted(-4, -4, 4, 4) if within is not None else None
        color = QColor(self.theme_edge)
        # One-pixel lines (Qt's fast path), as faint as the thin lines they stand for
        # would look, but never fading out: the relations still show the structure. The
        # faint colour is mixed with the background beforehand: translucent antialiased
        # lines took four times as long to draw (crossings no longer darken, unseen
        # at this zoom).
        pen = QPen(_mixed(color, QColor(self.theme_background),
                          min(1.0, max(MIN_LINE_ALPHA, LINE_WIDTH * lod))), 0)
        pen.setCosmetic(True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for style in (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine):
            pen.setStyle(style)
            painter.setPen(pen)
            for path in tiles.paths(style, within):
                painter.drawPath(path)
        if lod * ARROW_LENGTH >= 2.5:  # heads still a few pixels long
            painter.setPen(Qt.PenStyle.NoPen)
            for key, brush in (("filled", color), ("hollow", QColor(self.theme_background))):
                painter.setBrush(brush)
                for path in tiles.paths(key, within):
                    painter.drawPath(path)


class ShapeBatch(_Batch):
    """Every system (``systems=True``) or every other element as a filled box, one path
    per depth and fill colour, drawn only zoomed out below ``SHAPE_LOD`` (where a face
    is a filled box anyway); the element items draw nothing then. Hundreds of Python
    paint calls for a box each were most of a frame at Fit of a big diagram. Systems are
    below the lines and the other elements above them, as the items are; deeper
    elements are drawn over their systems."""

    def __init__(self, systems: bool) -> None:
        super().__init__((GROUP_Z if systems else SHAPE_Z) - 0.5)
        self.systems = systems
        self._items: list[ElementItem] = []

    def set_items(self, items: list[ElementItem]) -> None:
        """The elements to draw (those of this batch's layer are kept); their faces and
        places are read at the next paint."""
        self.prepareGeometryChange()
        self._items = [item for item in items if (item.kind == "system") == self.systems]
        self._tiles = None
        boxes = [item.box for item in self._items]  # plain numbers: this runs on every move
        self._bounds = QRectF() if not boxes else QRectF(
            QPointF(min(b.x for b in boxes), min(b.y for b in boxes)),
            QPointF(max(b.right for b in boxes), max(b.bottom for b in boxes)))
        self.update()

    def _build(self) -> None:
        tiles = TiledPaths()
        for item in self._items:
            box = item.box
            key = (item.zValue(), item.face.theme.style(item.face.kind).fill)
            tiles.add_rect(key, QRectF(box.x, box.y, box.width, box.height))
        self._tiles = tiles

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= SHAPE_LOD:
            return
        if self._tiles is None:
            self._build()
        within = _exposed(painter, option)
        if within is not None and within.isEmpty():
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for key in sorted(self._tiles.keys):  # systems first, then what they hold
            color = QColor(key[1])
            for path in self._tiles.paths(key, within):
                painter.fillPath(path, color)


def _exposed(painter: QPainter, option) -> QRectF | None:
    """What is to be painted, in item coordinates: the exposed rectangle, narrowed to
    the painter's clip (``QGraphicsScene.render`` exposes the whole item and clips to
    its target, as when the view's picture renders a tile); None for everything."""
    within = option.exposedRect
    if painter.hasClipping():
        clip = painter.clipBoundingRect()
        return within.intersected(clip) if not within.isEmpty() else clip
    return within if not within.isEmpty() else None


def _mixed(color: QColor, background: QColor, share: float) -> QColor:
    """``color`` at ``share`` opacity over ``background``, as one opaque colour."""
    return QColor.fromRgbF(*(share * a + (1 - share) * b for a, b in zip(
        (color.redF(), color.greenF(), color.blueF()),
        (background.redF(), background.greenF(), background.blueF()), strict=True)))
