"""The diagram view: zoom, pan, fit, a subtle grid and the stale banner.

Input goes to small :mod:`interactions` objects so editing gestures can be added later
without growing this class.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from archstudio.canvas.empty_hint import hint_for, paint_hint
from archstudio.canvas.gestures.delete import DeleteSelection
from archstudio.canvas.gestures.reconnect import ReconnectDrag
from archstudio.canvas.gestures.relation_edit import RelationLabelSelect
from archstudio.canvas.gestures.rename import InlineRename
from archstudio.canvas.interactions import (
    ZOOM_STEP,
    Interaction,
    KeyboardZoom,
    PanDrag,
    WheelZoom,
)
from archstudio.canvas.picture import TilePicture
from archstudio.canvas.scene import DiagramScene

GRID = 20.0
MIN_GRID_PIXELS = 10.0
STALE_MESSAGE = "The text has errors: showing the last diagram that parsed"
ROUTING_NOTE = "Drawing the relations…"
LABELS_NOTE = "Placing the labels…"  # the lines are shown, their labels still to come
BAR_CHECK_MS = 300  # at Fit, whether the diagram still fits is checked this long after a change
PICTURE_ZOOM = 0.35  # zoomed out below this, frames come from a picture (canvas/picture.py)


class DiagramView(QGraphicsView):
    zoom_changed = Signal(float)
    # editing gestures (archstudio.canvas.gestures) ask the app with these; payloads are
    # the request dataclasses of archstudio.canvas.gestures.requests
    sig_create_requested = Signal(object)
    sig_connect_requested = Signal(object)
    sig_move_requested = Signal(object)
    sig_resize_requested = Signal(object)
    # rename, relation and delete gestures: LabelRequest, RelationKindRequest,
    # ReconnectRequest, DeleteRequest (gestures/rename, relation_edit, reconnect, delete)
    sig_label_requested = Signal(object)
    sig_relation_kind_requested = Signal(object)
    sig_reconnect_requested = Signal(object)
    sig_delete_requested = Signal(object)

    MIN_ZOOM = 0.05
    MAX_ZOOM = 8.0
    MAX_FIT_ZOOM = 1.5

    def __init__(self, scene: DiagramScene | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(scene or DiagramScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.interactions: list[Interaction] = [KeyboardZoom(), WheelZoom(), PanDrag()]
        self.interactions += [ReconnectDrag(self), RelationLabelSelect(), InlineRename(),
                              DeleteSelection()]
        self.stale_message = ""  # the app's words for the banner (empty: STALE_MESSAGE)
        self.placeholder = ""  # said in the middle of an empty canvas (a file opening)
        self.hint: tuple[str, ...] = ()  # what an empty architecture's canvas said last
        self._fitting = False  # (the viewport grows as the bars go: no check then)
        self._bar_policies: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy] | None = None
        self._bar_check = QTimer(self, singleShot=True, interval=BAR_CHECK_MS)
        self._bar_check.timeout.connect(self._check_bars)
        self.diagram_scene.changed.connect(self._check_bars_soon)
        self.diagram_scene.stale_changed.connect(lambda _stale: self.viewport().update())
        self.diagram_scene.routing_changed.connect(lambda _busy: self.viewport().update())
        # zoomed out, frames are copied from a cached picture of the drawing
        self.picture = TilePicture(self, below_zoom=PICTURE_ZOOM)
        self.diagram_scene.changed.connect(self.picture.forget)

    @property
    def diagram_scene(self) -> DiagramScene:
        return self.scene()

    # -- zoom and pan ----------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom to ``factor`` keeping the scene point under ``anchor`` (viewport) still."""
        factor = min(max(factor, self.MIN_ZOOM), self.MAX_ZOOM)
        if math.isclose(factor, self.zoom()):
            return
        self._show_bars()
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(anchor)
        self.setTransform(self.transform().fromScale(factor, factor))
        after = self.mapToScene(anchor)
        self.pan_by((after.x() - before.x()) * factor, (after.y() - before.y()) * factor)
        self.zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        """The whole diagram in view, and no scroll bars while it stays so: there is
        nothing to scroll to (the zoom is chosen for the viewport without them). Zooming,
        or anything drawn beyond the view, brings them back (``_show_bars``)."""
        content = self.diagram_scene.content_rect()
        if content.isEmpty():
            return
        self._fitting = True
        self._hide_bars()
        self._fitting = False
        self.fitInView(content.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > self.MAX_FIT_ZOOM or self.zoom() < self.MIN_ZOOM:
            self.setTransform(self.transform().fromScale(
                min(max(self.zoom(), self.MIN_ZOOM), self.MAX_FIT_ZOOM),
                min(max(self.zoom(), self.MIN_ZOOM), self.MAX_FIT_ZOOM)))
        self.center_on(content.center())
        if not self._visible_rect().contains(content):  # too big even at the least zoom
            self._show_bars()
        self.zoom_changed.emit(self.zoom())

    def _visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _hide_bars(self) -> None:
        if self._bar_policies is None:
            self._bar_policies = (self.horizontalScrollBarPolicy(),
                                  self.verticalScrollBarPolicy())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _show_bars(self) -> None:
        """The scroll bars as they were before Fit (the view stays where it is)."""
        if self._bar_policies is None:
            return
        middle = self.mapToScene(self.viewport().rect().center())
        horizontal, vertical = self._bar_policies
        self._bar_policies = None
        self.setHorizontalScrollBarPolicy(horizontal)
        self.setVerticalScrollBarPolicy(vertical)
        self.centerOn(middle)

    def _check_bars_soon(self, _rects: object = None) -> None:
        if self._bar_policies is not None:
            self._bar_check.start()  # once the changes settle: the check is O(items)

    def _check_bars(self) -> None:
        """At Fit, a diagram that no longer fits the view brings the scroll bars back."""
        if (self._bar_policies is not None and not self._fitting
                and not self._visible_rect().contains(self.diagram_scene.content_rect())):
            self._show_bars()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._check_bars()

    def center_on(self, point: QPointF) -> None:
        """Centre ``point``, first growing the scene rect when its edge would stop the
        scroll short (it only ever grows, so a diagram near an edge still centres)."""
        half_width = self.viewport().width() / self.zoom() / 2
        half_height = self.viewport().height() / self.zoom() / 2
        wanted = QRectF(point.x() - half_width, point.y() - half_height, 2 * half_width,
                        2 * half_height)
        scene = self.diagram_scene
        if not scene.sceneRect().contains(wanted):
            scene.setSceneRect(scene.sceneRect().united(wanted))
        self.centerOn(point)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the picture by (dx, dy) viewport pixels, as a drag would."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(dx))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(dy))

    # -- drawing ---------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        if self.diagram_scene is not None:
            self.diagram_scene.set_zoom(self.zoom())
        region = event.region()
        covered = self.picture.covered(region)
        rest = region.subtracted(covered)
        if not rest.isEmpty():  # from the items where the picture is missing or late
            super().paintEvent(event if covered.isEmpty() else QPaintEvent(rest))
            self.picture.schedule()
        if not covered.isEmpty():
            self.picture.paint(covered)  # over anything the items drew beyond ``rest``
        if self.diagram_scene is not None:
            self.diagram_scene.painted()  # (a big open's lines are sent to be routed now)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        theme = self.diagram_scene.theme
        painter.fillRect(rect, QColor(theme.background))
        spacing = GRID
        while spacing * self.zoom() < MIN_GRID_PIXELS:
            spacing *= 5
        pen = QPen(QColor(theme.grid), 0)  # cosmetic: one pixel at any zoom
        painter.setPen(pen)
        # level one-pixel lines need no antialiasing, which made the grid a third of a
        # frame at 100 %
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left = math.floor(rect.left() / spacing) * spacing
        top = math.floor(rect.top() / spacing) * spacing
        lines = [QLineF(x, rect.top(), x, rect.bottom())
                 for x in _steps(left, rect.right(), spacing)]
        lines += [QLineF(rect.left(), y, rect.right(), y)
                  for y in _steps(top, rect.bottom(), spacing)]
        painter.drawLines(lines)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def set_placeholder(self, text: str) -> None:
        """What to say on the canvas while it has nothing to show yet ("" for nothing)."""
        self.placeholder = text
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        if self.placeholder or self.diagram_scene.routing_pending:
            self._draw_note(painter)
        hint = () if self.placeholder else hint_for(self.diagram_scene.model)
        if hint != self.hint:  # came or went: the whole viewport, not the part that changed
            self.hint = hint
            viewport = self.viewport()
            QTimer.singleShot(0, viewport, viewport.update)  # dropped if the view goes first
        paint_hint(painter, QRectF(self.viewport().rect()), self.diagram_scene.theme, hint)
        if not self.diagram_scene.is_stale:
            return
        theme = self.diagram_scene.theme
        painter.save()
        painter.resetTransform()
        width = self.viewport().width()
        banner = QRectF(8, 8, max(0, width - 16), 28)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.stale_text), 1))
        painter.setBrush(QColor(theme.stale_banner))
        painter.drawRoundedRect(banner, 6, 6)
        painter.setFont(theme.font(theme.detail_size + 1))
        message = painter.fontMetrics().elidedText(
            self.stale_message or STALE_MESSAGE, Qt.TextElideMode.ElideRight,
            int(banner.width()) - 16)
        painter.drawText(banner, Qt.AlignmentFlag.AlignCenter, message)
        painter.restore()

    def _draw_note(self, painter: QPainter) -> None:
        """The placeholder in the middle, or a small note at the bottom left while a big
        diagram's lines are routed (so missing lines do not look like a fault)."""
        theme = self.diagram_scene.theme
        painter.save()
        painter.resetTransform()
        painter.setFont(theme.font(theme.detail_size + (3 if self.placeholder else 1)))
        painter.setPen(QColor(theme.muted))
        viewport = QRectF(self.viewport().rect())
        if self.placeholder:
            painter.drawText(viewport, Qt.AlignmentFlag.AlignCenter, self.placeholder)
        else:
            painter.drawText(viewport.adjusted(12, 0, -12, -10),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             LABELS_NOTE if self.diagram_scene.labels_pending
                             else ROUTING_NOTE)
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        if self.diagram_scene is None:
            return
        if self.placeholder or self.hint or self.diagram_scene.routing_pending:
            self.viewport().update()  # the notes stay put too
        if self.diagram_scene.is_stale:  # the banner stays put; scrolled pixels would smear
            self.viewport().update()

    # -- input: offered to the interactions first --------------------------------------
    def _offer(self, name: str, event) -> bool:
        for interaction in self.interactions:
            if getattr(interaction, name)(self, event):
                event.accept()
                return True
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._offer("mouse_press", event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._offer("mouse_move", event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._offer("mouse_release", event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._offer("mouse_double_click", event):
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._offer("key_press", event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._offer("key_release", event):
            super().keyReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if not self._offer("wheel", event):
            super().wheelEvent(event)


def _steps(start: float, stop: float, step: float):
    value = start
    while value <= stop:
        yield value
        value += step
