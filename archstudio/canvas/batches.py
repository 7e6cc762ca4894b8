"""Batches that draw a whole zoomed-out diagram in a few calls: every relation's line
(:class:`RelationBatch`) and every element's box (:class:`ShapeBatch`).

Far zoomed out, thousands of items each drawing a line or a box from Python were most
of a frame; a batch draws cached paths, tile by tile (:mod:`tiles`), and the items draw
nothing meanwhile (``DiagramScene.set_zoom``) but still take clicks and rubber bands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
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
from archstudio.canvas.piece_tiles import Piece, TiledPieces
from archstudio.model.kinds import MESSAGE_KINDS
from archstudio.render.edge_face import ARROW_LENGTH, RUNTIME_KINDS
from archstudio.render.element_face import SHAPE_LOD

Entry = tuple  # (item, its face[, its box]): what an item showed when given to a batch
Rect = tuple[float, float, float, float]  # left, top, right, bottom
WHOLE_UPDATE_FROM = 64  # changed items from which the whole batch is repainted


class _Batch(QGraphicsItem):
    """What both batches share: drawn under a z value, no clicks and no shape of their
    own (the items below keep those), told the exposed rectangle, built lazily from
    what changed since the last paint (:meth:`_follow`, :meth:`_take_pending`)."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self._bounds = QRectF()
        self._tiles = TiledPieces()
        self._entries: dict[int, tuple[Entry, Rect | None]] = {}  # owner -> entry, place
        self._pending: dict[int, Entry | None] = {}  # changed since built (None: gone)
        self._extent: Rect | None = None

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def _follow(self, now: dict[int, Entry], rect_of: Callable[[Entry], QRectF]) -> None:
        """Take ``now`` (owner -> entry; an entry changed when any part of it is another
        object than before): note the changes for the next build, keep the bounds, and
        repaint only where changed entries were and are."""
        self._follow_some(now, list(self._entries.keys() - now.keys()), rect_of)

    def _follow_some(self, some: dict[int, Entry], gone: list[int],
                     rect_of: Callable[[Entry], QRectF]) -> None:
        """Take the entries of ``some`` owners (the others are as they were) and forget
        the ``gone`` ones: the same as :meth:`_follow` for a change known to be there
        only, at a cost in proportion to it."""
        entries = self._entries
        changed: list[Rect | None] = []
        for owner, entry in some.items():
            was = entries.get(owner)
            if was is not None and was[0][0] is entry[0] and was[0][1] is entry[1] \
                    and was[0][-1] is entry[-1]:
                continue
            rect = _plain(rect_of(entry))
            entries[owner] = (entry, rect)
            self._pending[owner] = entry
            changed.append(rect)
            if was is not None:
                changed.append(was[1])
        for owner in gone:
            was = entries.pop(owner, None)
            if was is not None:
                self._pending[owner] = None
                changed.append(was[1])
        if not changed:
            return
        extent = self._extent
        if extent is None or any(_touches_edge(r, extent) for r in changed):
            extent = _union(rect for _, rect in entries.values())
        else:
            extent = _union([extent, *changed])
        if extent != self._extent:
            self._extent = extent
            self.prepareGeometryChange()
            self._bounds = QRectF() if extent is None else QRectF(
                extent[0], extent[1], extent[2] - extent[0], extent[3] - extent[1])
        if len(changed) >= WHOLE_UPDATE_FROM:
            self.update()
            return
        for rect in changed:
            if rect is not None:
                x0, y0, x1, y1 = rect
                self.update(QRectF(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4))

    def _take_pending(self) -> dict[int, Entry | None]:
        pending, self._pending = self._pending, {}
        return pending


class RelationBatch(_Batch):
    """Every relation's line as a few paths per line style and tile (and the arrowheads
    as a few more), drawn only when zoomed out below ``BATCH_LOD``; the relation items
    draw nothing then (see ``DiagramScene.set_zoom``). It has no shape: clicks and rubber
    bands still find the relation items themselves. After a change only the lines whose
    face changed are put in again, and only their tiles built again, at the next
    zoomed-out paint: a move costs in proportion to the lines it moved."""

    def __init__(self) -> None:
        super().__init__(EDGE_Z - 0.5)
        self.theme_edge = "#000000"
        self.theme_background = "#ffffff"

    def set_lines(self, lines: list[RelationItem]) -> None:
        """The relations to draw: those whose face changed since the last call are read
        at the next zoomed-out paint, and only where they were and are is repainted."""
        self._follow({id(line): (line, line.face) for line in lines}, _line_rect)

    def lines_changed(self, lines: list[RelationItem], gone: list[RelationItem]) -> None:
        """Only ``lines`` may have another face and only ``gone`` left: the same as
        :meth:`set_lines` with every relation, at a cost in proportion to the change."""
        self._follow_some({id(line): (line, line.face) for line in lines},
                          [id(line) for line in gone], _line_rect)

    def _build(self) -> None:
        for owner, entry in self._take_pending().items():
            if entry is None:
                self._tiles.remove(owner)
            else:
                self._tiles.put(owner, _line_pieces(entry[0]))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod >= BATCH_LOD or not self._entries:
            return
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

    def set_items(self, items: list[ElementItem]) -> None:
        """The elements to draw (those of this batch's layer are kept); those moved or
        with another face since the last call are read at the next batched paint."""
        self._follow({id(item): (item, item.face, item.box) for item in items
                      if (item.kind == "system") == self.systems}, _entry_box)

    def items_changed(self, items: list[ElementItem], gone: list[ElementItem]) -> None:
        """Only ``items`` may have moved or changed face and only ``gone`` left: the same
        as :meth:`set_items` with every element, in proportion to the change."""
        self._follow_some({id(item): (item, item.face, item.box) for item in items
                           if (item.kind == "system") == self.systems},
                          [id(item) for item in gone], _entry_box)

    def _build(self) -> None:
        for owner, entry in self._take_pending().items():
            if entry is None:
                self._tiles.remove(owner)
                continue
            item, face, box = entry
            self._tiles.put(owner, [((item.zValue(), face.theme.style(face.kind).fill),
                                     _rect_of(box))])

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= SHAPE_LOD:
            return
        self._build()
        within = _exposed(painter, option)
        if within is not None and within.isEmpty():
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for key in sorted(self._tiles.keys):  # systems first, then what they hold
            color = QColor(key[1])
            for path in self._tiles.paths(key, within):
                painter.fillPath(path, color)


def _line_pieces(line: RelationItem) -> list[Piece]:
    face = line.face
    if face.kind in MESSAGE_KINDS:
        style = Qt.PenStyle.DashLine
    elif face.kind in RUNTIME_KINDS:
        style = Qt.PenStyle.SolidLine
    else:
        style = Qt.PenStyle.DotLine
    out: list[Piece] = [(style, path) for path, _ in line.line_pieces]
    out.append(("filled" if face.kind in RUNTIME_KINDS else "hollow", face.head))
    return out


def _line_rect(entry: Entry) -> QRectF:
    return entry[1].bounding_rect()


def _entry_box(entry: Entry) -> QRectF:
    return _rect_of(entry[2])


def _rect_of(box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)


def _plain(rect: QRectF) -> Rect | None:
    if rect.isNull():
        return None
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _touches_edge(rect: Rect | None, bounds: Rect) -> bool:
    return rect is not None and (rect[0] <= bounds[0] or rect[1] <= bounds[1]
                                 or rect[2] >= bounds[2] or rect[3] >= bounds[3])


def _union(rects) -> Rect | None:
    rects = [r for r in rects if r is not None]
    if not rects:
        return None
    return (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects))


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
