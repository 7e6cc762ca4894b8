"""Systems moved clear of the relations that pass over them.

A relation segment that passes over a system block (``passes``) cannot be drawn along the
layout's plan: the router sends it round the whole system, across everything there (in
TrainTicket, fourteen such lines crossed 417 others, about thirty each). The sweeps weigh
a pass like ``PASS_WEIGHT`` crossings, which keeps their search for few crossings
effective, and sifting moves one layer's block at a time; neither can take a system that
sits in the middle of a fan (an administration system among the services a dashboard
calls) out of the way, since that needs the system moved in every layer at once.

So, after the ordering: each system that is passed over is tried at the start and at the
end of its parent's block in every layer it spans (and first among or last after its
sibling systems), each try sifted with the final weight ``CLEAR_WEIGHT``, and the ordering
with the lowest crossings plus ``CLEAR_WEIGHT`` per pass is kept (the current one
included, so nothing gets worse by that measure). A system at the edge of its parent has
nothing beyond it for a segment to reach, so no pass over it is left. dot does the same
with a very heavy cost on crossing a cluster's skeleton.
"""

from __future__ import annotations

from archstudio.layout.layered import LayeredGraph, count_crossings
from archstudio.layout.passes import count_passes, system_intervals

# A pass is weighed like this many crossings when the final ordering is chosen: about
# what a line sent round a system costs where systems sit among many relations
# (TrainTicket above), far more than the few crossings a system moved aside adds.
CLEAR_WEIGHT = 32
ROUNDS = 2  # rounds over the passed systems; the second finds what the first made possible


def cleared_objective(graph: LayeredGraph) -> int:
    """Crossings plus ``CLEAR_WEIGHT`` per pass over a system."""
    pos = graph.positions()
    return count_crossings(graph, pos) + CLEAR_WEIGHT * count_passes(graph, pos)


def passed_systems(graph: LayeredGraph) -> list[int]:
    """The systems some segment passes over, the most passed first (ties by index)."""
    pos = graph.positions()
    spans = [system_intervals(graph, layer) for layer in graph.layers]
    tally: dict[int, int] = {}
    for index in range(len(graph.layers) - 1):
        upper, lower = spans[index], spans[index + 1]
        for system, (a0, a1) in upper.items():
            if system not in lower:
                continue
            b0, b1 = lower[system]
            for u in graph.layers[index]:
                if system in graph.path[u]:
                    continue
                for v in graph.down[u]:
                    if system in graph.path[v]:
                        continue
                    if (pos[u] < a0 and pos[v] >= b1) or (pos[u] >= a1 and pos[v] < b0):
                        tally[system] = tally.get(system, 0) + 1
    return sorted(tally, key=lambda s: (-tally[s], s))


def _depth(graph: LayeredGraph, system: int) -> int:
    depth, parent = 0, graph.system_parent[system]
    while parent >= 0:
        depth, parent = depth + 1, graph.system_parent[parent]
    return depth


def _run(graph: LayeredGraph, layer: list[int], system: int, depth: int
         ) -> tuple[int, int] | None:
    """(first, last + 1) of the contiguous run of ``system``'s nodes in ``layer``."""
    start = None
    for i, node in enumerate(layer):
        path = graph.path[node]
        inside = len(path) > depth and path[depth] == system
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            return start, i
    return None if start is None else (start, len(layer))


def move_to_edge(graph: LayeredGraph, system: int, at_end: bool) -> None:
    """Put ``system``'s block at the end (or the start) of its parent's block in every
    layer, and last (first) among its sibling systems."""
    depth = _depth(graph, system)
    parent = graph.system_parent[system]
    for index, layer in enumerate(graph.layers):
        own = _run(graph, layer, system, depth)
        if own is None:
            continue
        block = layer[own[0]:own[1]]
        rest = layer[:own[0]] + layer[own[1]:]
        if parent < 0:
            around = (0, len(rest))
        else:
            around = _run(graph, rest, parent, depth - 1) or (own[0], own[0])
        at = around[1] if at_end else around[0]
        graph.layers[index] = rest[:at] + block + rest[at:]
    rank = graph.system_rank
    siblings = [s for s, p in enumerate(graph.system_parent) if p == parent and s != system]
    if siblings:
        rank[system] = (max(rank[s] for s in siblings) + 1.0 if at_end
                        else min(rank[s] for s in siblings) - 1.0)


def clear_passes(graph: LayeredGraph, polish) -> int:
    """Reorder ``graph`` so that fewer segments pass over systems (see the module);
    ``polish(graph, objective, weight)`` sifts an ordering and returns its new objective.
    Returns the crossings of the ordering kept."""
    best = polish(graph, cleared_objective(graph), CLEAR_WEIGHT)
    best_state = _snapshot(graph)
    for _ in range(ROUNDS):
        improved = False
        for system in passed_systems(graph):
            for at_end in (False, True):
                _restore(graph, best_state)
                move_to_edge(graph, system, at_end)
                found = polish(graph, cleared_objective(graph), CLEAR_WEIGHT)
                if found < best:
                    best, best_state, improved = found, _snapshot(graph), True
        _restore(graph, best_state)
        if not improved:
            break
    return count_crossings(graph, graph.positions())


def _snapshot(graph: LayeredGraph) -> tuple[list[list[int]], list[float]]:
    return [list(layer) for layer in graph.layers], list(graph.system_rank)


def _restore(graph: LayeredGraph, state: tuple[list[list[int]], list[float]]) -> None:
    graph.layers = [list(layer) for layer in state[0]]
    graph.system_rank = list(state[1])
