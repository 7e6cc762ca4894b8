"""Systems moved clear of the relations that pass over them.

A relation segment that passes over a system block (``passes``) cannot be drawn along the
layout's plan: the router sends it round the whole system, across everything there (in
TrainTicket, fourteen such lines crossed 417 others, about thirty each). The sweeps weigh
a pass like ``PASS_WEIGHT`` crossings, which keeps their search for few crossings
effective, and sifting moves one layer's block at a time; neither can take a system that
sits in the middle of a fan (an administration system among the services a dashboard
calls) out of the way, since that needs the system moved in every layer at once.

So, after the ordering: the systems passed over most (``SYSTEMS_TRIED``) are each tried
at the start and at the end of their parent's block in every layer they span (and first
among or last after their sibling systems), each try polished by sifting as usual, and
the ordering with the lowest crossings plus the expected price of the lines that leave
their plan is kept (the current one included). A system at the edge of its parent has
nothing beyond it for a segment to reach. The ordering kept is sifted once more with a
pass weighed as two segments at that price (the sweeps' weight lets a few segments slip
back over the moved system).

The price: a line searched instead of following its plan crosses about what any line of
its length crosses in this drawing, so each segment of a relation that passes over a
system costs the ordering's crossings per segment (``segment_price``): dense drawings
(TrainTicket, about 4 per segment) clear their systems, sparse ones (the generated 100
elements, under 1) keep the fewer crossings. dot, for comparison, charges crossing a
cluster's skeleton a flat 1,000 crossings.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from archstudio.layout.layered import LayeredGraph, count_crossings
from archstudio.layout.passes import (
    PASS_WEIGHT,
    objective,
    system_intervals,
    system_run,
    weighted,
)

# A line searched instead of following its plan is priced at this many times the
# crossings an average segment of the ordering has. Measured: TrainTicket's fourteen lines
# that passed over its administration system crossed 417 others routed (about 30 each,
# 10 per segment; the ordering has 4.1 per segment), the generated 100 elements' searched
# lines about 4 each (0.9 per segment in the ordering). 1 keeps the estimate low: moving a
# system aside must clearly pay.
SEARCHED_FACTOR = 1.0
# The most passed systems are tried, each at both ends of its parent: every try costs a
# full polish (the generated 100 elements, ten systems passed over, took 1.5 s trying
# them all in two rounds against 0.3 s for the whole ordering; TrainTicket gains from its
# most passed system, 824 crossings with every system tried twice, 827 with this).
SYSTEMS_TRIED = 2
PRICED_SEGMENTS = 2  # a pass is weighed as this many segments sent round, in the last sift


def passing(graph: LayeredGraph) -> tuple[dict[int, int], int]:
    """(passes per system, segments of the relations that pass over some system). A
    relation is a chain of segments through dummy points (nodes from ``graph.elements``
    on); a graph that does not tell its elements counts every segment as a relation."""
    pos = graph.positions()
    spans = [system_intervals(graph, layer) for layer in graph.layers]
    elements = graph.elements if graph.elements >= 0 else len(graph.path)
    tally: dict[int, int] = {}
    relations: set[int] = set()
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
                        relations.add(_chain_start(graph, u, v, elements))
    return tally, sum(_chain_length(graph, v, elements) for _, v in relations)


def _chain_start(graph: LayeredGraph, u: int, v: int, elements: int) -> tuple[int, int]:
    """The first segment of the relation the segment u -> v belongs to."""
    while u >= elements and graph.up[u]:
        u, v = graph.up[u][0], u
    return u, v


def _chain_length(graph: LayeredGraph, v: int, elements: int) -> int:
    """Segments of a relation from its first segment's lower end ``v`` on."""
    length = 1
    while v >= elements and graph.down[v]:
        v, length = graph.down[v][0], length + 1
    return length


def segment_price(graph: LayeredGraph) -> float:
    """What a segment of a line searched instead of following its plan is expected to
    cross: ``SEARCHED_FACTOR`` times the crossings per segment of this ordering (each
    crossing involves two segments)."""
    segments = sum(len(down) for down in graph.down)
    return SEARCHED_FACTOR * 2.0 * count_crossings(graph, graph.positions()) / max(segments, 1)


def cleared_objective(graph: LayeredGraph, price: float) -> float:
    """Crossings plus ``price`` per segment of the relations that pass over a system."""
    return count_crossings(graph, graph.positions()) + price * passing(graph)[1]


def move_to_edge(graph: LayeredGraph, system: int, at_end: bool) -> None:
    """Put ``system``'s block at the end (or the start) of its parent's block in every
    layer, and last (first) among its sibling systems."""
    depth = graph.system_depth(system)
    parent = graph.system_parent[system]
    for index, layer in enumerate(graph.layers):
        own = system_run(graph, layer, system, depth)
        if own is None:
            continue
        block = layer[own[0]:own[1]]
        rest = layer[:own[0]] + layer[own[1]:]
        if parent < 0:
            around = (0, len(rest))
        else:
            around = system_run(graph, rest, parent, depth - 1) or (own[0], own[0])
        at = around[1] if at_end else around[0]
        graph.layers[index] = rest[:at] + block + rest[at:]
    rank = graph.system_rank
    siblings = [s for s, p in enumerate(graph.system_parent) if p == parent and s != system]
    if siblings:
        rank[system] = (max(rank[s] for s in siblings) + 1.0 if at_end
                        else min(rank[s] for s in siblings) - 1.0)


def clear_passes(graph: LayeredGraph, polish: Callable[[LayeredGraph, int, int], int]
                 ) -> int:
    """Reorder ``graph`` so that fewer relations pass over systems (see the module);
    ``polish(graph, objective, weight)`` sifts an ordering and returns its new objective.
    Returns the crossings of the ordering kept."""
    price = segment_price(graph)
    best = cleared_objective(graph, price)
    start = best_state = graph.snapshot()
    tally = passing(graph)[0]
    for system in sorted(tally, key=lambda s: (-tally[s], s))[:SYSTEMS_TRIED]:
        for at_end in (False, True):
            graph.restore(start)
            move_to_edge(graph, system, at_end)
            polish(graph, objective(graph, graph.positions()), PASS_WEIGHT)
            found = cleared_objective(graph, price)
            if found < best:
                best, best_state = found, graph.snapshot()
    graph.restore(best_state)
    # Sifted once more with a pass weighed at the price of the segments it sends round.
    heavier = max(PASS_WEIGHT, math.ceil(price * PRICED_SEGMENTS))
    if heavier > PASS_WEIGHT and passing(graph)[1]:
        polish(graph, weighted(heavier)(graph, graph.positions()), heavier)
        if cleared_objective(graph, price) >= best:
            graph.restore(best_state)
    return count_crossings(graph, graph.positions())
