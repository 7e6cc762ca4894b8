"""The outline: the model as a tree of systems and their elements."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from archstudio.app.plain import tooltip
from archstudio.model import ELEMENT_KINDS, Element, Model

_ROLE = Qt.ItemDataRole.UserRole
FOLLOW_MOST = 64  # rows that came, went or changed system and are followed one by one


class OutlineTree(QTreeWidget):
    selection_changed = Signal(object)  # list of qualified names the person selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlineTree")
        self.setHeaderLabels(["Element", "Kind"])
        self.setUniformRowHeights(True)
        self.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._texts: dict[str, tuple[str, str]] = {}
        self._signature: tuple = ()
        self._model: Model | None = None
        self.itemSelectionChanged.connect(self._on_selection)

    def show_model(self, model: Model) -> None:
        """Rebuild only when the tree's shape changed; a new label or kind is set in place."""
        previous, self._model = self._model, model
        if previous is not None and self._items and self._same_shape(previous, model):
            return
        signature = tuple((q, e.parent) for q, e in model.elements.items())
        if signature == self._signature:
            self._update_texts(model)
            return
        if self._items and self._follow(model, signature):
            self._signature = signature
            self._update_texts(model)
            return
        self._signature = signature
        selected = self.selected_qnames()
        expanded = {q for q, item in self._items.items() if item.isExpanded()}
        first_build = not self._items
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        self.clear()
        self._items = {}
        self._texts = {}
        for qname, element in model.elements.items():  # parents come before children
            item = self._new_item(qname, element)
            parent = self._items.get(element.parent) if element.parent else None
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._items[qname] = item
        for qname, item in self._items.items():
            if first_build or qname in expanded:
                item.setExpanded(True)
            if qname in selected:
                item.setSelected(True)
        self.setUpdatesEnabled(True)
        self.blockSignals(False)

    def _follow(self, model: Model, signature: tuple) -> bool:
        """Move, add and remove the rows of the few elements that came, went or changed
        system (a drag into or out of a system), keeping every other row as it is;
        False when more changed, or the others' order did (then the tree is rebuilt)."""
        before, now = dict(self._signature), dict(signature)
        gone = {q for q, parent in before.items() if now.get(q, "") != parent}
        came = {q for q, parent in now.items() if before.get(q, "") != parent}
        if len(gone) + len(came) > FOLLOW_MOST or [
                row for row in self._signature if row[0] not in gone] != [
                row for row in signature if row[0] not in came]:
            return False
        self.blockSignals(True)
        for qname in sorted(gone, key=lambda q: -q.count(".")):  # children first
            item = self._items.pop(qname)
            self._texts.pop(qname, None)
            holder = item.parent()
            if holder is not None:
                holder.removeChild(item)
            else:
                self.takeTopLevelItem(self.indexOfTopLevelItem(item))
        for qname, parent in signature:  # parents before children, in the text's order
            if qname not in came:
                continue
            element = model.elements[qname]
            item = self._new_item(qname, element)
            # among its siblings shown so far, after those that come before it
            place = 0
            for other, holder_name in signature:
                if other == qname:
                    break
                place += holder_name == parent and other in self._items
            holder = self._items.get(parent) if parent else None
            if holder is not None:
                holder.insertChild(place, item)
            else:
                self.insertTopLevelItem(place, item)
            self._items[qname] = item
            item.setExpanded(element.is_group)
        self.blockSignals(False)
        return True

    def _same_shape(self, previous: Model, model: Model) -> bool:
        """Whether only elements' texts changed since ``previous`` (updated here): the
        parser shares unchanged elements, so a keystroke compares a handful, not all."""
        if len(previous.elements) != len(model.elements):
            return False
        changed = []
        for (qname, element), (was_qname, was) in zip(model.elements.items(),
                                                      previous.elements.items(), strict=True):
            if element is not was:
                if qname != was_qname or element.parent != was.parent \
                        or qname not in self._items:
                    return False  # renamed, moved or reordered: the tree changes shape
                changed.append((qname, element))
        for qname, element in changed:
            self._show_texts(qname, element)
        return True

    def _update_texts(self, model: Model) -> None:
        for qname, element in model.elements.items():
            self._show_texts(qname, element)

    def _new_item(self, qname: str, element: Element) -> QTreeWidgetItem:
        """The row of one element (its name and kind, its qualified name kept)."""
        texts = _texts_of(element)
        self._texts[qname] = texts
        item = QTreeWidgetItem(list(texts))
        item.setData(0, _ROLE, qname)
        item.setToolTip(0, tooltip(qname))
        return item

    def _show_texts(self, qname: str, element: Element) -> None:
        """Set the row's texts again only where they changed."""
        texts = _texts_of(element)
        if self._texts.get(qname) != texts:
            self._texts[qname] = texts
            self._items[qname].setText(0, texts[0])
            self._items[qname].setText(1, texts[1])

    def item_for(self, qname: str) -> QTreeWidgetItem | None:
        return self._items.get(qname)

    def selected_qnames(self) -> list[str]:
        return [item.data(0, _ROLE) for item in self.selectedItems()]

    def select(self, qnames: list[str]) -> None:
        """Select without echoing ``selection_changed`` (the caller already knows)."""
        self.blockSignals(True)
        self.clearSelection()
        for qname in qnames:
            item = self._items.get(qname)
            if item is not None:
                item.setSelected(True)
                self.scrollToItem(item)
        self.blockSignals(False)
        self.viewport().update()

    def _on_selection(self) -> None:
        self.selection_changed.emit(self.selected_qnames())


def _texts_of(element: Element) -> tuple[str, str]:
    return element.display_name, ELEMENT_KINDS[element.kind].title
