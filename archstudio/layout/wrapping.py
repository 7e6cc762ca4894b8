"""Crowded layers wrap: a layer holding far more elements than the others becomes a few
sub-layers one after the other, so a service exposing fourteen operations is drawn as two
columns of seven instead of one very long column (and names at Fit stay readable).
Pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable

MAX_LAYER_NODES = 8  # a layer with more elements than this (and than 1.5 sqrt(n)) wraps


def wrap_crowded_layers(count: int, edges: list[tuple[int, int]], layer: list[int],
                        paths: list[tuple[int, ...]] | None = None,
                        order: Callable[[], list[int]] | None = None) -> list[range]:
    """A layer holding more than its share of elements becomes k sub-layers one after the
    other (the layers after it move on by k - 1). Fourteen operations exposed by one
    service become two columns of seven instead of one very long column; the price is a
    dummy point per sub-layer a relation now crosses. The members of one system (below
    the systems all of the layer's elements share) stay in one sub-layer when the
    sub-layers can hold them (``_by_system``), else the elements are dealt out evenly,
    those with successors last so that every relation still points forwards: a system
    cut in two spans both sub-layers and is as long across the flow as before.

    ``order`` (asked only when an even deal is needed) gives each element's place in its
    layer in an ordering of the unwrapped layers: the elements are then dealt in turn in
    that order (first to the first sub-layer, second to the second, ...), so each line
    into a later sub-layer passes an earlier one between the elements that were its
    neighbours, where ``held_path`` keeps it inside their system: the sub-layers cross
    as the unwrapped layer did and stand staggered, brick by brick, as compact as the
    even deal. Returns the layers each wrapped layer became."""
    cap = max(MAX_LAYER_NODES, math.ceil(1.5 * math.sqrt(count)))
    # Out-degree minus in-degree: a node early in the sub-layers lengthens its outgoing
    # relations, a late one its incoming ones, so those with more incoming go first.
    outward = [0] * count
    for source, target in edges:
        outward[source] += 1
        outward[target] -= 1
    members: dict[int, list[int]] = {}
    for node in range(count):
        members.setdefault(layer[node], []).append(node)
    # Each layer moves on by the sub-layers added before it (one pass, not one per
    # crowded layer over every node).
    shift = 0
    wrapped: list[range] = []
    places: list[int] | None = None
    for lay in sorted(members):
        nodes = members[lay]
        start = lay + shift
        if len(nodes) <= cap:
            for node in nodes:
                layer[node] = start
            continue
        extra = math.ceil(len(nodes) / cap) - 1
        bins = _by_system(nodes, paths, extra + 1, cap, outward) if paths else None
        if bins is None and order is not None:
            places = order() if places is None else places
            nodes.sort(key=lambda n: (places[n], n))
            bins = sorted((nodes[i::extra + 1] for i in range(extra + 1)),
                          key=lambda b: (sum(outward[n] for n in b) / len(b), min(b)))
        if bins is None:
            nodes.sort(key=lambda n: (outward[n], n))
            size = math.ceil(len(nodes) / (extra + 1))
            bins = [nodes[i:i + size] for i in range(0, len(nodes), size)]
        for index, group in enumerate(bins):
            for node in group:
                layer[node] = start + index
        shift += extra
        wrapped.append(range(start, start + extra + 1))
    return wrapped


def held_path(common: tuple[int, ...], paths: list[tuple[int, ...]], source: int,
              target: int, layer: list[int], between: int, wrapped: list[range],
              present: set[tuple[int, int]]) -> tuple[int, ...]:
    """The systems holding a relation's point in layer ``between``: those holding both
    ends (``common``), or, in a sub-layer of the crowded layer its target (source) was
    wrapped from, those holding that end that have members in the sub-layer too (a
    system the wrapping cut), so the line runs through the other sub-layers inside its
    end's system, beside its neighbours, instead of round that system's block.
    ``present`` holds (system, layer) for every layer a system has a member in."""
    for span in wrapped:
        if between in span:
            end = (target if layer[target] in span else source if layer[source] in span
                   else None)
            if end is None:
                return common
            path = paths[end]
            depth = len(path)
            while depth > len(common) and (path[depth - 1], between) not in present:
                depth -= 1
            return path[:depth]
    return common


def _by_system(nodes: list[int], paths: list[tuple[int, ...]], count: int, cap: int,
               outward: list[int]) -> list[list[int]] | None:
    """``nodes`` in ``count`` sub-layers of at most ``cap``, the members of each system
    together (first fit, biggest system first), the sub-layers with more incoming
    relations first; None when the systems do not fit whole."""
    shared = paths[nodes[0]]
    for node in nodes[1:]:
        depth = 0
        while (depth < len(shared) and depth < len(paths[node])
               and shared[depth] == paths[node][depth]):
            depth += 1
        shared = shared[:depth]
    depth = len(shared)
    groups: dict[object, list[int]] = {}
    for node in nodes:
        key = paths[node][depth] if len(paths[node]) > depth else ("node", node)
        groups.setdefault(key, []).append(node)
    if len(groups) == len(nodes):
        return None  # no system to keep together: the even deal is as good
    bins: list[list[int]] = [[] for _ in range(count)]
    for group in sorted(groups.values(), key=lambda g: (-len(g), g[0])):
        room = [b for b in bins if len(b) + len(group) <= cap]
        if not room:
            return None
        min(room, key=len).extend(group)
    if any(not b for b in bins):
        return None
    return sorted(bins, key=lambda b: (sum(outward[n] for n in b) / len(b), min(b)))
