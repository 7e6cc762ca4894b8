"""The layered graph that ordering and coordinates share, and its exact crossing count.

Nodes are elements, the dummy points of long relations and the fillers that keep a system
present in every layer it spans; edges join adjacent layers only. Every node carries the
path of systems holding it (outermost first): a system's members must be contiguous in
each layer, and sibling systems keep one order (``system_rank``) in every layer.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

SORTED_UP_TO = 20_000  # values; see _inversions


@dataclass(slots=True)
class LayeredGraph:
    """Nodes in layers with edges only between adjacent layers."""

    layers: list[list[int]]
    path: list[tuple[int, ...]]  # systems holding each node, outermost first
    up: list[list[int]]  # neighbours in the layer above (multiplicity kept)
    down: list[list[int]]
    system_parent: list[int]  # -1 for a top-level system
    system_rank: list[float] = field(default_factory=list)
    elements: int = -1  # nodes 0..elements-1 are elements, the rest dummies and fillers

    def positions(self) -> list[int]:
        pos = [0] * len(self.path)
        for layer in self.layers:
            for index, node in enumerate(layer):
                pos[node] = index
        return pos

    def snapshot(self) -> tuple[list[list[int]], list[float]]:
        """The ordering as it is now, for :meth:`restore` after trying another."""
        return [list(layer) for layer in self.layers], list(self.system_rank)

    def restore(self, state: tuple[list[list[int]], list[float]]) -> None:
        self.layers = [list(layer) for layer in state[0]]
        self.system_rank = list(state[1])

    def system_depth(self, system: int) -> int:
        """How many systems hold ``system`` (its index in its members' paths)."""
        depth, parent = 0, self.system_parent[system]
        while parent >= 0:
            depth, parent = depth + 1, self.system_parent[parent]
        return depth


def _inversions(sequence: list[int], size: int) -> int:
    """Pairs i < j with sequence[i] > sequence[j]. Up to ``SORTED_UP_TO`` values: a sorted
    list of the values seen, each counted by bisection (two C calls per value; the list
    moves are memory copies); beyond: a Fenwick tree over values (no quadratic copying)."""
    if len(sequence) <= SORTED_UP_TO:
        seen: list[int] = []
        count = 0
        for position, value in enumerate(sequence):
            count += position - bisect_right(seen, value)
            insort(seen, value)
        return count
    tree = [0] * (size + 1)
    count = seen_count = 0
    for value in sequence:
        index = value + 1
        smaller_or_equal = 0
        while index > 0:
            smaller_or_equal += tree[index]
            index -= index & -index
        count += seen_count - smaller_or_equal
        seen_count += 1
        index = value + 1
        while index <= size:
            tree[index] += 1
            index += index & -index
    return count


def layer_crossings(graph: LayeredGraph, pos: list[int], layer_index: int) -> int:
    """Crossings of the straight segments between one layer and the next."""
    pairs = sorted((pos[u], pos[v]) for u in graph.layers[layer_index] for v in graph.down[u])
    return _inversions([b for _, b in pairs], len(graph.layers[layer_index + 1]))


def count_crossings(graph: LayeredGraph, pos: list[int]) -> int:
    """Crossings of straight segments between adjacent layers, all layers."""
    return sum(layer_crossings(graph, pos, i) for i in range(len(graph.layers) - 1))
