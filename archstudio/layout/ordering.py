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

What is minimised is the crossings plus ``passes.PASS_WEIGHT`` for every segment that
passes over a system block it has no end in (``passes``): such a line must cross the
system's borders or go round it, so the router would leave the plan there.

Small graphs get several starts (the model order, the orders of a breadth-first search
from the first and from the last layer as dot starts, then seeded random orders,
alternately with barycenters and medians); the best ``REFINED`` go on with sweeps that
are each followed by a pass of sifting that may also move a node to another slot of
equal cost (dot follows each sweep by such a transposition), and the best ordering is
polished by sifting and system swaps (``sifting``), then long relations are tried as a
whole at the edges of their blocks (``chains``) and, when that helps, polished again.
The effort depends only on the graph's size and the random generator has a fixed seed,
so the result is the same in every run.
"""

from __future__ import annotations

import random

from archstudio.layout.chains import move_chains
from archstudio.layout.clearing import clear_passes
from archstudio.layout.layered import LayeredGraph, count_crossings, honour_blocks
from archstudio.layout.passes import PASS_WEIGHT, count_passes, weighted
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
START_BUDGET = 160_000  # a graph whose start costs more than a quarter of it gets one
SWEEP_UNITS = 25
MAX_STARTS = 16
SIFT_PASSES = 6
CHEAP_SIFT = 20_000  # always affordable
SWAP_PASSES = 2
REFINED = 2  # starts that go on with sifted sweeps, at most
SWEEP_SIFT_BUDGET = 300_000  # sifting after every sweep of the best starts, together
LARGE = 2000
HUGE = 8000


def sweeps_for(nodes: int) -> int:
    return SWEEPS if nodes < LARGE else 3 if nodes < HUGE else 1


def plan(graph: LayeredGraph, sweeps: int, effort: float = 1.0) -> tuple[int, int, int]:
    """(starts, sifting passes, how many of the best starts go on with sifted sweeps)
    that fit the budgets times ``effort``."""
    nodes = len(graph.path)
    edges = sum(len(down) for down in graph.down)
    sift_cost = sum(len(layer) ** 2 for layer in graph.layers) + edges
    passes = SIFT_PASSES
    while passes and 2 * passes * sift_cost > max(SIFT_BUDGET * effort, CHEAP_SIFT):
        passes //= 2
    start_cost = SWEEP_UNITS * (nodes + edges) * sweeps / SWEEPS
    starts = int(START_BUDGET * effort / max(start_cost, 1))
    starts = 1 if starts < 4 else min(MAX_STARTS, starts)
    refined = (min(starts, REFINED, int(SWEEP_SIFT_BUDGET * effort
                                        / (2 * sweeps * sift_cost))) if passes else 0)
    return starts, passes, refined


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


def _sweep(graph: LayeredGraph, sweeps: int, median: bool, crossings: int | None = None,
           sifted: bool = False, weight: int = 0) -> int:
    """Alternate down and up sweeps from the current ordering (with ``crossings``, when
    known: the objective, crossings plus ``weight`` per pass over a system); leaves the
    best ordering seen in ``graph`` and returns its objective. ``sifted``: each sweep is
    followed by one pass of sifting that may also move nodes across ties (as dot follows
    each sweep by a transposition), so the next sweep starts from a local optimum."""
    systems = len(graph.system_parent)
    pos = graph.positions()
    count = weighted(weight)
    best = count(graph, pos) if crossings is None else crossings
    best_state = graph.snapshot()
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
        crossings = count(graph, pos)
        if sifted and crossings:
            crossings = sift(graph, crossings, 1, weight, 1 + iteration % 2)
            pos = graph.positions()
        if crossings < best:
            best, stale = crossings, 0
            best_state = graph.snapshot()
        else:
            stale += 1
    graph.restore(best_state)
    return best


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


def _traversal(graph: LayeredGraph, forward: bool) -> None:
    """The order in which a breadth-first search from the first (last) layer meets the
    nodes, honouring the blocks (dot's first orders): each node keyed by its visit, each
    system by its first member's."""
    nodes = len(graph.path)
    visit = [-1] * nodes
    step = graph.down if forward else graph.up
    counter = 0
    for layer in (graph.layers if forward else graph.layers[::-1]):
        for root in layer:
            if visit[root] >= 0:
                continue
            visit[root] = counter
            counter += 1
            queue = [root]
            for node in queue:
                for other in step[node]:
                    if visit[other] < 0:
                        visit[other] = counter
                        counter += 1
                        queue.append(other)
    systems = len(graph.system_parent)
    first = [nodes] * systems
    for node in range(nodes):
        for system in graph.path[node]:
            first[system] = min(first[system], visit[node])
    by_parent: dict[int, list[int]] = {}
    for system, parent in enumerate(graph.system_parent):
        by_parent.setdefault(parent, []).append(system)
    rank = [0.0] * systems
    for siblings in by_parent.values():
        for index, system in enumerate(sorted(siblings, key=lambda s: (first[s], s))):
            rank[system] = float(index)
    graph.system_rank = rank
    for index, layer in enumerate(graph.layers):
        graph.layers[index] = sorted(layer, key=lambda n: (
            *((first[s], 0) for s in graph.path[n]), (visit[n], 1)))


def _polish(graph: LayeredGraph, crossings: int, passes: int, weight: int) -> int:
    crossings = sift(graph, crossings, passes, weight)
    if crossings and len(graph.system_parent) > 1:
        counter = weighted(weight)
        crossings = swap_systems(graph, crossings, SWAP_PASSES,
                                 lambda g: counter(g, g.positions()))
        crossings = sift(graph, crossings, passes, weight)
    return crossings


def minimise_crossings(graph: LayeredGraph, sweeps: int | None = None,
                       effort: float = 1.0) -> int:
    """Reorder ``graph.layers`` in place; returns the crossings of the kept ordering.
    The ordering minimises the crossings plus ``PASS_WEIGHT`` per relation segment that
    passes over a system block (``passes``). ``effort`` scales the work budgets (0: one
    start, sifting only when cheap). Whatever the first order, the kept one honours the
    blocks (``layered.block_fault``): every step keeps them, and the first order itself,
    kept when nothing beats it, is put into blocks before anything else."""
    if not graph.system_rank:
        graph.system_rank = [float(s) for s in range(len(graph.system_parent))]
    honour_blocks(graph)
    crossings = _minimise(graph, sweeps, effort)
    if honour_blocks(graph):  # a step that broke them: mended, and counted again
        return count_crossings(graph, graph.positions())
    return crossings


def _minimise(graph: LayeredGraph, sweeps: int | None, effort: float) -> int:
    sweeps = sweeps_for(len(graph.path)) if sweeps is None else sweeps
    weight = PASS_WEIGHT if graph.system_parent else 0
    count = weighted(weight)
    starts, passes, refined = plan(graph, sweeps, effort)
    rng = random.Random(SEED)
    initial = graph.snapshot()
    best = count(graph, graph.positions())
    results = [(best, 0, initial)]
    for start in range(starts):
        if best == 0:
            break
        if start:
            graph.restore(initial)
            if start <= 2:
                _traversal(graph, forward=start == 1)
            else:
                _shuffle(graph, rng)
        found = _sweep(graph, sweeps, start % 2 == 1, None if start else best,
                       weight=weight)
        best = min(best, found)
        results.append((found, start, graph.snapshot()))
    results.sort(key=lambda r: (r[0], r[1]))
    best, _, best_state = results[0]
    # The most promising starts go on with sweeps that are each sifted.
    for found, start, state in results[:refined]:
        if best == 0:
            break
        graph.restore(state)
        found = _sweep(graph, sweeps, start % 2 == 1, found, True, weight)
        if found < best:
            best, best_state = found, graph.snapshot()
    graph.restore(best_state)
    if passes and best:
        best = _polish(graph, best, passes, weight)
        moved = move_chains(graph, best, count)  # what sifting one node cannot reach
        if moved < best:
            best = _polish(graph, moved, passes, weight)
    if weight and passes and effort > 0.0 and count_passes(graph, graph.positions()):
        return clear_passes(graph, lambda g, value, w: _polish(g, value, passes, w))
    return count_crossings(graph, graph.positions()) if weight else best
