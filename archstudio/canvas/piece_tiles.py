"""Pieces of many owners sorted into square tiles, each tile's path rebuilt only after
a change to it: what a zoomed-out batch draws, kept in step with one moved element.

A batch draws every relation (or every box) of a diagram as a few paths per tile
(:mod:`tiles` explains the tiles). Building those paths from every piece after each
move cost as much as the rest of the move together; here each owner (a relation item,
an element item) puts its pieces in and takes them out again, and only the tiles those
pieces lie in are built again, when they are next drawn.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from archstudio.canvas.tiles import TILE

Geometry = QPainterPath | QPolygonF | QRectF
Piece = tuple[Hashable, Geometry]  # drawing key (a pen style, a fill and depth, ...), shape
Tile = tuple[int, int] | None  # None: pieces larger than a tile, always drawn


class TiledPieces:
    """Pieces by owner, drawing key and tile; :meth:`paths` gives each tile's path."""

    def __init__(self, size: float = TILE) -> None:
        self.size = size
        # tile -> key -> owner -> that owner's pieces there
        self._members: dict[Tile, dict[Hashable, dict[Hashable, list[Geometry]]]] = {}
        self._places: dict[Hashable, set[tuple[Tile, Hashable]]] = {}  # owner -> its cells
        self._paths: dict[tuple[Tile, Hashable], QPainterPath] = {}  # built, until changed
        self.keys: set[Hashable] = set()
        self._key_places: dict[Hashable, int] = {}  # (tile, key) places holding each key

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, owner: Hashable) -> bool:
        return owner in self._places

    def put(self, owner: Hashable, pieces: Iterable[Piece]) -> None:
        """``owner``'s pieces, in place of any it had."""
        self.remove(owner)
        places: set[tuple[Tile, Hashable]] = set()
        for key, geometry in pieces:
            rect = geometry if isinstance(geometry, QRectF) else (
                geometry.controlPointRect() if isinstance(geometry, QPainterPath)
                else geometry.boundingRect())
            tile = self._tile_of(rect)
            self._members.setdefault(tile, {}).setdefault(key, {}).setdefault(
                owner, []).append(geometry)
            places.add((tile, key))
        for place in places:
            self._paths.pop(place, None)
            key = place[1]
            self._key_places[key] = self._key_places.get(key, 0) + 1
            self.keys.add(key)
        self._places[owner] = places

    def remove(self, owner: Hashable) -> None:
        """Take ``owner``'s pieces out (nothing if it has none)."""
        for tile, key in self._places.pop(owner, ()):
            by_key = self._members[tile]
            owners = by_key[key]
            del owners[owner]
            if not owners:
                del by_key[key]
                if not by_key:
                    del self._members[tile]
            self._paths.pop((tile, key), None)
            self._key_places[key] -= 1
            if not self._key_places[key]:  # (a theme's old fills are not walked for ever)
                del self._key_places[key]
                self.keys.discard(key)

    def paths(self, key: Hashable, within: QRectF | None) -> Iterator[QPainterPath]:
        """The paths of ``key`` that may reach into ``within`` (None: all of them), the
        tiles changed since they were last drawn built again now."""
        half = self.size / 2
        for tile, by_key in self._members.items():
            owners = by_key.get(key)
            if owners is None:
                continue
            if within is not None and tile is not None:
                left, top = tile[0] * self.size - half, tile[1] * self.size - half
                if (left > within.right() or top > within.bottom()
                        or left + 2 * self.size < within.left()
                        or top + 2 * self.size < within.top()):
                    continue
            path = self._paths.get((tile, key))
            if path is None:
                path = self._paths[(tile, key)] = _joined(owners.values())
            yield path

    def _tile_of(self, rect: QRectF) -> Tile:
        if rect.width() > self.size or rect.height() > self.size:
            return None
        x, y = rect.x() + rect.width() / 2, rect.y() + rect.height() / 2
        return math.floor(x / self.size), math.floor(y / self.size)


def _joined(groups: Iterable[list[Geometry]]) -> QPainterPath:
    path = QPainterPath()
    for geometries in groups:
        for geometry in geometries:
            if isinstance(geometry, QPainterPath):
                path.addPath(geometry)
            elif isinstance(geometry, QRectF):
                path.addRect(geometry)
            else:
                path.addPolygon(geometry)
    return path
