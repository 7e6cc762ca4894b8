"""Layers for a directed graph: cycles broken, edges kept short.

Two classic steps, both deterministic (ties go to the lower node index):

* cycle breaking by the greedy heuristic of Eades, Lin and Smyth: sinks go to the end of
  a node sequence, sources to the front, otherwise the node with the largest
  out-degree minus in-degree; the edges that point backwards in the sequence are the
  (small) feedback arc set that gets reversed;
* layering by longest path, then a balancing pass that moves each node inside the window
  its neighbours allow towards the side where it has more edges (cheap, linear), or by
  network simplex (``simplex``: the shortest total, quadratic in pure Python).

``layer_candidates`` gives the layerings worth ordering for a graph of its size.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from archstudio.layout.simplex import simplex_layers

BALANCE_PASSES = 8
SIMPLEX_EDGES = 300  # up to here both layerings are candidates
SIMPLEX_ONLY_EDGES = 1000  # up to here the shortest alone, above it the balanced alone
SIMPLEX_EXCHANGES = 1000


def greedy_sequence(count: int, edges: Sequence[tuple[int, int]]) -> list[int]:
    """Eades-Lin-Smyth: an order of the nodes with few edges pointing backwards."""
    outs: list[set[int]] = [set() for _ in range(count)]
    ins: list[set[int]] = [set() for _ in range(count)]
    for source, target in edges:
        if source != target:
            outs[source].add(target)
            ins[target].add(source)
    alive = [True] * count
    front: list[int] = []
    back: list[int] = []
    heap = [(-(len(outs[v]) - len(ins[v])), v) for v in range(count)]
    heapq.heapify(heap)
    sinks = [v for v in range(count) if not outs[v]]
    sources = [v for v in range(count) if not ins[v] and outs[v]]
    remaining = count

    def remove(node: int) -> None:
        nonlocal remaining
        alive[node] = False
        remaining -= 1
        for other in outs[node]:
            ins[other].discard(node)
            if alive[other] and not ins[other]:
                sources.append(other)
            if alive[other]:
                heapq.heappush(heap, (-(len(outs[other]) - len(ins[other])), other))
        for other in ins[node]:
            outs[other].discard(node)
            if alive[other] and not outs[other]:
                sinks.append(other)
            if alive[other]:
                heapq.heappush(heap, (-(len(outs[other]) - len(ins[other])), other))

    while remaining:
        if sinks:
            node = sinks.pop()
            if alive[node]:
                back.append(node)
                remove(node)
            continue
        if sources:
            node = sources.pop()
            if alive[node]:
                front.append(node)
                remove(node)
            continue
        while True:
            key, node = heapq.heappop(heap)
            if alive[node] and key == -(len(outs[node]) - len(ins[node])):
                break
        front.append(node)
        remove(node)
    return front + back[::-1]


def acyclic_edges(count: int, edges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The edges with the feedback arcs reversed (self-loops dropped)."""
    rank = [0] * count
    for position, node in enumerate(greedy_sequence(count, edges)):
        rank[node] = position
    return [(s, t) if rank[s] < rank[t] else (t, s) for s, t in edges if s != t]


def layer_candidates(count: int, edges: Sequence[tuple[int, int]],
                     shortest: bool = True) -> list[list[int]]:
    """Layerings worth ordering for acyclic ``edges``: the least total length (network
    simplex) when the graph is small enough, and the balanced longest path when it
    differs (both up to ``SIMPLEX_EDGES`` edges; the caller keeps the one that orders
    with fewer crossings). ``shortest`` False: the balanced one alone, the cheapest."""
    if not shortest:
        return [assign_layers(count, edges)]
    if len(edges) > SIMPLEX_EDGES:
        if len(edges) > SIMPLEX_ONLY_EDGES:
            return [assign_layers(count, edges)]
        return [simplex_layers(count, edges, SIMPLEX_EXCHANGES)]
    balanced = assign_layers(count, edges)
    least = simplex_layers(count, edges, SIMPLEX_EXCHANGES)
    return [least] if least == balanced else [least, balanced]


def assign_layers(count: int, edges: Sequence[tuple[int, int]]) -> list[int]:
    """Layer of each node for acyclic ``edges``: every edge goes at least one layer down."""
    succ: list[list[int]] = [[] for _ in range(count)]
    pred: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count
    for source, target in edges:
        succ[source].append(target)
        pred[target].append(source)
        indegree[target] += 1
    layer = [0] * count
    ready = [v for v in range(count) if indegree[v] == 0]
    order: list[int] = []
    while ready:
        node = ready.pop()
        order.append(node)
        for other in succ[node]:
            layer[other] = max(layer[other], layer[node] + 1)
            indegree[other] -= 1
            if indegree[other] == 0:
                ready.append(other)
    top = max(layer, default=0)
    # Sources hang right above their first successor instead of at the top.
    for node in reversed(order):
        if not pred[node] and succ[node]:
            layer[node] = min(layer[t] for t in succ[node]) - 1
    for _ in range(BALANCE_PASSES):
        moved = False
        for node in order:
            ins, outs = len(pred[node]), len(succ[node])
            if ins == outs:
                continue
            low = max((layer[p] + 1 for p in pred[node]), default=0)
            high = min((layer[s] - 1 for s in succ[node]), default=top)
            target = low if ins > outs else high
            if target != layer[node] and low <= target <= high:
                layer[node] = target
                moved = True
        if not moved:
            break
    lowest = min(layer, default=0)
    return [value - lowest for value in layer]
