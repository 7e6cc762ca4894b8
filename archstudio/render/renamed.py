"""A drag into or out of a system renames what moved (``Shop.Api`` becomes ``Api``), and
with it the keys of its relations (``Shop.Api->Shop.Db#3`` becomes ``Api->Shop.Db#3``).

Seen by name, the element and its relations would be gone and new ones come: every one
of its lines routed from scratch by a search across the diagram, every one of its
labels placed anew. Here the drawing before the change is seen under the new names
(:func:`under_new_names`), so ``Drawing.update`` follows the element as a moved shape:
its lines keep their way beyond it (:mod:`splice`) and its labels stay where nothing
changed. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from archstudio.render.incremental import segment_rects
from archstudio.render.scope import Shape

if TYPE_CHECKING:
    from archstudio.render.drawing import Drawing, Link


def under_new_names(before: Drawing, shapes: Mapping[str, Shape], links: list[Link]
                    ) -> Drawing | None:
    """``before`` with the elements that were renamed (gone under one name, come under
    another with the same last segment, one of each) and their relations under their
    new names and keys; None when nothing was renamed. ``before`` hands its indexes to
    the copy (as to the drawing that follows it)."""
    names = _renamed_elements(before.shapes, shapes)
    if not names:
        return None
    keys = _renamed_relations(before.links, links, names)
    copy = replace(
        before,
        shapes={names.get(q, q): s for q, s in before.shapes.items()},
        links=[(keys.get(k, k), names.get(s, s), names.get(t, t)) for k, s, t in before.links],
        routes=_rekeyed(before.routes, keys), raw=_rekeyed(before.raw, keys),
        labels=_rekeyed(before.labels, keys), sizes=_rekeyed(before.sizes, keys),
        ports=_rekeyed(before.ports, keys),
        blocked=[keys.get(k, k) for k in before.blocked],
        crowded=[keys.get(k, k) for k in before.crowded],
        followed={keys.get(k, k) for k in before.followed},
        detoured={keys.get(k, k) for k in before.detoured},
        prefer={(keys.get(k, k), end): v for (k, end), v in before.prefer.items()},
        hints={k: h for k, h in before.hints.items() if k not in keys},
        previous=None)
    index, before.index = before.index, None
    if index is not None:
        index.scene = None  # its systems' members changed names: indexed again
        for old, new in keys.items():
            for kind, points in ((index.raw, before.raw.get(old)),
                                 (index.lines, before.routes.get(old))):
                kind.remove(old)
                if points is not None:
                    kind.put(new, segment_rects(points))
            extent = index.extents.pop(old, None)
            if extent is not None:
                index.extents[new] = extent  # the same route under its new name
            box = before.labels.get(old)
            index.labels.remove(old)
            if box is not None:
                index.labels.put(new, [(0, (box.x, box.y, box.right, box.bottom))])
    copy.index = index
    return copy


def _renamed_elements(before: Mapping[str, Shape], now: Mapping[str, Shape]
                      ) -> dict[str, str]:
    """Old name -> new name of the elements gone and come under the same last segment,
    where that pairs exactly one with one."""
    gone: dict[str, list[str]] = defaultdict(list)
    for qname in before.keys() - now.keys():
        gone[qname.rsplit(".", 1)[-1]].append(qname)
    if not gone:
        return {}
    came: dict[str, list[str]] = defaultdict(list)
    for qname in now.keys() - before.keys():
        came[qname.rsplit(".", 1)[-1]].append(qname)
    return {olds[0]: came[last][0] for last, olds in gone.items()
            if len(olds) == 1 and len(came.get(last, ())) == 1}


def _renamed_relations(before: list[Link], now: list[Link], names: Mapping[str, str]
                       ) -> dict[str, str]:
    """Old key -> new key of the relations whose ends were renamed: gone under the old
    key, come between the renamed ends (in the order they were written)."""
    kept = {key for key, _, _ in now}
    gone: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, source, target in before:
        if key not in kept and (source in names or target in names):
            gone[(names.get(source, source), names.get(target, target))].append(key)
    known = {key for key, _, _ in before}
    out: dict[str, str] = {}
    for key, source, target in now:
        if key not in known:
            olds = gone.get((source, target))
            if olds:
                out[olds.pop(0)] = key
    return out


def _rekeyed(values: Mapping, keys: Mapping[str, str]) -> dict:
    return {keys.get(k, k): v for k, v in values.items()}
