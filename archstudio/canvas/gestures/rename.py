"""Rename in place: F2 or a double-click edits an element's or a relation's label.

A line editor opens over the item's label. Enter (or clicking elsewhere) asks for the new
label with ``sig_label_requested``; Escape closes it and asks for nothing. The editor
never changes the item: the label on the canvas changes when the re-parsed text says so.
The palette drop calls :func:`start_rename` on the element it just created.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import ElementItem, RelationItem, RelationLabel

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

MIN_EDITOR_WIDTH = 120


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """Give ``target`` (an element's qualified name or a relation's key) a new label;
    an empty label removes it."""

    target: str
    label: str


class LabelEditor(QLineEdit):
    """The in-place editor; it reports once, on Enter or focus loss, unless cancelled."""

    def __init__(self, view: DiagramView, target: str, text: str) -> None:
        super().__init__(text, view.viewport())
        self.setObjectName("inlineLabelEditor")
        self.view = view
        self.target = target
        self.original = text
        self._done = False

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        label = self.text()
        self._close()
        if label != self.original:
            self.view.sig_label_requested.emit(LabelRequest(self.target, label))

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self._close()

    def _close(self) -> None:
        self.hide()
        self.view.setFocus()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # not for its own menu
            self.commit()


def current_label(view: DiagramView, key: str) -> str | None:
    """The label as written in the text (not as wrapped on the canvas); None when the
    key names nothing shown."""
    model = view.diagram_scene.model
    if model is None:
        return None
    element = model.elements.get(key)
    if element is not None:
        return element.label if element.label is not None else element.id
    relation = next((r for r in model.relations if r.key == key), None)
    return None if relation is None else relation.label or ""


def _label_rect(view: DiagramView, key: str) -> QRectF | None:
    scene = view.diagram_scene
    element = scene.element_item(key)
    if element is not None:
        rect = element.sceneBoundingRect()
        if element.kind == "system":  # its name sits in the title band
            rect.setHeight(min(rect.height(), 32.0))
        return rect
    relation = scene.relation_item(key)
    if relation is None:
        return None
    rect = relation.label_item.sceneBoundingRect()
    if rect.isEmpty():  # no label yet: edit at the middle of the line
        points = relation.face.points
        x, y = points[len(points) // 2]
        rect = QRectF(x - 60, y - 12, 120, 24)
    return rect


def start_rename(view: DiagramView, key: str) -> LabelEditor | None:
    """Open the in-place editor over ``key``'s label, all of it selected."""
    text = current_label(view, key)
    rect = _label_rect(view, key)
    if text is None or rect is None:
        return None
    for old in view.viewport().findChildren(LabelEditor):
        old.commit()
    view.ensureVisible(rect, 20, 20)
    editor = LabelEditor(view, key, text)
    _place(view, editor, rect)
    editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
    editor.selectAll()
    editor.show()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    # it sits over the item in viewport pixels: a scroll (scroll bars appearing as the
    # first elements grow the scene, say) carries it along; a zoom ends it
    view.zoom_changed.connect(editor.commit)
    follow = lambda _value: _place(view, editor, rect)  # noqa: E731
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.valueChanged.connect(follow)
        editor.destroyed.connect(lambda *_args, b=bar: b.valueChanged.disconnect(follow))
    return editor


def _place(view: DiagramView, editor: LabelEditor, rect: QRectF) -> None:
    """Centre the editor over the scene rect ``rect`` as the view shows it now."""
    if editor._done:
        return
    area = view.mapFromScene(rect).boundingRect()
    height = editor.sizeHint().height()
    width = max(area.width(), MIN_EDITOR_WIDTH)
    editor.setGeometry(area.center().x() - width // 2, area.center().y() - height // 2,
                       width, height)


def key_at(view: DiagramView, event: QMouseEvent) -> str | None:
    """The element or relation under the mouse (a relation's label counts)."""
    for item in view.items(event.position().toPoint()):
        if isinstance(item, RelationLabel):
            return item.relation.key
        if isinstance(item, RelationItem):
            return item.key
        if isinstance(item, ElementItem):
            return item.qname
    return None


class InlineRename(Interaction):
    """F2 renames the one selected item; a double-click renames the item under it."""

    def key_press(self, view: DiagramView, event: QKeyEvent) -> bool:
        if event.key() != Qt.Key.Key_F2 or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        keys = view.diagram_scene.selected_keys()
        if len(keys) == 1:
            start_rename(view, keys[0])
        return True

    def mouse_double_click(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        key = key_at(view, event)
        if key is None:
            return False
        select_only(view, key)
        return start_rename(view, key) is not None


def select_only(view: DiagramView, key: str) -> None:
    """Select one item the way a click does (the app hears of it)."""
    scene = view.diagram_scene
    item = scene.element_item(key) or scene.relation_item(key)
    if item is not None and scene.selectedItems() != [item]:
        scene.clearSelection()
        item.setSelected(True)


def editing(view: QWidget) -> bool:
    """Whether an in-place editor is open (other gestures leave the keys alone then)."""
    return any(e.isVisible() for e in view.findChildren(LabelEditor))
