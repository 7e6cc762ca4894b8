"""Network-simplex layering on graphs big enough for many exchanges: the least total
relation length, checked against an independent optimum (the dual min-cost flow, solved
by networkx), and the same layers however the exchanges are bounded."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from archstudio.layout.simplex import simplex_layers


def _random_dag(count: int, edges: int, rng: random.Random) -> list[tuple[int, int]]:
    order = list(range(count))
    rng.shuffle(order)
    position = {v: i for i, v in enumerate(order)}
    out = set()
    while len(out) < edges:
        a, b = rng.sample(range(count), 2)
        out.add((a, b) if position[a] < position[b] else (b, a))
    return sorted(out)


def _least_total_length(count: int, edges: list[tuple[int, int]]) -> int:
    """min sum(r[t] - r[s]) subject to r[t] - r[s] >= 1 is, by duality, the largest total
    flow y >= 0 on the edges whose excess at each node is its in-degree minus out-degree:
    a min-cost flow with cost -1 per unit on every edge."""
    graph = nx.DiGraph()
    graph.add_nodes_from(range(count), demand=0)
    for s, t in edges:
        graph.add_edge(s, t, weight=-1)
        graph.nodes[s]["demand"] -= 1
        graph.nodes[t]["demand"] += 1
    cost, _ = nx.network_simplex(graph)
    return -cost


@pytest.mark.parametrize("seed", range(8))
def test_the_layering_is_the_shortest_on_bigger_graphs(seed):
    rng = random.Random(seed)
    count = rng.randint(30, 90)
    edges = _random_dag(count, rng.randint(count, 3 * count), rng)
    layers = simplex_layers(count, edges, 10_000)
    assert all(layers[t] > layers[s] for s, t in edges)
    assert min(layers) == 0
    assert sum(layers[t] - layers[s] for s, t in edges) == _least_total_length(count, edges)


def test_bounded_exchanges_give_feasible_layers_that_only_improve():
    rng = random.Random(99)
    edges = _random_dag(120, 300, rng)
    totals = []
    for exchanges in (0, 1, 5, 25, 10_000):
        layers = simplex_layers(120, edges, exchanges)
        assert all(layers[t] > layers[s] for s, t in edges)
        totals.append(sum(layers[t] - layers[s] for s, t in edges))
    assert totals == sorted(totals, reverse=True)
    assert totals[-1] == _least_total_length(120, edges) < totals[0]
