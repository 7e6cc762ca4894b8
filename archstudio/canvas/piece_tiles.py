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
Tile = tuple[int, int, int]  # level, column, row (see TiledPieces._tile_of)
GROWTH = 4  # each level's tiles this many times as wide as the level below's


class TiledPieces:
    """Pieces by owner, drawing key and tile; :meth:`paths` gives each tile's path."""

    def __init__(self, size: float = TILE) -> None:
        self.size = size
        # tile -> key -> owner -> that owner's pieces there
        self._members: dict[Tile, dict[Hashable, dict[Hashable, list[Geometry]]]] = {}
        self._places: dict[Hashable, set[tuple[Tile, Hashable]]] = {}  # owner -> its cells
        self._paths: dict[tuple[Tile, Hashable], QPainterPath] = {}  # built, until changed
        self.keys: set[Hashable] = set()
        self._levels: set[int] = set()  # the tile levels pieces were ever put in

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
            self.keys.add(key)
        for place in places:
            self._paths.pop(place, None)
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

    def paths(self, key: Hashable, within: QRectF | None,
              reached: set[Tile] | None = None) -> Iterator[QPainterPath]:
        """The paths of ``key`` that may reach into ``within`` (None: all of them) and
        lie in ``reached`` (see :meth:`reached`; None: anywhere), the tiles changed since
        they were last drawn built again now."""
        for tile, by_key in self._members.items():
            owners = by_key.get(key)
            if owners is None:
                continue
            if reached is not None and tile not in reached:
                continue
            if within is not None and not self._reaches(tile, within):
                continue
            path = self._paths.get((tile, key))
            if path is None:
                path = self._paths[(tile, key)] = _joined(owners.values())
            yield path

    def _reaches(self, tile: Tile, rect: QRectF) -> bool:
        """Whether the pieces of ``tile`` (lying within two tiles of its level from its
        corner, half a tile up and left of its middle) may reach into ``rect``."""
        level, x, y = tile
        size = self.size * GROWTH ** level
        left, top = x * size - size / 2, y * size - size / 2
        return not (left > rect.right() or top > rect.bottom()
                    or left + 2 * size < rect.left() or top + 2 * size < rect.top())

    def reached(self, parts: list[QRectF]) -> set[Tile]:
        """The tiles (of every level in use) whose pieces may reach into ``parts``: a
        lookup each instead of comparing every tile with every part."""
        reached: set[Tile] = set()
        for level in self._levels:
            size = self.size * GROWTH ** level
            for rect in parts:
                for x in range(math.ceil((rect.left() - 1.5 * size) / size),
                               math.floor((rect.right() + 0.5 * size) / size) + 1):
                    for y in range(math.ceil((rect.top() - 1.5 * size) / size),
                                   math.floor((rect.bottom() + 0.5 * size) / size) + 1):
                        reached.add((level, x, y))
        return reached

    def _tile_of(self, rect: QRectF) -> Tile:
        """The tile of the smallest level that holds ``rect`` by its middle, each level's
        tiles ``GROWTH`` times the size of the one below: a long line is drawn where it
        may show, not everywhere."""
        level, size = 0, self.size
        while rect.width() > size or rect.height() > size:
            level, size = level + 1, size * GROWTH
        self._levels.add(level)
        x, y = rect.x() + rect.width() / 2, rect.y() + rect.height() / 2
        return level, math.floor(x / size), math.floor(y / size)


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
