"""The palette of element kinds. Dragging one out carries the kind name, which the canvas's
drop gesture turns into a create-element edit; clicking one arms it for a click on the
canvas (``sig_kind_armed``)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from archstudio.canvas.gestures import KIND_MIME_TYPE
from archstudio.model import ELEMENT_KINDS, LAYERS
from archstudio.render import LIGHT
from archstudio.render.shapes import paths

ICON_SIZE = QSize(44, 32)

_ROLE = Qt.ItemDataRole.UserRole


class Palette(QListWidget):
    sig_kind_armed = Signal(object)  # str | None: the kind the next canvas click creates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)  # a drop never takes the entry
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setDragEnabled(True)  # after setMovement: a static list view turns drags off
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setIconSize(ICON_SIZE)
        self.setGridSize(QSize(92, 70))
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        self.setUniformItemSizes(True)
        for layer in LAYERS:
            for kind in ELEMENT_KINDS.values():
                if kind.layer != layer:
                    continue
                item = QListWidgetItem(kind_icon(kind.name), kind.title)
                item.setData(_ROLE, kind.name)
                synonyms = f" (also: {', '.join(kind.synonyms)})" if kind.synonyms else ""
                item.setToolTip(f"{kind.name}{synonyms} — {layer} layer. Drag onto the canvas, "
                                "or click here and then on the canvas.")
                self.addItem(item)
        self.itemClicked.connect(lambda item: self.sig_kind_armed.emit(item.data(_ROLE)))

    def kinds(self) -> list[str]:
        return [self.item(i).data(_ROLE) for i in range(self.count())]

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [KIND_MIME_TYPE]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if items:
            kind = items[0].data(_ROLE)
            data.setData(KIND_MIME_TYPE, kind.encode("utf-8"))
            data.setText(kind)
        return data


def kind_icon(kind: str) -> QIcon:
    """The kind's own shape, drawn by the same code as the canvas (light diagram colours,
    which read well on both UI themes)."""
    scale = 2  # drawn at twice the size so it stays crisp on high-density screens
    pixmap = QPixmap(ICON_SIZE * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    style = LIGHT.style(kind)
    outline, decor = paths(kind, ICON_SIZE.width() - 4, ICON_SIZE.height() - 4)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(2, 2)
    pen = QPen(QColor(style.stroke), 1.4)
    if style.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(style.fill))
    painter.drawPath(outline)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(decor)
    painter.end()
    return QIcon(pixmap)
