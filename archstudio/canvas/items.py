"""Scene items: one per element and one per relation, each painting a cached face.

Items never change the document. They only show it: gestures (added later as interaction
objects) ask for text edits, and the scene updates items from the re-parsed model.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from archstudio.layout.geometry import GROUP_TITLE, Box
from archstudio.render.edge_face import EdgeFace
from archstudio.render.element_face import ElementFace

GROUP_Z, EDGE_Z, SHAPE_Z, LABEL_Z = 0.0, 50.0, 100.0, 200.0
# Zoomed out below this, the relations' lines are drawn together by a RelationBatch (a
# few cached paths, thin lines) instead of one item each: thousands of Python paint calls
# per frame were most of a zoomed-out frame's time.
BATCH_LOD = 0.35
LINE_WIDTH = 1.3  # a relation's line at 100 %
PIECE = 400.0  # a relation's line is drawn in pieces at most this long each way
MIN_LINE_ALPHA = 0.3


class ElementItem(QGraphicsItem):
    """One element; its face is rebuilt only when kind, label, detail or size change."""

    def __init__(self, qname: str, face: ElementFace, box: Box, depth: int) -> None:
        super().__init__()
        self.qname = qname
        self.face = face
        self.box = box
        self.face_key: tuple = ()
        self.depth = depth
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue((GROUP_Z if face.kind == "system" else SHAPE_Z) + depth)
        self.setPos(box.x, box.y)
        self.name_item = SystemName(self) if face.kind == "system" else None

    @property
    def kind(self) -> str:
        return self.face.kind

    @property
    def label(self) -> str:
        """The text drawn as the element's name (wrapped lines joined)."""
        return " ".join(text for _, text, bold in self.face.lines if bold)

    def set_face(self, face: ElementFace) -> None:
        self.prepareGeometryChange()
        self.face = face
        self.update()
        z = (GROUP_Z if face.kind == "system" else SHAPE_Z) + self.depth
        if self.zValue() != z:  # a kind typed: a system lies below the lines, others above
            self.setZValue(z)
        if self.name_item is None and face.kind == "system" and self.scene() is not None:
            self.name_item = SystemName(self)  # became a system
            self.scene().addItem(self.name_item)
        elif self.name_item is not None and face.kind != "system":  # no longer one
            if self.name_item.scene() is not None:
                self.name_item.scene().removeItem(self.name_item)
            self.name_item = None
        if self.name_item is not None:
            self.name_item.prepareGeometryChange()
            self.name_item.update()

    def move_to(self, box: Box) -> None:
        self.box = box
        self.setPos(box.x, box.y)
        if self.name_item is not None:
            self.name_item.setPos(box.x, box.y)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.face.bounding_rect()

    def shape(self) -> QPainterPath:
        if self.face.kind != "system":
            return self.face.outline
        # a system is picked by its title tab and border, so its inside (and the empty
        # strip beside the tab) stays free for rubber-band selection and what it holds
        band = QPainterPath()
        band.addRect(QRectF(0, 0, self.face.tab_width or self.face.width,
                            min(GROUP_TITLE, self.face.height)))
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return band.united(stroker.createStroke(self.face.outline))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self.face.paint(painter, self.isSelected(), lod)

    def set_batched(self, batched: bool) -> None:
        """Drawn by a :class:`ShapeBatch` (far zoomed out) instead of by itself; it is
        still found by clicks and rubber bands, and draws itself while selected (its
        selection frame over the batch: the scene calls this again when that changes)."""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents,
                     batched and not self.isSelected())


class SystemName(QGraphicsItem):
    """A system's name drawn large when zoomed out too far to read its title: above the
    systems, under the lines and shapes (its plate must hide no line that runs past the
    title); it has no shape, so clicks and rubber bands never find it."""

    def __init__(self, system: ElementItem) -> None:
        super().__init__()
        self.system = system
        self.clear = math.inf  # how far below the system's top its highest member starts
        self.setZValue(EDGE_Z - 1)  # (under the batch of lines too, at EDGE_Z - 0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setPos(system.pos())

    def set_clear(self, clear: float) -> None:
        if clear != self.clear:
            self.prepareGeometryChange()
            self.clear = clear
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.system.face.big_name_bounds(self.clear)

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.system.face.kind == "system":
            self.system.face.paint_big_name(
                painter, option.levelOfDetailFromTransform(painter.worldTransform()),
                self.clear)


class RelationItem(QGraphicsItem):
    """One relation, in scene coordinates (the item sits at the origin): selectable, and
    found by clicks within a band around its line. Its line and arrowhead are stock C++
    child items: at 100 % a frame asks hundreds of relations whose bounds cross the view
    to paint, and a Python paint call each was most of the frame (about 10x stock items).
    A long line is cut into pieces of at most ``PIECE`` px each way, so the view culls
    and strokes only the pieces it shows (stroking a wide pen costs per corner of the
    whole path, wherever it runs). Its label is a separate item above the shapes: see
    :class:`RelationLabel`."""

    def __init__(self, key: str, face: EdgeFace) -> None:
        super().__init__()
        self.key = key
        self.face = face
        self.route_key: tuple = ()
        self._shape: QPainterPath | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)  # the parts draw
        self.setZValue(EDGE_Z)
        self._pieces: list[tuple[QGraphicsPathItem, float]] = []
        self.line_pieces: list[tuple[QPainterPath, float]] = []
        # (the parts take no clicks themselves: a click passes them to this item)
        self._head = QGraphicsPolygonItem(face.head, self)
        self._state = (True, False)  # (drawn, selected) as the parts show it
        self._build_pieces()
        self._style()
        self.label_item = RelationLabel(self)

    @property
    def label(self) -> str:
        return " ".join(text for _, text, bold in self.face.lines if bold)

    @property
    def is_drawn(self) -> bool:
        """Whether its own line shows (zoomed out, a :class:`RelationBatch` draws it)."""
        return self._state[0]

    def set_face(self, face: EdgeFace) -> None:
        self.prepareGeometryChange()
        self.face = face
        self._shape = None
        self._head.setPolygon(face.head)
        self._build_pieces()
        self._style()
        self.label_item.follow()

    def _build_pieces(self) -> None:
        scene = self.scene()
        for piece, _ in self._pieces:
            piece.setParentItem(None)
            if scene is not None:
                scene.removeItem(piece)
        self._pieces = []
        self.line_pieces = pieces(self.face.points)  # the zoomed-out batch draws these too
        for path, start in self.line_pieces:
            piece = QGraphicsPathItem(path, self)
            if not self._state[0]:
                piece.setVisible(False)
            self._pieces.append((piece, start))

    def show_line(self, zoomed_out: bool) -> None:
        """Its line drawn by itself unless zoomed out; a selected line always, in the
        selection's colour (above the batch)."""
        selected = self.isSelected()
        state = (selected or not zoomed_out, selected)
        if state != self._state:
            self._state = state
            for part in (self._head, *(piece for piece, _ in self._pieces)):
                part.setVisible(state[0])  # hidden: the view skips them at once
            self._style()

    def _style(self) -> None:
        line, head, fill = self.face.pens(self._state[1])
        dashed = line.style() != Qt.PenStyle.SolidLine
        for piece, start in self._pieces:
            if dashed and start:  # the dashes run on across pieces, as along one path
                pen = QPen(line)
                pen.setDashOffset(start / pen.widthF())
                piece.setPen(pen)
            else:
                piece.setPen(line)
        self._head.setPen(head)
        self._head.setBrush(fill)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.face.bounding_rect()

    def shape(self) -> QPainterPath:
        if self._shape is None:  # built on the first click, not for every relation
            self._shape = self.face.hit_path()
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Nothing: the child items draw the line and the head."""


def pieces(points: list[tuple[float, float]]) -> list[tuple[QPainterPath, float]]:
    """A line's runs of segments, each within ``PIECE`` px both ways (a longer segment
    alone), with the distance along the line where each starts. (Runs for every
    relation of a file being opened: kept to plain comparisons.)"""
    out: list[tuple[QPainterPath, float]] = []
    ax, ay = points[0]
    path = QPainterPath(QPointF(ax, ay))
    left = right = ax
    top = bottom = ay
    start = travelled = 0.0
    empty = True
    for bx, by in points[1:]:
        if not empty:
            wider = (right if bx < right else bx) - (left if bx > left else bx)
            taller = (bottom if by < bottom else by) - (top if by > top else by)
            if wider > PIECE or taller > PIECE:
                out.append((path, start))
                path = QPainterPath(QPointF(ax, ay))
                left = right = ax
                top = bottom = ay
                start = travelled
        path.lineTo(bx, by)
        empty = False
        if bx < left:
            left = bx
        elif bx > right:
            right = bx
        if by < top:
            top = by
        elif by > bottom:
            bottom = by
        travelled += math.hypot(bx - ax, by - ay)
        ax, ay = bx, by
    out.append((path, start))
    return out


class RelationLabel(QGraphicsItem):
    """A relation's label, drawn above every shape; clicks pass through to what is below."""

    def __init__(self, relation: RelationItem) -> None:
        super().__init__()
        self.relation = relation
        self.setZValue(LABEL_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rect = relation.face.label_rect()

    def follow(self) -> None:
        self.prepareGeometryChange()
        self._rect = self.relation.face.label_rect()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self.relation.face.paint_label(painter, self.relation.isSelected(), lod)
