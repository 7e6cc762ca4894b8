"""The properties panel: what the model says about the selected element or relation,
and the place to change it.

Double-click (or F2) a value to edit it; Enter asks the app for the change with
``sig_change_requested`` (one undo step, like any canvas edit); an empty value, or Delete
on a property row, removes it. "Add property…" takes a name, then a value. A relation's
kind is a list of the kinds its ends allow. The panel never edits the model: it is
rebuilt from the re-parsed text after each change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from archstudio.app.panels.properties_rows import (
    KIND_FIELD,
    Row,
    element_rows,
    relation_rows,
    relation_summary,
)
from archstudio.app.plain import tooltip
from archstudio.canvas.gestures.relation_edit import PLAIN, kinds_for
from archstudio.model import Model, Relation
from archstudio.model.kinds import RELATION_KINDS

FIELD_ROLE = Qt.ItemDataRole.UserRole
ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1
REMOVABLE_ROLE = Qt.ItemDataRole.UserRole + 2
ADD_FIELD = "+"  # the field of the "Add property…" row
ADD_CAPTION = "Add property…"


@dataclass(frozen=True, slots=True)
class PropertyChange:
    """Set ``field`` of ``target`` (a qualified name or a relation key) to ``value``;
    None or a blank value removes it. Fields: id, label, kind, source, target, or any
    property key."""

    target: str
    field: str
    value: str | None


class PropertiesPanel(QTreeWidget):
    sig_change_requested = Signal(object)  # PropertyChange

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesPanel")
        self.setHeaderLabels(["Property", "Value"])
        self.setColumnWidth(0, 150)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # column 1 only
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.target: str | None = None
        self._building = False
        self.itemDoubleClicked.connect(lambda item, _column: self.edit_value(item))
        self.itemChanged.connect(self._on_item_changed)
        self.itemDelegate().closeEditor.connect(self._on_editor_closed)
        self.customContextMenuRequested.connect(self._context_menu)
        self._shown: tuple | None = None  # what the rows were made from (_shown_objects)
        self.show_element(None, None)

    # -- showing -----------------------------------------------------------------------
    def show_element(self, model: Model | None, key: str | None) -> None:
        """Show the element or relation ``key`` (a qualified name or a relation key);
        rows that would come out the same are kept (after a drag the element, its
        relations and their ends are the very same objects: nothing to build again)."""
        shown = _shown_objects(model, key)
        if shown is not None and shown == self._shown and self.target == key:
            return
        self._shown = shown
        self._building = True
        try:
            self._show(model, key)
        finally:
            self._building = False

    def _show(self, model: Model | None, key: str | None) -> None:
        self.clear()
        self.target = None
        element = model.elements.get(key) if model is not None and key else None
        relation = next((r for r in model.relations if r.key == key), None) if (
            model is not None and key and element is None) else None
        if model is None or key is None or (element is None and relation is None):
            hint = QTreeWidgetItem(["Select an element or a relation to see its properties."])
            hint.setForeground(0, self.palette().placeholderText())
            self.addTopLevelItem(hint)
            hint.setFirstColumnSpanned(True)
            return
        self.target = key
        rows = element_rows(element) if element is not None else relation_rows(relation)
        for row in rows:
            self._add_row(row)
        self._add_row(Row(ADD_CAPTION, "", ADD_FIELD))
        if relation is not None:
            self._kind_box(model, relation)
        else:
            self._relations_group(model, key)

    def _add_row(self, row: Row) -> QTreeWidgetItem:
        item = QTreeWidgetItem([row.caption, row.value])
        if row.field is not None:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setData(0, FIELD_ROLE, row.field)
            item.setData(1, ORIGINAL_ROLE, row.value)
            item.setData(0, REMOVABLE_ROLE, row.removable)
        else:
            item.setForeground(0, self.palette().placeholderText())
        if row.field == ADD_FIELD:
            item.setForeground(0, self.palette().link())
        if row.tooltip:
            item.setToolTip(0, tooltip(row.tooltip))
        self.addTopLevelItem(item)
        return item

    def _kind_box(self, model: Model, relation: Relation) -> None:
        """A relation's kind, chosen among those its ends' layers allow."""
        item = self.row_item("Kind")
        assert item is not None
        kinds = kinds_for(model, relation)
        if relation.kind is not None and relation.kind not in kinds:
            kinds.append(relation.kind)  # shown as written, even where it is not allowed
        box = QComboBox()
        box.setObjectName("relationKindBox")
        box.addItem(PLAIN, None)
        for kind in kinds:
            box.addItem(kind, kind)
            box.setItemData(box.count() - 1, tooltip(RELATION_KINDS[kind].description)
                            if kind in RELATION_KINDS else "", Qt.ItemDataRole.ToolTipRole)
        box.setCurrentIndex(max(0, box.findData(relation.kind)))
        target = relation.key
        box.activated.connect(lambda index: self._request(
            target, KIND_FIELD, box.itemData(index)) if box.itemData(index) != relation.kind
            else None)
        self.setItemWidget(item, 1, box)

    def _relations_group(self, model: Model, qname: str) -> None:
        relations = model.relations_of(qname)
        if not relations:
            return
        group = QTreeWidgetItem(["Relations", str(len(relations))])
        for relation in relations:
            arrow, text, tip = relation_summary(model, qname, relation)
            row = QTreeWidgetItem([arrow, text])
            row.setToolTip(0, tooltip(tip))
            group.addChild(row)
        self.addTopLevelItem(group)
        group.setExpanded(True)

    def rows(self) -> dict[str, str]:
        return {self.topLevelItem(i).text(0): self.topLevelItem(i).text(1)
                for i in range(self.topLevelItemCount())}

    def row_item(self, caption: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            if self.topLevelItem(i).text(0) == caption:
                return self.topLevelItem(i)
        return None

    # -- editing -----------------------------------------------------------------------
    def edit_value(self, item: QTreeWidgetItem | None) -> bool:
        """Open the editor on a row's value (the name first, on the "Add property…" row)."""
        self._shown = None  # rows being edited are made afresh by the next show
        field = item.data(0, FIELD_ROLE) if item is not None else None
        if field is None or field == KIND_FIELD:  # the kind has its own list
            return False
        if field == ADD_FIELD and not item.text(1):
            self._building = True
            item.setText(0, "")
            self._building = False
            self.editItem(item, 0)
        else:
            self.editItem(item, 1)
        return True

    def _on_editor_closed(self, _editor: QWidget, _hint) -> None:
        add = self.row_item("")  # the "Add property…" row left without a name
        if add is not None and add.data(0, FIELD_ROLE) == ADD_FIELD:
            self._building = True
            add.setText(0, ADD_CAPTION)
            self._building = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._shown = None  # the rows' colours come from the palette
        super().changeEvent(event)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._building:
            self._shown = None  # a row now says what a person typed: made afresh next
        field = item.data(0, FIELD_ROLE)
        if self._building or field is None or self.target is None:
            return
        if field == ADD_FIELD:
            name = item.text(0).strip()
            if column == 0 and name and name != ADD_CAPTION:
                QTimer.singleShot(0, lambda: self.editItem(item, 1))  # now its value
            elif column == 1 and name and name != ADD_CAPTION and item.text(1).strip():
                self._request(self.target, name, item.text(1))
            return
        if column == 1 and item.text(1) != item.data(1, ORIGINAL_ROLE):
            self._request(self.target, field, item.text(1))

    def _request(self, target: str, field: str, value: str | None) -> None:
        """Ask once the editor has closed: the answer rebuilds the rows."""
        change = PropertyChange(target, field, value)
        QTimer.singleShot(0, lambda: self.sig_change_requested.emit(change))

    def remove_row(self, item: QTreeWidgetItem | None) -> bool:
        """Ask to remove the property (or the label) a row shows."""
        if item is None or self.target is None or not (
                item.data(0, REMOVABLE_ROLE) or item.data(0, FIELD_ROLE) == "label"
                and item.text(1)):
            return False
        self._request(self.target, item.data(0, FIELD_ROLE), None)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        item = self.currentItem()
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.remove_row(
                    item):
                return
            if event.key() in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.edit_value(item):
                return
        super().keyPressEvent(event)

    def _context_menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        if item is None or item.data(0, FIELD_ROLE) is None:
            return
        menu = QMenu(self)
        menu.addAction("Edit", lambda: self.edit_value(item))
        remove = menu.addAction("Remove", lambda: self.remove_row(item))
        remove.setEnabled(bool(item.data(0, REMOVABLE_ROLE)))
        menu.exec(self.viewport().mapToGlobal(point))


def _shown_objects(model: Model | None, key: str | None) -> tuple | None:
    """The objects the rows of ``key`` are made from, compared by identity: the element
    or relation, the relations of an element and the elements at their ends."""
    if model is None or not key:
        return None
    element = model.elements.get(key)
    if element is None:
        return None  # a relation (few rows, found by scanning anyway): shown afresh
    relations = model.relations_of(key)
    ends = [model.elements.get(q) for r in relations for q in (r.source, r.target)]
    return tuple(_Same(o) for o in (element, *relations, *ends))


class _Same:
    """Equal to another only when holding the very same object."""

    __slots__ = ("held",)

    def __init__(self, held: object) -> None:
        self.held = held

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.held is self.held

    __hash__ = None  # type: ignore[assignment]
