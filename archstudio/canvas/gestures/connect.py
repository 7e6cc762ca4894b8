"""Connect: hover an element to see its handles, drag from one to another element.

Dropped on an element, the gesture asks for a relation: untyped between run-time
elements, else one of the kinds the two layers allow (a short menu when several are).
Dropped on empty canvas, a short menu of element kinds offers to create one already
connected. The rubber line is feedback; the request is made on release.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGraphicsLineItem, QMenu

from archstudio.canvas.gestures.feedback import Handles, rubber_line
from archstudio.canvas.gestures.hits import element_at, system_at
from archstudio.canvas.gestures.requests import ConnectRequest, CreateRequest
from archstudio.canvas.interactions import Interaction
from archstudio.layout.geometry import DEFAULT_SIZES, FALLBACK_SIZE, Box
from archstudio.model.kinds import ELEMENT_KINDS
from archstudio.rules.layered import LAYERED_KINDS, layer_kinds

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

# (view, entries, where on screen) -> the chosen entry's index, or None
Chooser = Callable[["DiagramView", list[str], QPoint], "int | None"]


def menu_choice(view: DiagramView, entries: list[str], where: QPoint) -> int | None:
    """A popup menu of ``entries`` at ``where`` (global); the index picked, or None."""
    menu = QMenu(view)
    actions = [menu.addAction(entry) for entry in entries]
    chosen = menu.exec(where)
    return actions.index(chosen) if chosen in actions else None


def is_runtime(kind: str) -> bool:
    """People, services, stores and the like, which call each other (seed 004), as
    against the layered model's goals, capabilities, policies, operations and schemas."""
    return kind not in LAYERED_KINDS


def relation_kinds(source_kind: str, target_kind: str) -> list[str | None]:
    """What a relation between the two may be: untyped between run-time elements, else
    the typed kinds their layers allow, run-time calls left out (maybe none)."""
    if is_runtime(source_kind) and is_runtime(target_kind):
        return [None]
    return list(layer_kinds(source_kind, target_kind))


def new_kinds(source_kind: str) -> list[tuple[str, str | None]]:
    """Element kinds to offer when a connection is dropped on empty canvas, each with the
    relation kind it would get (run-time sources offer run-time kinds, layered sources
    layered kinds)."""
    offers: list[tuple[str, str | None]] = []
    for name, kind in ELEMENT_KINDS.items():
        if kind.is_group or is_runtime(source_kind) != is_runtime(name):
            continue
        kinds = relation_kinds(source_kind, name)
        if kinds:
            offers.append((name, kinds[0]))
    return offers


def _anchors(box: Box) -> list[QPointF]:
    """The handles: the middle of each side."""
    cx, cy = box.center
    return [QPointF(cx, box.y), QPointF(box.right, cy), QPointF(cx, box.bottom),
            QPointF(box.x, cy)]


class ConnectGesture(Interaction):
    def __init__(self, choose: Chooser = menu_choice) -> None:
        self.choose = choose
        self._handles: Handles | None = None
        self._hovered: str | None = None
        self._shown_for = None  # the box the handles were put around
        self._source: str | None = None
        self._line: QGraphicsLineItem | None = None

    def _ensure_handles(self, view: DiagramView) -> Handles:
        scene = view.diagram_scene
        if self._handles is None or self._handles.scene() is not scene:
            self._handles = Handles(scene.theme.selection)
            scene.addItem(self._handles)
        return self._handles

    @property
    def dragging(self) -> str | None:
        """The element a rubber line is being drawn from, if any."""
        return self._source

    def hide_handles(self) -> None:
        self._hovered = None
        if self._handles is not None:
            self._handles.show_at([], 1.0)

    def forget_missing(self, view: DiagramView) -> None:
        """Hide the handles when their element is no longer where they were shown."""
        if self._hovered is None:
            return
        box = view.diagram_scene.boxes.get(self._hovered)
        if box is None or self._shown_for != box:
            self.hide_handles()

    # -- hover: handles ------------------------------------------------------------
    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        at = view.mapToScene(event.position().toPoint())
        if self._source is not None and self._line is not None:
            self._line.setLine(QLineF(self._line.line().p1(), at))
            return True
        if event.buttons() != Qt.MouseButton.NoButton:  # another gesture's drag
            self.hide_handles()
            return False
        handles = self._ensure_handles(view)
        if self._hovered is not None and handles.hit(at) is not None:
            return False  # on a handle, just outside the shape: keep them
        item = element_at(view, event.position().toPoint())
        scene = view.diagram_scene
        if item is None or scene.is_stale or item.qname not in scene.boxes:
            self.hide_handles()
            return False
        if item.qname != self._hovered:
            self._hovered = item.qname
            self._shown_for = scene.boxes[item.qname]
            box = self._shown_for
            handles.show_at(_anchors(box), view.zoom(), min(box.width, box.height))
        return False

    # -- drag: a rubber line -------------------------------------------------------
    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self._hovered is None:
            return False
        at = view.mapToScene(event.position().toPoint())
        handles = self._ensure_handles(view)
        index = handles.hit(at)
        if index is None:
            return False
        self._source = self._hovered
        self._line = rubber_line(view.diagram_scene, view.diagram_scene.theme.selection,
                                 handles.points[index])
        return True

    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self._source is None:
            return False
        source, self._source = self._source, None
        if self._line is not None:
            view.diagram_scene.removeItem(self._line)
            self._line = None
        self.hide_handles()
        point = event.position().toPoint()
        target = element_at(view, point)
        model = view.diagram_scene.model
        if model is None or source not in model.elements:
            return True
        if target is None:
            self._create_connected(view, source, point)
        elif target.qname != source:
            self._connect(view, source, target.qname, point)
        return True

    def _connect(self, view: DiagramView, source: str, target: str, point: QPoint) -> None:
        model = view.diagram_scene.model
        assert model is not None
        kinds = relation_kinds(model.elements[source].kind, model.elements[target].kind)
        if not kinds:  # the app says why nothing can join them
            view.sig_connect_requested.emit(ConnectRequest(source, target, None))
            return
        index = 0 if len(kinds) == 1 else self.choose(
            view, [str(k) for k in kinds], view.viewport().mapToGlobal(point))
        if index is not None:
            view.sig_connect_requested.emit(ConnectRequest(source, target, kinds[index]))

    def _create_connected(self, view: DiagramView, source: str, point: QPoint) -> None:
        model = view.diagram_scene.model
        assert model is not None
        offers = new_kinds(model.elements[source].kind)
        if not offers:
            return
        at = view.mapToScene(point)  # now: the view may scroll while the menu is open
        index = self.choose(view, [ELEMENT_KINDS[k].title for k, _ in offers],
                            view.viewport().mapToGlobal(point))
        if index is None:
            return
        kind, relation = offers[index]
        width, height = DEFAULT_SIZES.get(kind, FALLBACK_SIZE)
        view.sig_create_requested.emit(CreateRequest(
            kind, round(at.x() - width / 2), round(at.y() - height / 2),
            parent=system_at(view, at), connect_from=source, relation_kind=relation))
