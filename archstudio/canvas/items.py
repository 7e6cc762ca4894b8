"""Scene items: one per element and one per relation, each painting a cached face.

Items never change the document. They only show it: gestures (added later as interaction
objects) ask for text edits, and the scene updates items from the re-parsed model.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archstudio.layout.geometry import GROUP_TITLE, Box
from archstudio.model.kinds import MESSAGE_KINDS
from archstudio.render.edge_face import ARROW_LENGTH, RUNTIME_KINDS, EdgeFace
from archstudio.render.element_face import ElementFace

GROUP_Z, EDGE_Z, SHAPE_Z, LABEL_Z = 0.0, 50.0, 100.0, 200.0
# Zoomed out below this, the relations' lines are drawn together by a RelationBatch (a
# few cached paths, thin lines) instead of one item each: thousands of Python paint calls
# per frame were most of a zoomed-out frame's time.
BATCH_LOD = 0.35
LINE_WIDTH = 1.3  # a relation's line at 100 %
MIN_LINE_ALPHA = 0.3


class ElementItem(QGraphicsItem):
    """One element; its face is rebuilt only when kind, label, detail or size change."""

    def __init__(self, qname: str, face: ElementFace, box: Box, depth: int) -> None:
        super().__init__()
        self.qname = qname
        self.face = face
        self.box = box
        self.face_key: tuple = ()
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
        if self.name_item is None and face.kind == "system" and self.scene() is not None:
            self.name_item = SystemName(self)  # became a system
            self.scene().addItem(self.name_item)
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
        # a system is picked by its title band and border, so its inside stays free
        # for rubber-band selection and for the elements it holds
        band = QPainterPath()
        band.addRect(QRectF(0, 0, self.face.width, min(GROUP_TITLE, self.face.height)))
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return band.united(stroker.createStroke(self.face.outline))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self.face.paint(painter, self.isSelected(), lod)


class SystemName(QGraphicsItem):
    """A system's name drawn large above everything when zoomed out too far to read its
    title; it has no shape, so clicks and rubber bands never find it."""

    def __init__(self, system: ElementItem) -> None:
        super().__init__()
        self.system = system
        self.setZValue(LABEL_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setPos(system.pos())

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.system.boundingRect()

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.system.face.kind == "system":
            self.system.face.paint_big_name(
                painter, option.levelOfDetailFromTransform(painter.worldTransform()))


class RelationItem(QGraphicsItem):
    """One relation's line, below the shapes, in scene coordinates (the item sits at the
    origin). Its label is a separate item above the shapes: see :class:`RelationLabel`."""

    def __init__(self, key: str, face: EdgeFace) -> None:
        super().__init__()
        self.key = key
        self.face = face
        self.route_key: tuple = ()
        self._shape: QPainterPath | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.setZValue(EDGE_Z)
        self.label_item = RelationLabel(self)

    @property
    def label(self) -> str:
        return " ".join(text for _, text, bold in self.face.lines if bold)

    def set_face(self, face: EdgeFace) -> None:
        self.prepareGeometryChange()
        self.face = face
        self._shape = None
        self.label_item.follow()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.face.bounding_rect()

    def shape(self) -> QPainterPath:
        if self._shape is None:  # built on the first click, not for every relation
            self._shape = self.face.hit_path()
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        self.face.paint_line(painter, self.isSelected(), option.exposedRect)


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


class RelationBatch(QGraphicsItem):
    """Every relation's line as one path per line style (and the arrowheads as one more),
    built once per change and drawn only when zoomed out below ``BATCH_LOD``; the
    relation items draw nothing then (see ``DiagramScene.set_zoomed_out``). It has no
    shape: clicks and rubber bands still find the relation items themselves."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(EDGE_Z - 0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._faces: list[EdgeFace] = []
        self._paths: list[tuple[Qt.PenStyle, QPainterPath]] | None = None
        self._heads: tuple[QPainterPath, QPainterPath] | None = None
        self._bounds = QRectF()
        self.theme_edge = "#000000"
        self.theme_background = "#ffffff"

    def set_faces(self, faces: list[EdgeFace]) -> None:
        self.prepareGeometryChange()
        self._faces = faces
        self._paths = None
        bounds = QRectF()
        for face in faces:
            bounds = bounds.united(face.bounding_rect())
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def _build(self) -> None:
        styles = {Qt.PenStyle.SolidLine: QPainterPath(), Qt.PenStyle.DashLine: QPainterPath(),
                  Qt.PenStyle.DotLine: QPainterPath()}
        filled, hollow = QPainterPath(), QPainterPath()
        for face in self._faces:
            if face.kind in MESSAGE_KINDS:
                style = Qt.PenStyle.DashLine
            elif face.kind in RUNTIME_KINDS:
                style = Qt.PenStyle.SolidLine
            else:
                style = Qt.PenStyle.DotLine
            styles[style].addPath(face.path)
            (filled if face.kind in RUNTIME_KINDS else hollow).addPolygon(face.head)
        self._paths = [(style, path) for style, path in styles.items() if not path.isEmpty()]
        self._heads = (filled, hollow)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod >= BATCH_LOD or not self._faces:
            return
        if self._paths is None:
            self._build()
        color = QColor(self.theme_edge)
        # One-pixel lines (Qt's fast path), as faint as the thin lines they stand for
        # would look, but never fading out: the relations still show the structure.
        line_color = QColor(color)
        line_color.setAlphaF(min(1.0, max(MIN_LINE_ALPHA, LINE_WIDTH * lod)))
        pen = QPen(line_color, 0)
        pen.setCosmetic(True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for style, path in self._paths:
            pen.setStyle(style)
            painter.setPen(pen)
            painter.drawPath(path)
        if lod * ARROW_LENGTH >= 2.5:  # heads still a few pixels long
            painter.setPen(Qt.PenStyle.NoPen)
            filled, hollow = self._heads
            painter.setBrush(color)
            painter.drawPath(filled)
            painter.setBrush(QColor(self.theme_background))
            painter.drawPath(hollow)
