"""Scene items: one per element and one per relation, each painting a cached face.

Items never change the document. They only show it: gestures (added later as interaction
objects) ask for text edits, and the scene updates items from the re-parsed model.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archstudio.layout.geometry import GROUP_TITLE, Box
from archstudio.render.edge_face import EdgeFace
from archstudio.render.element_face import ElementFace

GROUP_Z, EDGE_Z, SHAPE_Z, LABEL_Z = 0.0, 50.0, 100.0, 200.0


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
        self.face.paint_line(painter, self.isSelected())


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
