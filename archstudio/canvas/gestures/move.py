"""Move: drag one or many elements; snap to the grid and to nearby elements' edges.

While the mouse is down the picked items follow it (feedback only); on release one
:class:`MoveRequest` carries the new corners, and the new system of each element dropped
into or out of one. The items are then put back where the model has them: the re-parsed
text moves them for real, or, when the edit is refused, nothing moved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsLineItem

from archstudio.canvas.gestures.hits import (
    element_at,
    far_enough,
    parent_of,
    snapped,
    system_at,
    with_descendants,
)
from archstudio.canvas.gestures.requests import MoveRequest
from archstudio.canvas.interactions import Interaction
from archstudio.layout.geometry import Box, is_ancestor

if TYPE_CHECKING:
    from archstudio.canvas.items import ElementItem
    from archstudio.canvas.view import DiagramView

GUIDE_PIXELS = 6.0  # how close (on screen) an edge must come to snap to a neighbour's
GUIDE_Z = 1000.0
# a drag resting this long routes the lines for where it would drop, so that a drop
# there shows them at once (the scene's route_ahead)
REST_MS = 30
Modifier = Qt.KeyboardModifier


class MoveGesture(Interaction):
    """Left-press on an element picks it (Shift/Ctrl toggle it in the selection);
    dragging moves the whole selection."""

    def __init__(self, grid: float) -> None:
        self.grid = grid
        self.snap = True
        self._press: QPoint | None = None
        self._anchor: ElementItem | None = None
        self._moving: list[str] = []
        self._dragging = False
        self._guides: list[QGraphicsLineItem] = []
        self._offset = QPointF()
        self._pointer = QPoint()  # where the drag is (for the drop it would make)
        self._rest: QTimer | None = None

    # -- press: pick ---------------------------------------------------------------
    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        point = event.position().toPoint()
        item = element_at(view, point)
        if item is None:
            return False
        if event.modifiers() & (Modifier.ShiftModifier | Modifier.ControlModifier):
            item.setSelected(not item.isSelected())
            return True
        if not item.isSelected():
            view.diagram_scene.clearSelection()
            item.setSelected(True)
        self._press, self._anchor, self._dragging = point, item, False
        return True

    # -- drag: feedback only -------------------------------------------------------
    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self._press is None or self._anchor is None:
            return False
        point = event.position().toPoint()
        if not self._dragging:
            if not far_enough(self._press, point):
                return True
            self._dragging = True
            selected = view.diagram_scene.selected_keys()
            self._moving = with_descendants(
                view, [q for q in selected if view.diagram_scene.element_item(q) is not None])
        self._offset = self._delta(view, point)
        self._pointer = point
        for qname in self._moving:
            item = view.diagram_scene.element_item(qname)
            if item is not None:
                item.setPos(item.box.x + self._offset.x(), item.box.y + self._offset.y())
        self._resting(view).start(REST_MS)
        return True

    def _resting(self, view: DiagramView) -> QTimer:
        """The timer that routes ahead once the drag has rested (made once per view)."""
        if self._rest is None:
            self._rest = QTimer(view)
            self._rest.setSingleShot(True)
            self._rest.timeout.connect(lambda: self._route_ahead(view))
        return self._rest

    def _route_ahead(self, view: DiagramView) -> None:
        if not (self._dragging and self._moving and self._anchor is not None):
            return
        request = _request(view, self._moving, self._offset,
                           view.mapToScene(self._pointer), self._anchor.qname)
        if not request.parents:  # a drop into another system renames: not routed ahead
            view.diagram_scene.route_ahead(request.positions)

    def _delta(self, view: DiagramView, point: QPoint) -> QPointF:
        """The mouse's travel, adjusted so the picked element lands on the grid or lines
        up with a neighbour (guides show which)."""
        assert self._press is not None and self._anchor is not None
        raw = view.mapToScene(point) - view.mapToScene(self._press)
        box = self._anchor.box
        x, y = box.x + raw.x(), box.y + raw.y()
        if self.snap:
            x, y = snapped(x, self.grid), snapped(y, self.grid)
        tolerance = GUIDE_PIXELS / max(view.zoom(), 0.01)
        moved = Box(x, y, box.width, box.height)
        dx, guide_x = _nearest(_xs(moved), self._others(view, _xs), tolerance)
        dy, guide_y = _nearest(_ys(moved), self._others(view, _ys), tolerance)
        self._show_guides(view, guide_x, guide_y)
        return QPointF(x + dx - box.x, y + dy - box.y)

    def _others(self, view: DiagramView, lines) -> list[float]:
        moving = set(self._moving)
        return [value for qname, box in view.diagram_scene.boxes.items()
                if qname not in moving for value in lines(box)]

    def _show_guides(self, view: DiagramView, x: float | None, y: float | None) -> None:
        self._clear_guides(view)
        rect = view.mapToScene(view.viewport().rect()).boundingRect()
        pen = QPen(QColor(view.diagram_scene.theme.selection), 0, Qt.PenStyle.DashLine)
        lines = []
        if x is not None:
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
        if y is not None:
            lines.append(QLineF(rect.left(), y, rect.right(), y))
        for line in lines:
            guide = QGraphicsLineItem(line)
            guide.setPen(pen)
            guide.setZValue(GUIDE_Z)
            view.diagram_scene.addItem(guide)
            self._guides.append(guide)

    def _clear_guides(self, view: DiagramView) -> None:
        for guide in self._guides:
            view.diagram_scene.removeItem(guide)
        self._guides = []

    # -- release: one request ------------------------------------------------------
    def mouse_release(self, view: DiagramView, event: QMouseEvent) -> bool:
        if self._press is None or self._anchor is None:
            return False
        anchor, dragging, moving = self._anchor, self._dragging, self._moving
        if self._rest is not None:
            self._rest.stop()
        self._press, self._anchor, self._dragging, self._moving = None, None, False, []
        self._clear_guides(view)
        scene = view.diagram_scene
        if not dragging:  # a plain click on one of several selected: just that one
            if len(scene.selected_keys()) > 1:
                scene.clearSelection()
                anchor.setSelected(True)
            return True
        offset = self._offset
        request = _request(view, moving, offset, view.mapToScene(event.position().toPoint()),
                           anchor.qname)
        try:
            if request.positions:
                view.sig_move_requested.emit(request)
        finally:  # back to where the model has them (which the edit may have changed)
            for qname in moving:
                item = scene.element_item(qname)
                if item is not None:
                    item.setPos(item.box.x, item.box.y)
        return True


def _request(view: DiagramView, moving: list[str], offset: QPointF, drop: QPointF,
             anchor: str) -> MoveRequest:
    scene = view.diagram_scene
    positions = _positions(view, moving, offset)
    parents: dict[str, str | None] = {}
    carried = set(moving)
    for qname in moving:
        if parent_of(qname) in carried:
            continue  # goes along with its system
        box = scene.boxes.get(qname)
        if box is None:
            continue
        at = drop if qname == anchor else QPointF(box.center[0] + offset.x(),
                                                  box.center[1] + offset.y())
        parent = parent_of(qname)
        target = system_at(view, at, carried)
        if target != parent and not _leaves(scene.boxes, parent, target, box, offset):
            target = parent
        if target != parent:
            parents[qname] = target
    return MoveRequest(positions, parents)


def _leaves(boxes: dict[str, Box], parent: str | None, target: str | None, box: Box,
            offset: QPointF) -> bool:
    """Whether an element of ``parent`` dropped with the pointer over ``target`` leaves
    its system. Into another system (or one inside its own) it goes; out onto what holds
    its system only once no part of it is left inside: a system grows to hold a member
    dropped partly outside it, so after such a drop the member sits at the system's new
    edge and the next short drag in the same direction must grow it again, not pull the
    member out."""
    if parent is None or (target is not None and not is_ancestor(target, parent)):
        return True
    system = boxes.get(parent)
    if system is None:
        return True
    x, y = box.x + offset.x(), box.y + offset.y()
    return not (x < system.right and x + box.width > system.x
                and y < system.bottom and y + box.height > system.y)


def _positions(view: DiagramView, moving: list[str], offset: QPointF
               ) -> dict[str, tuple[float, float]]:
    """The new top-left corners of the ``moving`` elements, as the request writes them."""
    positions = {}
    for qname in moving:
        box = view.diagram_scene.boxes.get(qname)
        if box is not None:
            positions[qname] = (round(box.x + offset.x(), 2), round(box.y + offset.y(), 2))
    return positions


def _xs(box: Box) -> tuple[float, float, float]:
    return box.x, box.x + box.width / 2, box.right


def _ys(box: Box) -> tuple[float, float, float]:
    return box.y, box.y + box.height / 2, box.bottom


def _nearest(mine: tuple[float, ...], others: list[float],
             tolerance: float) -> tuple[float, float | None]:
    """The smallest shift (within ``tolerance``) that puts one of ``mine`` on one of
    ``others``, and the line it lands on."""
    best: tuple[float, float | None] = (0.0, None)
    for value in mine:
        for other in others:
            shift = other - value
            if abs(shift) <= tolerance and (best[1] is None or abs(shift) < abs(best[0])):
                best = (shift, other)
    return best
