"""What a relation's line may cross: the shapes and system bands in its way, and its frame.

The rules (pure geometry on the nesting of systems, no Qt):

* a line never crosses a shape it does not connect, nor a system's title tab (the tab at
  the top left holding the system's name and kind: the rest of its top border is free);
* it enters a system's body only when one of its ends is inside that system (an *open*
  system); every other system is one solid obstacle;
* a relation between elements of one system stays inside that system's frame.

So the obstacles of a relation are the children of its open systems (and of the top
level) that are neither open nor its ends, its two ends themselves (a line leaves a shape
once), and the title tabs of its open systems.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from archstudio.layout.geometry import GROUP_TITLE, Box
from archstudio.render.spatial import RTree

Rect = tuple[float, float, float, float]
FRAME_INSET = 8.0  # a line inside a system keeps this far from its border


@dataclass(frozen=True, slots=True)
class Shape:
    """An element as the router sees it: its box, the system holding it, whether it is one,
    and for a system the width of its title tab (its name and kind as drawn; unknown: the
    whole top strip)."""

    box: Box
    parent: str | None
    is_group: bool
    title: float = math.inf


def title_rect(shape: Shape) -> Rect:
    """A system's title tab: at its top left, as wide as its text, as tall as the band the
    layout leaves for it; no line runs through it and no label covers it."""
    box = shape.box
    return (box.x, box.y, box.x + min(shape.title, box.width),
            box.y + min(GROUP_TITLE, box.height))


def rect_of(box: Box) -> Rect:
    return (box.x, box.y, box.right, box.bottom)


class Scene:
    """The shapes of a diagram, indexed once, answering per relation what is in its way."""

    def __init__(self, shapes: Mapping[str, Shape], before: Scene | None = None,
                 moved: Iterable[str] = ()) -> None:
        """``before``: the scene of the same diagram before ``moved`` shapes moved (or
        came or went): the indexes of systems none of whose children moved are kept."""
        self.shapes = shapes
        self._ancestors: dict[str, tuple[str, ...]] = {}
        members: dict[str | None, list] = {}
        for qname, shape in shapes.items():
            parent = shape.parent if shape.parent in shapes else None
            members.setdefault(parent, []).append(qname)
        redo: set[str | None] | None = None
        if before is not None:
            redo = set()
            for qname in moved:
                for scene in (before, self):
                    shape = scene.shapes.get(qname)
                    if shape is not None:
                        redo.add(shape.parent if shape.parent in scene.shapes else None)
        # the children of each system (None: the top level), indexed apart: a line's
        # obstacles are the children of its open systems, so it never looks inside a
        # closed one
        self.children: dict[str | None, RTree[tuple[str, Rect]]] = {}
        for parent, names in members.items():
            if redo is not None and parent not in redo and parent in before.children:
                self.children[parent] = before.children[parent]
                continue
            self.children[parent] = RTree(
                (rect_of(shapes[q].box), (q, rect_of(shapes[q].box))) for q in names)
        # the top level holds every shape: its extent is the diagram's
        self.index = self.children.get(None) or RTree()

    def ancestors(self, qname: str) -> tuple[str, ...]:
        """The systems holding ``qname``, innermost first."""
        known = self._ancestors.get(qname)
        if known is None:
            parent = self.shapes[qname].parent
            known = (parent, *self.ancestors(parent)) if parent in self.shapes else ()
            self._ancestors[qname] = known
        return known

    def scope(self, source: str, target: str) -> Scope:
        up_s, up_t = self.ancestors(source), self.ancestors(target)
        opened = set(up_s) | set(up_t)
        frame: Rect | None = None
        if target in up_s or source in up_t:  # into or out of an enclosing system
            outer = target if target in up_s else source
            frame = _inset(rect_of(self.shapes[outer].box), FRAME_INSET / 2)
        else:
            common = [q for q in up_s if q in up_t]
            if common:
                frame = _inset(rect_of(self.shapes[common[0]].box), FRAME_INSET)
        return Scope(self, opened, (source, target), frame)


def _inset(rect: Rect, by: float) -> Rect:
    x0, y0, x1, y1 = rect
    if x1 - x0 <= 2 * by or y1 - y0 <= 2 * by:
        return rect
    return (x0 + by, y0 + by, x1 - by, y1 - by)


class Scope:
    """The obstacles of one relation (queried by region) and the frame it must stay in."""

    __slots__ = ("scene", "opened", "ends", "frame", "_bands", "_containers")

    def __init__(self, scene: Scene, opened: set[str], ends: tuple[str, str],
                 frame: Rect | None) -> None:
        self.scene, self.opened, self.ends, self.frame = scene, opened, ends, frame
        self._containers: list[str | None] = [None, *sorted(opened)]
        self._bands = []
        for qname in sorted(opened):
            self._bands.append(title_rect(scene.shapes[qname]))

    def obstacles(self, left: float, top: float, right: float, bottom: float) -> list[Rect]:
        """Rectangles a line must not run through, among those touching the region."""
        opened, children = self.opened, self.scene.children
        found = []
        for container in self._containers:
            index = children.get(container)
            if index is None:
                continue
            for qname, rect in index.query(left, top, right, bottom):
                if qname not in opened:
                    found.append(rect)
        for band in self._bands:
            if band[0] <= right and band[2] >= left and band[1] <= bottom and band[3] >= top:
                found.append(band)
        found.sort()
        return found

    def inside_frame(self, x: float, y: float) -> bool:
        frame = self.frame
        return frame is None or (frame[0] <= x <= frame[2] and frame[1] <= y <= frame[3])


class Avoiding(Scope):
    """A scope with a few more rectangles to keep out of (a channel already full)."""

    __slots__ = ("extra",)

    def __init__(self, scope: Scope, extra: list[Rect]) -> None:
        self.scene, self.opened, self.ends, self.frame = (scope.scene, scope.opened,
                                                          scope.ends, scope.frame)
        self._bands, self._containers = scope._bands, scope._containers
        self.extra = extra

    def obstacles(self, left: float, top: float, right: float, bottom: float) -> list[Rect]:
        found = Scope.obstacles(self, left, top, right, bottom)
        found += [r for r in self.extra
                  if r[0] <= right and r[2] >= left and r[1] <= bottom and r[3] >= top]
        found.sort()
        return found


def blocked(points: list[tuple[float, float]], rects: list[Rect]) -> bool:
    """Whether an orthogonal polyline runs through the inside of any rectangle (running
    along an edge does not count)."""
    for i in range(len(points) - 1):
        (ax, ay), (bx, by) = points[i], points[i + 1]
        x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
        y0, y1 = (ay, by) if ay <= by else (by, ay)
        for rx0, ry0, rx1, ry1 in rects:
            if x0 < rx1 and x1 > rx0 and y0 < ry1 and y1 > ry0:
                return True
    return False


class Scopes(Mapping[str, Scope]):
    """The scope of each relation (key → :class:`Scope`), made when first asked for and
    shared by relations with the same two ends: an update that looks at a few lines
    makes a few scopes."""

    def __init__(self, scene: Scene, links: Iterable[tuple[str, str, str]]) -> None:
        self.scene = scene
        self.ends = {key: (source, target) for key, source, target in links}
        self.made: dict[tuple[str, str], Scope] = {}

    def __getitem__(self, key: str) -> Scope:
        ends = self.ends[key]
        scope = self.made.get(ends)
        if scope is None:
            scope = self.made[ends] = self.scene.scope(*ends)
        return scope

    def __iter__(self) -> Iterator[str]:
        return iter(self.ends)

    def __len__(self) -> int:
        return len(self.ends)
