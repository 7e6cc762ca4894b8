"""Relations that pass over a system block, counted like crossings.

A system is a rectangle across the layers it spans. A segment between two adjacent layers
that starts on one side of a system's block and ends on the other side, with neither end
inside the system, passes over that system: the line crosses the system's two border
lines (or has to go round the whole system, crossing what lies there). The plain crossing
count does not see this (a system block is not an edge), so the ordering adds
``PASS_WEIGHT`` per pass to its objective (dot does the same with a heavy penalty on
crossing a cluster's skeleton). Counted with one sorted list per layer pair, so a graph
without systems pays nothing.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable

from archstudio.layout.layered import LayeredGraph, count_crossings

PASS_WEIGHT = 4  # a pass costs four crossings: see below
# Measured with lines that follow the layout's plan where it fits (``drawing._careful``):
# a plan over a system block cannot be drawn and its line is searched round the system,
# crossing what lies there. TrainTicket (154 relations) routes with 2,133 crossings at
# weight 1, 1,472 at 2, 1,156 at 3, 1,010 at 4, 909 at 8; the other corpus files and the
# examples change by a few crossings either way; the generated 500 elements 9,225 ->
# 8,960 from 2 up; 20 random stress models 8,000 at 3, 7,832 at 4. At 8 PetClinic gets
# 12 lines under labels (3 at 4).


def system_intervals(graph: LayeredGraph, layer: list[int]) -> dict[int, tuple[int, int]]:
    """(first position, last position + 1) of each system present in ``layer`` (its
    members, dummies and fillers are contiguous there)."""
    spans: dict[int, tuple[int, int]] = {}
    paths = graph.path
    for index, node in enumerate(layer):
        for system in paths[node]:
            old = spans.get(system)
            spans[system] = (index, index + 1) if old is None else (old[0], index + 1)
    return spans


def system_run(graph: LayeredGraph, layer: list[int], system: int, depth: int
               ) -> tuple[int, int] | None:
    """(first, last + 1) of the contiguous run of ``system``'s nodes in ``layer``;
    ``depth``: the system's nesting depth (its index in a member's path)."""
    start = None
    for i, node in enumerate(layer):
        path = graph.path[node]
        inside = len(path) > depth and path[depth] == system
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            return start, i
    return None if start is None else (start, len(layer))


def gap_passes(graph: LayeredGraph, pos: list[int], layer_index: int,
               upper: dict[int, tuple[int, int]], lower: dict[int, tuple[int, int]]) -> int:
    """Passes over systems by the segments between layer ``layer_index`` and the next;
    ``upper``/``lower``: the system intervals of the two layers."""
    common = [(upper[s], lower[s]) for s in upper if s in lower]
    if not common:
        return 0
    pairs = sorted((pos[u], pos[v]) for u in graph.layers[layer_index] for v in graph.down[u])
    if not pairs:
        return 0
    total = 0
    # Starts before the block, ends after it: the ends of the segments seen so far are
    # kept sorted, so each block costs one binary search.
    ends: list[int] = []
    index = 0
    for (start, _), below in sorted(common, key=lambda c: c[0][0]):
        while index < len(pairs) and pairs[index][0] < start:
            insort(ends, pairs[index][1])
            index += 1
        total += len(ends) - bisect_left(ends, below[1])
    # Starts after the block, ends before it.
    ends = []
    index = len(pairs) - 1
    for (_, end), below in sorted(common, key=lambda c: -c[0][1]):
        while index >= 0 and pairs[index][0] >= end:
            insort(ends, pairs[index][1])
            index -= 1
        total += bisect_left(ends, below[0])
    return total


def count_passes(graph: LayeredGraph, pos: list[int]) -> int:
    """Passes over systems, all layer pairs (0 when there are no systems)."""
    if not graph.system_parent or len(graph.layers) < 2:
        return 0
    spans = [system_intervals(graph, layer) for layer in graph.layers]
    return sum(gap_passes(graph, pos, i, spans[i], spans[i + 1])
               for i in range(len(graph.layers) - 1))


def objective(graph: LayeredGraph, pos: list[int]) -> int:
    """What the ordering minimises: crossings plus ``PASS_WEIGHT`` per pass."""
    return count_crossings(graph, pos) + PASS_WEIGHT * count_passes(graph, pos)


def weighted(weight: int) -> Callable[[LayeredGraph, list[int]], int]:
    """The ordering's objective at ``weight`` per pass over a system (0: crossings only)."""
    if not weight:
        return count_crossings
    if weight == PASS_WEIGHT:
        return objective
    return lambda graph, pos: count_crossings(graph, pos) + weight * count_passes(graph, pos)
