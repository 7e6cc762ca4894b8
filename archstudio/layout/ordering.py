"""Crossing minimisation across the nesting of systems: layer sweeps over blocks, then
exact local search.

Each layer is sorted as a tree of blocks: at each depth, the units are the nodes directly
in the block and the sub-systems, each sub-system moving as one block (a system's members
stay contiguous, sibling systems keep one order in every layer: ``layered``).

A sweep fixes one layer and sorts the next by the barycenter (or median) of each node's
neighbours there; a system's key in a layer is the mean key of its members, made
increasing in the system's global rank among its siblings, and after each sweep the
global ranks follow the mean key a system had over all its layers (the hierarchical layer
sweep of Sander and of ELK). Sweeps alternate down and up and the best ordering is kept.

Small graphs get several starts (the model order, then seeded random orders, alternately
with barycenters and medians), each polished by sifting and system swaps
(``sifting``); the best result wins. The effort depends only on the graph's size and the
random generator has a fixed seed, so the result is the same in every run.
"""

from __future__ import annotations

import random

from archstudio.layout.layered import LayeredGraph, count_crossings
from archstudio.layout.sifting import sift, swap_systems

__all__ = ["LayeredGraph", "count_crossings", "minimise_crossings", "plan", "sweeps_for"]

SWEEPS = 10  # down+up pairs at most; stops after three without improvement
SEED = 20240229
# Effort is planned in work units, from the graph's size alone (so the result is the same
# in every run): a start of the sweeps costs SWEEP_UNITS per node and edge (dummy points
# included), a pass of sifting one unit per pair of nodes sharing a layer, plus its edges.
# One unit is about 1 us in CPython. Small graphs get several starts and sifting; the big
# ones one start and sifting only when cheap, so that 2,000 elements stay fast.
SIFT_BUDGET = 100_000
START_BUDGET = 80_000  # a graph whose start costs more than a quarter of it gets one
SWEEP_UNITS = 25
MAX_STARTS = 8
SIFT_PASSES = 6
CHEAP_SIFT = 20_000  # always affordable
SWAP_PASSES = 2
LARGE = 2000
HUGE = 8000


def sweeps_for(nodes: int) -> int:
    return SWEEPS if nodes < LARGE else 3 if nodes < HUGE else 1


def plan(graph: LayeredGraph, sweeps: int, effort: float = 1.0) -> tuple[int, int]:
    """(starts, sifting passes) that fit the budgets times ``effort``."""
    nodes = len(graph.path)
    edges = sum(len(down) for down in graph.down)
    sift_cost = sum(len(layer) ** 2 for layer in graph.layers) + edges
    passes = SIFT_PASSES
    while passes and 2 * passes * sift_cost > max(SIFT_BUDGET * effort, CHEAP_SIFT):
        passes //= 2
    start_cost = SWEEP_UNITS * (nodes + edges) * sweeps / SWEEPS
    starts = int(START_BUDGET * effort / max(start_cost, 1))
    return (1 if starts < 4 else min(MAX_STARTS, starts)), passes


def _sort_layer(graph: LayeredGraph, layer: list[int], pos: list[int],
                neighbours: list[list[int]], other_size: int,
                key_sum: list[float], key_count: list[int], median: bool) -> list[int]:
    if not layer:
        return []
    paths = graph.path
    scale = 1.0 / max(other_size, 1)
    own_scale = 1.0 / len(layer)
    node_key: dict[int, float] = {}
    sys_sum: dict[int, float] = {}
    sys_count: dict[int, int] = {}
    sys_fallback: dict[int, float] = {}
    for node in layer:
        near = neighbours[node]
        path = paths[node]
        if not near:
            key = (pos[node] + 0.5) * own_scale
        elif len(near) == 1:
            key = (pos[near[0]] + 0.5) * scale
        elif median and len(near) > 2:
            ordered = sorted([pos[v] for v in near])
            middle = len(ordered) // 2
            centre = (ordered[middle] if len(ordered) % 2
                      else (ordered[middle - 1] + ordered[middle]) / 2)
            key = (centre + 0.5) * scale
        else:
            key = (sum([pos[v] for v in near]) / len(near) + 0.5) * scale
        node_key[node] = key
        if path:
            if near:
                for system in path:
                    sys_sum[system] = sys_sum.get(system, 0.0) + key
                    sys_count[system] = sys_count.get(system, 0) + 1
            for system in path:
                if system not in sys_fallback:
                    sys_fallback[system] = (pos[node] + 0.5) * own_scale
    if not sys_fallback:
        return sorted(layer, key=lambda n: (node_key[n], pos[n]))
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
    prefix: dict[tuple[int, ...], tuple] = {}

    def composite(node: int) -> tuple:
        path = paths[node]
        head = prefix.get(path)
        if head is None:
            head = prefix[path] = tuple((adjusted[s], 0, rank[s]) for s in path)
        return (*head, (node_key[node], 1, pos[node]))

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


def _relayout(graph: LayeredGraph, pos: list[int]) -> None:
    """Re-sort every layer by its own current order (applies changed system ranks)."""
    systems = len(graph.system_parent)
    empty: list[list[int]] = [[]] * len(pos)
    for index, layer in enumerate(graph.layers):
        ordered = _sort_layer(graph, layer, pos, empty, 1, [0.0] * systems, [0] * systems,
                              False)
        graph.layers[index] = ordered
        for i, node in enumerate(ordered):
            pos[node] = i


def _sweep(graph: LayeredGraph, sweeps: int, median: bool, crossings: int | None = None
           ) -> int:
    """Alternate down and up sweeps from the current ordering (with ``crossings``, when
    known); leaves the best ordering seen in ``graph`` and returns its crossings."""
    systems = len(graph.system_parent)
    pos = graph.positions()
    best = count_crossings(graph, pos) if crossings is None else crossings
    best_state = _snapshot(graph)
    stale = 0
    layer_count = len(graph.layers)
    for iteration in range(2 * sweeps):
        if best == 0 or stale >= 3:
            break
        key_sum = [0.0] * systems
        key_count = [0] * systems
        downward = iteration % 2 == 0
        indices = range(1, layer_count) if downward else range(layer_count - 2, -1, -1)
        neighbours = graph.up if downward else graph.down
        for index in indices:
            other = index - 1 if downward else index + 1
            ordered = _sort_layer(graph, graph.layers[index], pos, neighbours,
                                  len(graph.layers[other]), key_sum, key_count, median)
            graph.layers[index] = ordered
            for i, node in enumerate(ordered):
                pos[node] = i
        old_rank = graph.system_rank
        _update_ranks(graph, key_sum, key_count)
        if graph.system_rank != old_rank:
            _relayout(graph, pos)
        crossings = count_crossings(graph, pos)
        if crossings < best:
            best, stale = crossings, 0
            best_state = _snapshot(graph)
        else:
            stale += 1
    _restore(graph, best_state)
    return best


def _snapshot(graph: LayeredGraph) -> tuple[list[list[int]], list[float]]:
    return [list(layer) for layer in graph.layers], list(graph.system_rank)


def _restore(graph: LayeredGraph, state: tuple[list[list[int]], list[float]]) -> None:
    graph.layers = [list(layer) for layer in state[0]]
    graph.system_rank = list(state[1])


def _shuffle(graph: LayeredGraph, rng: random.Random) -> None:
    """A random ordering that honours the blocks: random sibling ranks, random order of
    the units inside each block."""
    systems = len(graph.system_parent)
    system_key = [rng.random() for _ in range(systems)]
    node_key = [rng.random() for _ in range(len(graph.path))]
    by_parent: dict[int, list[int]] = {}
    for system, parent in enumerate(graph.system_parent):
        by_parent.setdefault(parent, []).append(system)
    rank = [0.0] * systems
    for siblings in by_parent.values():
        for index, system in enumerate(sorted(siblings, key=lambda s: system_key[s])):
            rank[system] = float(index)
    graph.system_rank = rank
    for index, layer in enumerate(graph.layers):
        graph.layers[index] = sorted(layer, key=lambda n: (
            *((system_key[s], 0) for s in graph.path[n]), (node_key[n], 1)))


def _polish(graph: LayeredGraph, crossings: int, passes: int) -> int:
    crossings = sift(graph, crossings, passes)
    if crossings and len(graph.system_parent) > 1:
        crossings = swap_systems(graph, crossings, SWAP_PASSES)
        crossings = sift(graph, crossings, passes)
    return crossings


def minimise_crossings(graph: LayeredGraph, sweeps: int | None = None,
                       effort: float = 1.0) -> int:
    """Reorder ``graph.layers`` in place; returns the crossings of the kept ordering.
    ``effort`` scales the work budgets (0: one start, sifting only when cheap)."""
    sweeps = sweeps_for(len(graph.path)) if sweeps is None else sweeps
    if not graph.system_rank:
        graph.system_rank = [float(s) for s in range(len(graph.system_parent))]
    starts, passes = plan(graph, sweeps, effort)
    rng = random.Random(SEED)
    initial = _snapshot(graph)
    best = count_crossings(graph, graph.positions())
    best_state = initial
    for start in range(starts):
        if best == 0:
            break
        if start:
            _restore(graph, initial)
            _shuffle(graph, rng)
        crossings = _sweep(graph, sweeps, start % 2 == 1, None if start else best)
        if crossings < best:
            best, best_state = crossings, _snapshot(graph)
    _restore(graph, best_state)
    if passes and best:
        best = _polish(graph, best, passes)
    return best
