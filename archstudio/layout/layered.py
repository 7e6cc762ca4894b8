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


def block_fault(graph: LayeredGraph) -> str | None:
    """Why the ordering does not honour the blocks (a system's members split in a layer,
    or two sibling systems in one order in one layer and the other order in another), or
    None. Coordinates need both: a system is one interval in every layer, and sibling
    boxes never overlap."""
    paths = graph.path
    after: dict[int, set[int]] = {}  # sibling system -> siblings seen right after it
    for number, layer in enumerate(graph.layers):
        closed: set[int] = set()
        open_path: tuple[int, ...] = ()
        last_child: dict[int, int] = {}  # parent (-1: top) -> last sibling opened
        for node in layer:
            node_path = paths[node]
            common = 0
            while (common < len(node_path) and common < len(open_path)
                   and node_path[common] == open_path[common]):
                common += 1
            closed.update(open_path[common:])
            for system in node_path[common:]:
                if system in closed:
                    return f"system {system} is split in layer {number}"
                parent = graph.system_parent[system]
                previous = last_child.get(parent)
                if previous is not None:
                    after.setdefault(previous, set()).add(system)
                last_child[parent] = system
            open_path = node_path
    # One order of siblings for all layers exists iff "right after" has no cycle.
    indegree: dict[int, int] = {}
    for followers in after.values():
        for system in followers:
            indegree[system] = indegree.get(system, 0) + 1
    ready = [s for s in after if not indegree.get(s)]
    seen = 0
    while ready:
        system = ready.pop()
        seen += 1
        for follower in after.get(system, ()):
            indegree[follower] -= 1
            if not indegree[follower]:
                ready.append(follower)
    nodes = set(after) | set(indegree)
    if seen < len(nodes):
        return "sibling systems change order between layers"
    return None


def honour_blocks(graph: LayeredGraph) -> bool:
    """Make the ordering honour the blocks if it does not (``block_fault``): each layer
    sorted with every system as one run at the first place one of its members held,
    sibling systems in ``system_rank`` order, everything else in its current order.
    Returns whether anything moved; an ordering that honours the blocks is left as is."""
    if block_fault(graph) is None:
        return False
    rank = graph.system_rank
    parent_of = graph.system_parent
    for index, layer in enumerate(graph.layers):
        first: dict[int, int] = {}
        for position, node in enumerate(layer):
            for system in graph.path[node]:
                first.setdefault(system, position)
        key: dict[int, float] = {}
        by_parent: dict[int, list[int]] = {}
        for system in first:
            by_parent.setdefault(parent_of[system], []).append(system)
        for siblings in by_parent.values():
            siblings.sort(key=lambda s: (rank[s], s))
            least = -1.0
            for system in siblings:  # forced increasing along the rank
                least = key[system] = max(float(first[system]), least + 1e-6)
        position = {node: p for p, node in enumerate(layer)}
        graph.layers[index] = sorted(layer, key=lambda n: (
            *((key[s], 0, rank[s]) for s in graph.path[n]), (position[n], 1, 0.0)))
    return True
