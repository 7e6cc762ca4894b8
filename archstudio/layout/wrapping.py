"""Crowded layers wrap: a layer holding far more elements than the others becomes a few
sub-layers one after the other, so a service exposing fourteen operations is drawn as two
columns of seven instead of one very long column (and names at Fit stay readable).
Pure Python.
"""

from __future__ import annotations

import math

MAX_LAYER_NODES = 8  # a layer with more elements than this (and than 1.5 sqrt(n)) wraps


def wrap_crowded_layers(count: int, edges: list[tuple[int, int]], layer: list[int],
                        paths: list[tuple[int, ...]] | None = None) -> None:
    """A layer holding more than its share of elements becomes k sub-layers one after the
    other (the layers after it move on by k - 1). Fourteen operations exposed by one
    service become two columns of seven instead of one very long column; the price is a
    dummy point per sub-layer a relation now crosses. The members of one system (below
    the systems all of the layer's elements share) stay in one sub-layer when the
    sub-layers can hold them (``_by_system``), else the elements are dealt out evenly,
    those with successors last so that every relation still points forwards: a system
    cut in two spans both sub-layers and is as long across the flow as before."""
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
    for lay in sorted(members):
        nodes = members[lay]
        start = lay + shift
        if len(nodes) <= cap:
            for node in nodes:
                layer[node] = start
            continue
        extra = math.ceil(len(nodes) / cap) - 1
        bins = _by_system(nodes, paths, extra + 1, cap, outward) if paths else None
        if bins is None:
            nodes.sort(key=lambda n: (outward[n], n))
            size = math.ceil(len(nodes) / (extra + 1))
            bins = [nodes[i:i + size] for i in range(0, len(nodes), size)]
        for index, group in enumerate(bins):
            for node in group:
                layer[node] = start + index
        shift += extra


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
