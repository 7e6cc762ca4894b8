"""Crossing minimisation across the nesting of systems: layer sweeps over blocks.

Each layer is a sequence of nodes (elements, dummy points of long relations, fillers that
keep a system present in every layer it spans). Every node carries the path of systems
that hold it, and a system's members must stay contiguous in each layer, with sibling
systems in the same relative order in every layer (else their boxes would overlap). So a
layer is sorted as a tree of blocks: at each depth, the units are the nodes directly in
the block and the sub-systems, each sub-system moving as one block.

A node's key is the barycenter of its neighbours in the fixed adjacent layer; a system's
key in a layer is the mean key of its members there, made increasing in the system's
global rank among its siblings; after each sweep the global ranks follow the mean key a
system had over all layers. Sweeps alternate down and up; adjacent nodes of the same block
are transposed while that removes crossings (after every sweep on small graphs, else once
on the best ordering seen). All
ties are broken by the current position, so the result is deterministic.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

SWEEPS = 10  # down+up pairs at most; stops after three without improvement
TRANSPOSE_PASSES = 3
# Pure Python costs about 5 us per node and sort: big graphs (nodes counted with the dummy
# points of long relations) get fewer sweeps and no transposition, so that 2,000 elements
# stay well under a second. The budget depends only on the graph: still deterministic.
LARGE = 3000
SMALL = 1500  # below this, transposition after every sweep too
HUGE = 8000


@dataclass(slots=True)
class LayeredGraph:
    """Nodes in layers with edges only between adjacent layers."""

    layers: list[list[int]]
    path: list[tuple[int, ...]]  # systems holding each node, outermost first
    up: list[list[int]]  # neighbours in the layer above (multiplicity kept)
    down: list[list[int]]
    system_parent: list[int]  # -1 for a top-level system
    system_rank: list[float] = field(default_factory=list)

    def positions(self) -> list[int]:
        pos = [0] * len(self.path)
        for layer in self.layers:
            for index, node in enumerate(layer):
                pos[node] = index
        return pos


def _inversions(sequence: list[int], size: int) -> int:
    """Pairs i < j with sequence[i] > sequence[j] (a Fenwick tree over values)."""
    tree = [0] * (size + 1)
    count = seen = 0
    for value in sequence:
        index = value + 1
        smaller_or_equal = 0
        while index > 0:
            smaller_or_equal += tree[index]
            index -= index & -index
        count += seen - smaller_or_equal
        seen += 1
        index = value + 1
        while index <= size:
            tree[index] += 1
            index += index & -index
    return count


def count_crossings(graph: LayeredGraph, pos: list[int]) -> int:
    """Crossings of straight segments between adjacent layers, all layers."""
    total = 0
    for layer_index in range(len(graph.layers) - 1):
        pairs = sorted((pos[u], pos[v]) for u in graph.layers[layer_index]
                       for v in graph.down[u])
        total += _inversions([b for _, b in pairs], len(graph.layers[layer_index + 1]))
    return total


def _pair_crossings(first: list[int], second: list[int]) -> int:
    """Crossings when a node with neighbours at ``first`` sits left of one with ``second``
    (both sorted): pairs x in first, y in second with x > y."""
    count = 0
    for x in first:
        count += bisect_left(second, x)
    return count


def _sort_layer(graph: LayeredGraph, layer: list[int], pos: list[int],
                neighbours: list[list[int]], other_size: int,
                key_sum: list[float], key_count: list[int]) -> list[int]:
    size = len(layer)
    node_key: dict[int, float] = {}
    sys_sum: dict[int, float] = {}
    sys_count: dict[int, int] = {}
    sys_fallback: dict[int, float] = {}
    for node in layer:
        near = neighbours[node]
        own = (pos[node] + 0.5) / size
        if near:
            key = sum(pos[v] + 0.5 for v in near) / (len(near) * other_size)
            for system in graph.path[node]:
                sys_sum[system] = sys_sum.get(system, 0.0) + key
                sys_count[system] = sys_count.get(system, 0) + 1
        else:
            key = own
        node_key[node] = key
        for system in graph.path[node]:
            sys_fallback.setdefault(system, own)
    raw = {s: sys_sum[s] / sys_count[s] if s in sys_count else sys_fallback[s]
           for s in sys_fallback}
    for system, value in raw.items():
        key_sum[system] += value
        key_count[system] += 1
    # Sibling systems keep their global order: keys forced increasing along the rank.
    by_parent: dict[int, list[int]] = {}
    for system in raw:
        by_parent.setdefault(graph.system_parent[system], []).append(system)
    adjusted: dict[int, float] = {}
    rank = graph.system_rank
    for siblings in by_parent.values():
        siblings.sort(key=lambda s: rank[s])
        last = -1.0
        for system in siblings:
            value = max(raw[system], last + 1e-9)
            adjusted[system] = value
            last = value

    def composite(node: int) -> tuple:
        parts = [(adjusted[s], 0, rank[s]) for s in graph.path[node]]
        parts.append((node_key[node], 1, pos[node]))
        return tuple(parts)

    # A node directly in a block compares with a sub-system at the same depth by key.
    return sorted(layer, key=composite)


def _update_ranks(graph: LayeredGraph, key_sum: list[float], key_count: list[int]) -> None:
    by_parent: dict[int, list[int]] = {}
    for system, parent in enumerate(graph.system_parent):
        by_parent.setdefault(parent, []).append(system)
    new_rank = list(graph.system_rank)
    for siblings in by_parent.values():
        ordered = sorted(siblings, key=lambda s: (
            key_sum[s] / key_count[s] if key_count[s] else graph.system_rank[s],
            graph.system_rank[s]))
        for index, system in enumerate(ordered):
            new_rank[system] = float(index)
    graph.system_rank = new_rank


def _transpose(graph: LayeredGraph, pos: list[int]) -> None:
    """Swap adjacent nodes of the same block while that removes crossings."""
    for _ in range(TRANSPOSE_PASSES):
        improved = False
        for layer in graph.layers:
            for i in range(len(layer) - 1):
                a, b = layer[i], layer[i + 1]
                if graph.path[a] != graph.path[b]:
                    continue
                au = sorted(pos[v] for v in graph.up[a])
                bu = sorted(pos[v] for v in graph.up[b])
                ad = sorted(pos[v] for v in graph.down[a])
                bd = sorted(pos[v] for v in graph.down[b])
                now = _pair_crossings(au, bu) + _pair_crossings(ad, bd)
                swapped = _pair_crossings(bu, au) + _pair_crossings(bd, ad)
                if swapped < now:
                    layer[i], layer[i + 1] = b, a
                    pos[a], pos[b] = i + 1, i
                    improved = True
        if not improved:
            return


def sweeps_for(nodes: int) -> int:
    return SWEEPS if nodes < LARGE else 3 if nodes < HUGE else 1


def minimise_crossings(graph: LayeredGraph, sweeps: int | None = None) -> int:
    """Reorder ``graph.layers`` in place; returns the crossings of the kept ordering."""
    nodes = len(graph.path)
    sweeps = sweeps_for(nodes) if sweeps is None else sweeps
    systems = len(graph.system_parent)
    if not graph.system_rank:
        graph.system_rank = [float(s) for s in range(systems)]
    pos = graph.positions()
    best = count_crossings(graph, pos)
    best_state = ([list(layer) for layer in graph.layers], list(graph.system_rank))
    stale = 0
    layer_count = len(graph.layers)
    for iteration in range(2 * sweeps):
        if best == 0 or stale >= 3:
            break
        key_sum = [0.0] * systems
        key_count = [0] * systems
        downward = iteration % 2 == 0
        indices = range(1, layer_count) if downward else range(layer_count - 2, -1, -1)
        for index in indices:
            other = index - 1 if downward else index + 1
            neighbours = graph.up if downward else graph.down
            ordered = _sort_layer(graph, graph.layers[index], pos, neighbours,
                                  len(graph.layers[other]), key_sum, key_count)
            graph.layers[index] = ordered
            for i, node in enumerate(ordered):
                pos[node] = i
        old_rank = graph.system_rank
        _update_ranks(graph, key_sum, key_count)
        # The ranks changed: re-sort every layer by its own current keys to apply them.
        for index in range(layer_count if graph.system_rank != old_rank else 0):
            ordered = _sort_layer(graph, graph.layers[index], pos, [[]] * len(pos), 1,
                                  [0.0] * systems, [0] * systems)
            graph.layers[index] = ordered
            for i, node in enumerate(ordered):
                pos[node] = i
        if nodes < SMALL:
            _transpose(graph, pos)
        crossings = count_crossings(graph, pos)
        if crossings < best:
            best, stale = crossings, 0
            best_state = ([list(layer) for layer in graph.layers], list(graph.system_rank))
        else:
            stale += 1
    graph.layers, graph.system_rank = best_state
    if nodes < LARGE and best:
        pos = graph.positions()
        _transpose(graph, pos)
        best = count_crossings(graph, pos)
    return best
