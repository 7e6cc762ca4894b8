"""Long relations moved as a whole to an edge of their block.

A relation spanning several layers is a chain of dummy points, one per layer. Sifting
moves one node at a time, so a chain that runs on the wrong side of the nodes beside it
(a service's line to a store several layers on, down the far side of the services
between) stays there: moving one of its points alone adds a pass or crossings at that point's
other segment. Here each chain of two or more points is tried at the start and at the end
of its holder's block in every layer it crosses (the block is where the point may go:
the nodes of the innermost system holding both ends), and the move is kept when the
ordering's objective drops and no more relations pass over a system (the router cannot
draw a pass along the plan: the line is searched whole, and crosses far more than the
pass was weighed). Relations held by no system
are left alone: the edges of a whole layer are the drawing's edges, where a plan widens
the picture or sends the line round everything (measured on random models: more
searched lines, more crossings).
"""

from __future__ import annotations

from collections.abc import Callable

from archstudio.layout.layered import LayeredGraph
from archstudio.layout.passes import count_passes

MIN_POINTS = 2  # chains with fewer points are sifted well enough node by node
# Each try counts the whole objective again, about one work unit (1 us in CPython) per
# node and edge; the tries stop when they have spent this many units (the corpus's
# largest graph spends under 90,000), so the cost stays bounded whatever the number of
# long relations.
CHAIN_BUDGET = 200_000


def chains(graph: LayeredGraph) -> list[list[int]]:
    """The dummy points of every long relation, from its source's side, in model order."""
    elements = graph.elements if graph.elements >= 0 else len(graph.path)
    out = []
    for node in range(elements):
        for first in graph.down[node]:
            if first < elements:
                continue
            chain = [first]
            while graph.down[chain[-1]] and graph.down[chain[-1]][0] >= elements:
                chain.append(graph.down[chain[-1]][0])
            if len(chain) >= MIN_POINTS:
                out.append(chain)
    return out


def _layer_of(graph: LayeredGraph) -> dict[int, int]:
    return {node: index for index, layer in enumerate(graph.layers) for node in layer}


def _moved(layer: list[int], node: int, path: tuple[int, ...], paths, at_end: bool
           ) -> list[int]:
    """``layer`` with ``node`` at the start (end) of the block of the nodes held by
    ``path``."""
    rest = [n for n in layer if n != node]
    depth = len(path)
    inside = [i for i, n in enumerate(rest) if paths[n][:depth] == path]
    if not inside:
        return layer
    at = inside[-1] + 1 if at_end else inside[0]
    return rest[:at] + [node] + rest[at:]


def move_chains(graph: LayeredGraph, value: int,
                objective: Callable[[LayeredGraph, list[int]], int]) -> int:
    """Try every long relation's points at both edges of their blocks (see the module),
    in model order until ``CHAIN_BUDGET`` is spent; returns the objective of the
    ordering kept."""
    where = _layer_of(graph)
    paths = graph.path
    passes = count_passes(graph, graph.positions())
    tries = CHAIN_BUDGET // max(len(paths) + sum(len(down) for down in graph.down), 1)
    for chain in chains(graph):
        if not paths[chain[0]]:  # see the module: at the top level, the drawing's edge
            continue
        if tries < 2:
            break
        tries -= 2
        for at_end in (False, True):
            kept = {where[n]: graph.layers[where[n]] for n in chain}
            for node in chain:
                index = where[node]
                graph.layers[index] = _moved(graph.layers[index], node, paths[node], paths,
                                             at_end)
            pos = graph.positions()
            found = objective(graph, pos)
            passing = count_passes(graph, pos) if found < value else passes
            if found < value and passing <= passes:
                value, passes = found, passing
            else:
                for index, layer in kept.items():
                    graph.layers[index] = layer
    return value
