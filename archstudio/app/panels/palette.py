"""The palette of element kinds. Dragging one out carries the kind name, which the canvas's
drop gesture (next issue) turns into a create-element edit."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from archstudio.model import ELEMENT_KINDS, LAYERS

KIND_MIME_TYPE = "application/x-archstudio-kind"
_ROLE = Qt.ItemDataRole.UserRole


class Palette(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        for layer in LAYERS:
            for kind in ELEMENT_KINDS.values():
                if kind.layer != layer:
                    continue
                item = QListWidgetItem(kind.title)
                item.setData(_ROLE, kind.name)
                synonyms = f" (also: {', '.join(kind.synonyms)})" if kind.synonyms else ""
                item.setToolTip(f"{kind.name}{synonyms} — {layer} layer. Drag onto the canvas.")
                self.addItem(item)

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
