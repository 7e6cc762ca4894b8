"""Paths sorted into square tiles of the scene, so a batch draws only what is in view.

Zoomed out, one batch item draws every relation (or every box) of the diagram; a big
diagram is far wider than the view (a 2,000-element one is tens of thousands of pixels
wide), and Qt's stroker walks every element of a path it is given, in view or not. Each
small piece goes into the tile holding its centre; pieces larger than a tile are kept
apart and always drawn.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

TILE = 1024.0  # scene px


class TiledPaths:
    """Paths by drawing key (a pen style, a fill colour and depth, ...) and tile."""

    def __init__(self, size: float = TILE) -> None:
        self.size = size
        self._tiles: dict[tuple[int, int], dict[Hashable, QPainterPath]] = {}
        self._large: dict[Hashable, QPainterPath] = {}
        self.keys: set[Hashable] = set()

    def _path(self, key: Hashable, rect: QRectF) -> QPainterPath:
        self.keys.add(key)
        if rect.width() > self.size or rect.height() > self.size:
            paths = self._large
        else:
            centre = rect.center()
            tile = (math.floor(centre.x() / self.size), math.floor(centre.y() / self.size))
            paths = self._tiles.setdefault(tile, {})
        path = paths.get(key)
        if path is None:
            path = paths[key] = QPainterPath()
        return path

    def add_path(self, key: Hashable, path: QPainterPath) -> None:
        self._path(key, path.controlPointRect()).addPath(path)

    def add_polygon(self, key: Hashable, polygon: QPolygonF) -> None:
        self._path(key, polygon.boundingRect()).addPolygon(polygon)

    def add_rect(self, key: Hashable, rect: QRectF) -> None:
        self._path(key, rect).addRect(rect)

    def paths(self, key: Hashable, within: QRectF | None) -> Iterator[QPainterPath]:
        """The paths of ``key`` that may reach into ``within`` (None: all of them)."""
        large = self._large.get(key)
        if large is not None:
            yield large
        half = self.size / 2
        for (tx, ty), paths in self._tiles.items():
            path = paths.get(key)
            if path is None:
                continue
            if within is not None:
                left, top = tx * self.size - half, ty * self.size - half
                if (left > within.right() or top > within.bottom()
                        or left + 2 * self.size < within.left()
                        or top + 2 * self.size < within.top()):
                    continue
            yield path
