"""A cached picture of the zoomed-out drawing, in tiles, so a frame is a few image copies.

Zoomed out, a frame of a big diagram asks thousands of items (and the batches' tiles of
paths) to paint: at Fit of a 2,000-element diagram that took 35 ms, and Qt's stock C++
items take as long, so faster items would not do. Instead the view keeps a picture of
the scene at its current zoom, cut into square tiles of device pixels. A tile is
rendered once, from a timer after the view has settled (never inside a paint), and again
only when the scene reports a change inside it (``QGraphicsScene.changed``: a move, a
selection, a routed line, a theme). A paint copies the fresh tiles it exposes and draws
the rest from the items as before (only there), so the picture can only ever be late,
never wrong.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QRegion
from PySide6.QtWidgets import QGraphicsView

TILE_PX = 512  # device pixels per tile side
MEMORY = 64 << 20  # bytes of tiles at most; the least recently shown go first
SETTLE_MS = 120  # no tile is rendered until the view has been still this long


class TilePicture(QObject):
    """The tiles of one view's picture of its scene at one zoom (``zoom``)."""

    def __init__(self, view: QGraphicsView, below_zoom: float) -> None:
        super().__init__(view)
        self.view = view
        self.below_zoom = below_zoom  # the picture is kept only when zoomed out below this
        self.zoom = 0.0
        self.ratio = 0.0  # the screen's pixel ratio the tiles were rendered at
        self._tiles: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render_some)
        self.frames_copied = 0  # frames painted from the tiles, for those who check

    # -- state -----------------------------------------------------------------------
    def wanted(self) -> bool:
        """Whether the view is zoomed out far enough for a picture to pay."""
        return 0.0 < self.view.transform().m11() < self.below_zoom

    @property
    def pending(self) -> bool:
        """Tiles the view shows are yet to be rendered (the frames are drawn from items
        meanwhile)."""
        if not self.wanted():
            return False
        visible = self._visible_tiles()
        if len(visible) > self._most_tiles():
            return False  # never kept at this size: always drawn from the items
        return not self._for_this_zoom() or bool(self._missing(visible))

    def _for_this_zoom(self) -> bool:
        """Whether the tiles are of this zoom and this screen's pixel ratio (a window
        moved to another screen would copy blurred tiles)."""
        return (math.isclose(self.view.transform().m11(), self.zoom, rel_tol=1e-9)
                and self.view.viewport().devicePixelRatioF() == self.ratio)

    def forget(self, scene_rects: list[QRectF] | None = None) -> None:
        """The scene changed inside ``scene_rects`` (None: anywhere): those tiles are
        stale; they are rendered again once the view has settled."""
        if scene_rects is None or not self.zoom:
            self._tiles.clear()
        else:
            for rect in scene_rects:
                for tile in self._tiles_in(rect.adjusted(-2, -2, 2, 2)):
                    self._tiles.pop(tile, None)
        self.schedule()

    def schedule(self, delay: int = SETTLE_MS) -> None:
        """Render the visible tiles once nothing has changed for ``delay`` ms."""
        if self.wanted():
            self._timer.start(delay)
        elif self._tiles:
            self._tiles.clear()  # zoomed in: the memory is better spent elsewhere

    # -- painting ----------------------------------------------------------------------
    def covered(self, region: QRegion) -> QRegion:
        """The part of the viewport's ``region`` that fresh tiles cover at this zoom
        (empty when the picture is not for this zoom or a rubber band is drawn)."""
        view = self.view
        if not self._tiles or not self.wanted() or not view.rubberBandRect().isNull():
            return QRegion()  # (a rubber band is drawn by the view's own paint)
        if view.viewport().devicePixelRatioF() != self.ratio:
            return QRegion()  # tiles made on another screen: blurred or too big
        if not self._for_this_zoom():  # zooming: the last picture scaled, if it has it all
            if not 0.5 <= view.transform().m11() / self.zoom <= 2.0:
                return QRegion()
            tiles = self._tiles_in(view.mapToScene(region.boundingRect()).boundingRect())
            return QRegion(region) if tiles and not self._missing(tiles) else QRegion()
        left, top = self._pixel_origin()
        covered = QRegion()
        for x, y in self._device_tiles(QRectF(region.boundingRect()).translated(-left, -top)):
            if (x, y) in self._tiles:
                covered += QRect(left + x * TILE_PX, top + y * TILE_PX, TILE_PX, TILE_PX)
        return covered.intersected(region)

    def paint(self, region: QRegion) -> None:
        """Paint ``region`` of the viewport, all of it covered (:meth:`covered`), from
        the tiles: the view's background, the tiles over it, the view's foreground."""
        view = self.view
        left, top = self._pixel_origin()
        bounds = region.boundingRect()
        painter = QPainter(view.viewport())
        painter.setClipRegion(region)
        scene_rect = view.mapToScene(bounds).boundingRect()
        painter.setTransform(view.viewportTransform())
        view.drawBackground(painter, scene_rect)
        if not self._for_this_zoom():
            self._paint_scaled(painter, scene_rect)
            painter.end()
            self.frames_copied += 1
            self.schedule()  # the picture at this zoom once the view is still
            return
        painter.resetTransform()
        for tile in self._device_tiles(QRectF(bounds).translated(-left, -top)):
            image = self._tiles.get(tile)
            if image is not None:
                self._tiles.move_to_end(tile)
                painter.drawImage(QPoint(left + tile[0] * TILE_PX, top + tile[1] * TILE_PX),
                                  image)
        painter.setTransform(view.viewportTransform())
        view.drawForeground(painter, scene_rect)
        painter.end()
        self.frames_copied += 1

    def _paint_scaled(self, painter: QPainter, scene_rect: QRectF) -> None:
        """While zooming: the tiles of the last zoom stretched to the new one (a moment
        softer, as a map is), then the view's foreground; ``painter`` in scene units."""
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        step = TILE_PX / self.zoom
        for tile in self._tiles_in(scene_rect):
            painter.drawImage(QRectF(tile[0] * step, tile[1] * step, step, step),
                              self._tiles[tile])
        self.view.drawForeground(painter, scene_rect)

    # -- rendering ---------------------------------------------------------------------
    def _render_some(self) -> None:
        """Render the missing visible tiles, then a ring around them (for panning), a
        block at a time, coming back through the event loop between blocks."""
        view = self.view
        if not self.wanted() or not view.isVisible():
            return
        if not self._for_this_zoom():
            self._tiles.clear()
            self.zoom = view.transform().m11()
            self.ratio = view.viewport().devicePixelRatioF()
        visible = self._visible_tiles()
        most = self._most_tiles()
        if len(visible) > most:
            return  # a view too big for the memory allowed: drawn from the items
        ring = _ring_blocks(visible)
        if len(visible) + sum(len(strip) for strip in ring) > most:
            ring = []  # no room to keep a ring as well (it would push itself out)
        blocks = [visible] if self._missing(visible) else ring
        block = next((b for b in blocks if self._missing(b)), None)
        if block is None:
            return
        self._render_block(block)
        for tile in visible:  # kept before the ring when memory runs short
            if tile in self._tiles:
                self._tiles.move_to_end(tile)
        while len(self._tiles) > most:
            self._tiles.popitem(last=False)  # the least recently shown
        if block is visible:
            view.viewport().update()  # now drawn from the picture
        self._timer.start(0)

    def _render_block(self, block: list[tuple[int, int]]) -> None:
        """The tiles of a rectangular ``block`` from the scene's items, in one render
        (each render asks the scene's index for its items: one per tile cost more than
        the drawing), cut into tiles afterwards."""
        scene = self.view.scene()
        if hasattr(scene, "set_zoom"):
            scene.set_zoom(self.zoom)  # the items drawn as at this zoom
        left, top = min(t[0] for t in block), min(t[1] for t in block)
        columns = max(t[0] for t in block) - left + 1
        rows = max(t[1] for t in block) - top + 1
        ratio = self.view.viewport().devicePixelRatioF()
        side = math.ceil(TILE_PX * ratio)
        image = QImage(side * columns, side * rows, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHints(self.view.renderHints())
        step = TILE_PX / self.zoom
        scene.render(painter, QRectF(0, 0, TILE_PX * columns, TILE_PX * rows),
                     QRectF(left * step, top * step, columns * step, rows * step),
                     Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
        for x, y in block:
            tile = image.copy((x - left) * side, (y - top) * side, side, side)
            tile.setDevicePixelRatio(ratio)
            self._tiles[(x, y)] = tile

    def _most_tiles(self) -> int:
        """How many tiles ``MEMORY`` holds at the screen's pixel ratio."""
        side = math.ceil(TILE_PX * self.view.viewport().devicePixelRatioF())
        return MEMORY // (4 * side * side)

    # -- tile arithmetic ---------------------------------------------------------------
    def _pixel_origin(self) -> tuple[int, int]:
        """The viewport pixel nearest the scene's (0, 0): tiles are copied pixel for
        pixel from there (at most half a pixel from where the items would draw)."""
        origin = self.view.viewportTransform().map(QPointF(0, 0))
        return math.floor(origin.x() + 0.5), math.floor(origin.y() + 0.5)

    def _visible_tiles(self) -> list[tuple[int, int]]:
        left, top = self._pixel_origin()
        return self._device_tiles(QRectF(self.view.viewport().rect()).translated(-left, -top))

    @staticmethod
    def _device_tiles(rect: QRectF) -> list[tuple[int, int]]:
        """Tiles meeting ``rect`` (device pixels from the scene's origin)."""
        if rect.isEmpty():
            return []
        left, top = math.floor(rect.left() / TILE_PX), math.floor(rect.top() / TILE_PX)
        right = math.floor((rect.right() - 1e-6) / TILE_PX)
        bottom = math.floor((rect.bottom() - 1e-6) / TILE_PX)
        return [(x, y) for y in range(top, bottom + 1) for x in range(left, right + 1)]

    def _tiles_in(self, scene_rect: QRectF) -> list[tuple[int, int]]:
        zoom = self.zoom
        return self._device_tiles(QRectF(scene_rect.x() * zoom, scene_rect.y() * zoom,
                                         scene_rect.width() * zoom,
                                         scene_rect.height() * zoom))

    def _missing(self, tiles: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [tile for tile in tiles if tile not in self._tiles]


def _ring_blocks(tiles: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The ring of tiles around a rectangular block of ``tiles``, as four strips."""
    if not tiles:
        return []
    xs, ys = [t[0] for t in tiles], [t[1] for t in tiles]
    left, right, top, bottom = min(xs) - 1, max(xs) + 1, min(ys) - 1, max(ys) + 1
    return [[(x, top) for x in range(left, right + 1)],
            [(x, bottom) for x in range(left, right + 1)],
            [(left, y) for y in range(top + 1, bottom)],
            [(right, y) for y in range(top + 1, bottom)]]
