"""The layered engine's plan for each relation's line, for the router to follow.

The engine reserves room for every long relation: a dummy point in each layer it crosses,
ordered with the elements so that few lines cross, and a channel between layers. A router
that finds each line alone around the shapes throws that plan away (lines run around
systems and cross everything on the way). So the engine records, for each relation between
two elements it drew, a :class:`Hint`: where its dummy points are and which stretch along
the flow each layer occupies; the router (``render.layered``) draws the line through those
points with its jogs in the gaps between layers.

A hint belongs to the boxes the engine drew. It holds only while the relation's two end
boxes are still where the engine put them (or both moved by the same offset, as when parts
of a drawing are packed differently); the router also checks that the line is still clear
of every shape, and routes the relation on its own otherwise. Hints of the last few
layouts are remembered (:func:`remember`), keyed by nothing but geometry, so any caller
that has the boxes gets them (:func:`hints_for`), and for models up to
``RECOMPUTE_UP_TO`` elements they are recomputed when the boxes are an engine drawing no
longer remembered (a file auto-arranged earlier and opened again): the drawing of given
boxes is the same whatever happened before. Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from threading import Lock

from archstudio.layout.geometry import Box

Point = tuple[float, float]
Span = tuple[float, float]
REMEMBERED = 8  # layouts whose hints are kept
RECOMPUTE_UP_TO = 400  # elements: a missing engine drawing is recomputed up to this size


@dataclass(frozen=True, slots=True)
class Hint:
    """The engine's plan for one relation: its dummy points (source to target) and the
    stretch along the flow of the source's layer, each point's layer and the target's."""

    axis: int  # 0: the flow runs along x (left-right), 1: along y (top-bottom)
    source_box: Box
    target_box: Box
    points: tuple[Point, ...]
    layers: tuple[Span, ...]  # len(points) + 2

    def shifted(self, dx: float, dy: float) -> Hint:
        along = dx if self.axis == 0 else dy
        return Hint(self.axis, self.source_box.shifted(dx, dy),
                    self.target_box.shifted(dx, dy),
                    tuple((x + dx, y + dy) for x, y in self.points),
                    tuple((lo + along, hi + along) for lo, hi in self.layers))

    def fitted(self, source: Box, target: Box) -> Hint | None:
        """This hint for the end boxes given, or None when they are no longer where the
        engine drew them (both moved by one offset is fine: the plan moves with them)."""
        s, t = self.source_box, self.target_box
        if (s.width, s.height, t.width, t.height) != (source.width, source.height,
                                                       target.width, target.height):
            return None
        dx, dy = source.x - s.x, source.y - s.y
        if (target.x - t.x, target.y - t.y) != (dx, dy):
            return None
        return self if dx == dy == 0 else self.shifted(dx, dy)


Hints = dict[tuple[str, str], Hint]  # by (source, target) qualified names


def plans(chains: Iterable[tuple[int, int, list[int]]], leaves: list[str],
          boxes: Mapping[str, Box], point: Callable[[int], Point],
          layer: Callable[[int], Span], axis: int) -> Hints:
    """The hints of one drawn part of the engine: ``chains`` are (source leaf, target
    leaf, dummy nodes from source to target); ``point`` and ``layer`` give a node's place
    and its layer's stretch along the flow in the drawing."""
    out: Hints = {}
    for s, t, chain in chains:
        source, target = leaves[s], leaves[t]
        out[(source, target)] = Hint(axis, boxes[source], boxes[target],
                                     tuple(point(n) for n in chain),
                                     (layer(s), *(layer(n) for n in chain), layer(t)))
    return out


def packed(parts: list[Hints], offsets: list[tuple[float, float]]) -> Hints:
    """The hints of parts moved by ``offsets`` (as the engine packs them), as one."""
    out: Hints = {}
    for hints, (dx, dy) in zip(parts, offsets, strict=True):
        for pair, hint in hints.items():
            out[pair] = hint.shifted(dx, dy) if dx or dy else hint
    return out
_lock = Lock()
_remembered: list[Hints] = []
_recomputed: list[int] = []  # signatures of models drawn again for their hints


def remember(hints: Hints) -> None:
    """Keep the hints of an engine drawing (the newest first, a few drawings at most)."""
    if not hints:
        return
    with _lock:
        _remembered.insert(0, dict(hints))
        del _remembered[REMEMBERED:]
        del _recomputed[4 * REMEMBERED:]


def remembered_count() -> int:
    """How many drawings' hints are kept (a layout done elsewhere hands its newest on)."""
    with _lock:
        return len(_remembered)


def newest_remembered() -> Hints | None:
    with _lock:
        return dict(_remembered[0]) if _remembered else None


def _fitting(boxes: Mapping[str, Box], links: list[tuple[str, str, str]]
             ) -> dict[str, Hint]:
    with _lock:
        entries = list(_remembered)
    out: dict[str, Hint] = {}
    for key, source, target in links:
        if source not in boxes or target not in boxes:
            continue
        for hints in entries:
            hint = hints.get((source, target))
            fitted = hint.fitted(boxes[source], boxes[target]) if hint else None
            if fitted is not None:
                out[key] = fitted
                break
    return out


def hints_for(model, boxes: Mapping[str, Box], links: Iterable[tuple[str, str, str]],
              recompute: bool = True) -> dict[str, Hint]:
    """The hint of every relation in ``links`` ((key, source, target)) that still holds
    for ``boxes``. When fewer than half have one, ``recompute`` is set and the model is
    small, the engine draws it again in every direction (once per model structure) in
    case ``boxes`` are one of those drawings."""
    if not _remembered and not recompute:
        return {}
    links = list(links)
    found = _fitting(boxes, links)
    if (not recompute or 2 * len(found) >= len(links)
            or len(model.elements) > RECOMPUTE_UP_TO):
        return found
    signature = hash((tuple(model.elements), tuple((r.source, r.target)
                                                   for r in model.relations)))
    with _lock:
        if signature in _recomputed:
            return found
        _recomputed.insert(0, signature)
    from archstudio.layout.engine import trace  # the engine remembers through this module

    trace(model)
    return _fitting(boxes, links)


def forget() -> None:
    """Drop every remembered drawing (tests start from a clean slate)."""
    with _lock:
        _remembered.clear()
        _recomputed.clear()
