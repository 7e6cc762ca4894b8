"""The canvas's right-click menus: one for elements, one for relations, one for the canvas.

Every entry calls a command that exists elsewhere (inline rename, the relation-kind menu,
delete, the clipboard, create and move requests, auto-arrange, fit), so a menu only
gathers them for what is under the mouse. Right-clicking something not selected selects
it first, as file managers do. While the text does not parse, the entries that would
edit it are shown disabled under a line that says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from archstudio import edit
from archstudio.app.clipboard import CanvasClipboard
from archstudio.app.edit_guard import EditGuard
from archstudio.canvas import ElementItem, RelationItem
from archstudio.canvas.gestures.connect import new_kinds
from archstudio.canvas.gestures.delete import request_delete
from archstudio.canvas.gestures.hits import snapped, system_at
from archstudio.canvas.gestures.relation_edit import relation_by_key, relation_kind_menu
from archstudio.canvas.gestures.rename import select_only, start_rename
from archstudio.canvas.gestures.requests import CreateRequest, MoveRequest
from archstudio.canvas.gestures.select import select_all
from archstudio.canvas.items import RelationLabel
from archstudio.canvas.view import GRID
from archstudio.dsl import TextEdit
from archstudio.edit import EditError, EditResult
from archstudio.edit.result import finish
from archstudio.model import ELEMENT_KINDS, LAYERS, Model
from archstudio.model.kinds import relation_allowed

if TYPE_CHECKING:
    from archstudio.app.main_window import MainWindow

Key = QKeySequence.StandardKey
NEIGHBOUR_GAP = 80.0  # how far right of an element "Add Connected" puts the new one


def reverse_relation(text: str, model: Model | None, key: str) -> EditResult:
    """The relation ``key`` pointing the other way: its two ends swap places in the
    statement, nothing else changes (both are written from the same scope)."""
    model = edit.editable(text, model)
    relation = relation_by_key(model, key)
    if relation is None:
        raise EditError(f"'{key}' is no longer in the diagram")
    source, target = relation.source_span, relation.target_span
    return finish(text, [TextEdit(source.start, source.end, text[target.start:target.end]),
                         TextEdit(target.start, target.end, text[source.start:source.end])],
                  relation.index)


def _keys(key: QKeySequence.StandardKey) -> str:
    """A standard shortcut as this platform writes it, for the menu's shortcut column."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def kinds_in_layer_order() -> list[str]:
    return [k.name for layer in LAYERS for k in ELEMENT_KINDS.values() if k.layer == layer]


class CanvasContextMenus(QObject):
    """Builds (``menu_at``) and shows the context menu for a point of the view."""

    def __init__(self, window: MainWindow, clipboard: CanvasClipboard,
                 guard: EditGuard) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        self.scene = window.view.diagram_scene
        self.clipboard = clipboard
        self.guard = guard
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show)

    def _show(self, point: QPoint) -> None:
        self.popup(self.menu_at(point), self.view.viewport().mapToGlobal(point))

    @staticmethod
    def popup(menu: QMenu, where: QPoint) -> None:
        """Run the menu at ``where`` (global); tests replace this so nothing blocks."""
        menu.exec(where)

    # -- what is under the mouse ---------------------------------------------------------
    def target_at(self, point: QPoint) -> tuple[str, str | None]:
        """``("element", qname)``, ``("relation", key)`` or ``("canvas", None)`` for a
        viewport point (a relation's label counts as the relation)."""
        for item in self.view.items(point):
            if isinstance(item, RelationLabel):
                return "relation", item.relation.key
            if isinstance(item, RelationItem):
                return "relation", item.key
            if isinstance(item, ElementItem):
                return "element", item.qname
        return "canvas", None

    def menu_at(self, point: QPoint, empty_canvas: bool = False) -> QMenu:
        """The menu for viewport ``point``, selecting what is there when it is not
        selected yet (not shown: the caller execs it); ``empty_canvas`` asks for the
        canvas's own menu whatever lies under the point."""
        kind, key = ("canvas", None) if empty_canvas else self.target_at(point)
        at = self.view.mapToScene(point)
        menu = QMenu(self.view)
        if key is not None and key not in self.scene.selected_keys():
            select_only(self.view, key)
        if self.guard.message is not None:
            note = menu.addAction("Fix the text's errors to edit the diagram")
            note.setEnabled(False)
            note.setToolTip(self.guard.message)
            menu.addSeparator()
        if kind == "element" and key is not None:
            menu.setObjectName("elementContextMenu")
            self._element_entries(menu, key)
        elif kind == "relation" and key is not None:
            menu.setObjectName("relationContextMenu")
            self._relation_entries(menu, key)
        else:
            menu.setObjectName("canvasContextMenu")
            self._canvas_entries(menu, at)
        return menu

    # -- the three menus -----------------------------------------------------------------
    def _element_entries(self, menu: QMenu, qname: str) -> None:
        model = self.scene.model
        element = model.elements[qname] if model and qname in model.elements else None
        many = len(self.scene.selected_keys()) > 1
        self._add(menu, "Rename\tF2", lambda: start_rename(self.view, qname),
                  structural=True, enabled=not many)
        self._add(menu, "Show in Text", lambda: self._show_in_text(qname))
        menu.addSeparator()
        if element is not None:
            connected = menu.addMenu("Add &Connected")
            for name, relation_kind in new_kinds(element.kind):
                self._add(connected, ELEMENT_KINDS[name].title,
                          lambda n=name, k=relation_kind: self._add_connected(qname, n, k),
                          structural=True)
            if element.is_group:
                inside = menu.addMenu("Add &Inside")
                for name in kinds_in_layer_order():
                    self._add(inside, ELEMENT_KINDS[name].title,
                              lambda n=name: self._add_inside(qname, n), structural=True)
                if element.children:
                    self._add(menu, "Dissolve System (Keep Contents)",
                              lambda: self._dissolve(qname), structural=True)
            if element.parent is not None:
                self._add(menu, "Move Out of System", lambda: self._move_out(qname),
                          structural=True)
        menu.addSeparator()
        self._add(menu, f"Cu&t\t{_keys(Key.Cut)}", self.clipboard.cut, structural=True)
        self._add(menu, f"&Copy\t{_keys(Key.Copy)}", self.clipboard.copy, structural=True)
        self._add(menu, "D&uplicate\tCtrl+D", self.clipboard.duplicate, structural=True)
        self._add(menu, f"&Delete\t{_keys(Key.Delete)}", lambda: request_delete(self.view),
                  structural=True)
        menu.addSeparator()
        self._add(menu, f"Select &All\t{_keys(Key.SelectAll)}", lambda: select_all(self.view))

    def _relation_entries(self, menu: QMenu, key: str) -> None:
        model = self.scene.model
        relation = relation_by_key(model, key)
        self._add(menu, "Edit &Label\tF2", lambda: start_rename(self.view, key),
                  structural=True)
        kinds = relation_kind_menu(self.view, key, menu)
        if kinds is not None:
            kinds.setEnabled(self.guard.message is None)
            menu.addMenu(kinds)
        reversible = relation is not None and model is not None and relation.resolved and \
            relation_allowed(relation.kind, model.elements[relation.target].kind,
                             model.elements[relation.source].kind)
        self._add(menu, "&Reverse Direction", lambda: self._reverse(key), structural=True,
                  enabled=reversible)
        self._add(menu, "Show in Text", lambda: self._show_in_text(key))
        menu.addSeparator()
        self._add(menu, f"&Delete\t{_keys(Key.Delete)}", lambda: request_delete(self.view),
                  structural=True)

    def _canvas_entries(self, menu: QMenu, at: QPointF) -> None:
        self._add(menu, f"&Paste Here\t{_keys(Key.Paste)}", lambda: self.clipboard.paste(at),
                  structural=True)
        here = menu.addMenu("Add &Element Here")
        for name in kinds_in_layer_order():
            self._add(here, ELEMENT_KINDS[name].title,
                      lambda n=name: self._create(n, at, system_at(self.view, at)),
                      structural=True)
        menu.addSeparator()
        self._add(menu, f"Select &All\t{_keys(Key.SelectAll)}", lambda: select_all(self.view))
        self._add(menu, "Auto-&arrange\tCtrl+Shift+L", self.window.auto_arrange,
                  structural=True)
        self._add(menu, "&Fit to Window", self.window.fit)

    def _add(self, menu: QMenu, text: str, slot, structural: bool = False,
             enabled: bool = True):
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        action.setEnabled(enabled and not (structural and self.guard.message is not None))
        return action

    # -- the commands without a home of their own --------------------------------------
    def _create(self, kind: str, at: QPointF, parent: str | None,
                connect_from: str | None = None, relation_kind: str | None = None) -> None:
        if self.guard.allowed("add an element"):
            self.window.canvas_edits.create(CreateRequest(
                kind, snapped(at.x(), GRID), snapped(at.y(), GRID), parent, connect_from,
                relation_kind))

    def _add_connected(self, qname: str, kind: str, relation_kind: str | None) -> None:
        box = self.scene.boxes.get(qname)
        element = self.scene.model.elements.get(qname) if self.scene.model else None
        if box is None or element is None:
            return
        self._create(kind, QPointF(box.right + NEIGHBOUR_GAP, box.y), element.parent,
                     qname, relation_kind)

    def _add_inside(self, system: str, kind: str) -> None:
        box = self.scene.boxes.get(system)
        if box is not None:
            self._create(kind, QPointF(box.x + GRID, box.bottom - GRID), system)

    def _move_out(self, qname: str) -> None:
        """Out of its system into the next one out, just right of the system."""
        model, boxes = self.scene.model, self.scene.boxes
        if model is None or qname not in boxes or not self.guard.allowed("move"):
            return
        parent = model.elements[qname].parent
        outer = model.elements[parent].parent if parent else None
        right = boxes[parent].right if parent in boxes else boxes[qname].right
        self.window.canvas_edits.move(MoveRequest(
            {qname: (snapped(right + NEIGHBOUR_GAP / 2, GRID), boxes[qname].y)},
            {qname: outer}))

    def _dissolve(self, qname: str) -> None:
        if self.guard.allowed("dissolve the system"):
            self.window.canvas_edits.run([lambda text, model: edit.delete_element(
                text, qname, model=model, lift_children=True)], "dissolve the system")

    def _reverse(self, key: str) -> None:
        if not self.guard.allowed("reverse the relation"):
            return
        results = self.window.canvas_edits.run(
            [lambda text, model: reverse_relation(text, model, key)], "reverse the relation")
        if results:
            model = self.window.document.reparse_now().model
            index = results[-1].subject
            if isinstance(index, int) and index < len(model.relations):
                self.window.select_keys([model.relations[index].key])

    def _show_in_text(self, key: str) -> None:
        result = self.window.document.result
        if result is None or result.stale:
            return
        model = result.model
        span = model.elements[key].span if key in model.elements else next(
            (r.span for r in model.relations if r.key == key), None)
        if span is not None:
            self.window.editor.go_to(span.start)
            self.window.editor.setFocus()
