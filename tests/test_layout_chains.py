"""Long relations moved as a whole: a chain of dummy points on the wrong side of the
lines beside it goes to the other side when no single point of it could."""

from __future__ import annotations

import random

import pytest

from archstudio.dsl import parse
from archstudio.layout.chains import chains, move_chains
from archstudio.layout.engine import ordering_crossings
from archstudio.layout.layered import LayeredGraph, count_crossings
from archstudio.layout.passes import objective
from tests.test_layout_crossings import random_nested_graph

S, P, Q, R, T, U, D1, D2 = range(8)


def _wrong_side() -> LayeredGraph:
    """Inside one system, s -> d1 -> d2 -> t runs right of p -> q -> r -> u but starts
    and ends left of it: two crossings, none with the chain on the left; moving d1 or d2
    alone crosses the chain's own middle segment instead."""
    layers = [[S, P], [Q, D1], [R, D2], [T, U]]
    down = [[D1], [Q], [R], [U], [], [], [D2], [T]]
    up = [[] for _ in down]
    for node, targets in enumerate(down):
        for target in targets:
            up[target].append(node)
    return LayeredGraph(layers, [(0,)] * 8, up, down, [-1], [0.0], elements=6)


def test_a_chain_on_the_wrong_side_moves_as_a_whole():
    graph = _wrong_side()
    assert chains(graph) == [[D1, D2]]
    before = count_crossings(graph, graph.positions())
    assert before == 2
    for layer, point in ((1, D1), (2, D2)):  # one point alone: no better
        alone = _wrong_side()
        alone.layers[layer] = [point, *[n for n in alone.layers[layer] if n != point]]
        assert count_crossings(alone, alone.positions()) == 2
    assert move_chains(graph, 2, count_crossings) == 0
    assert count_crossings(graph, graph.positions()) == 0
    assert graph.layers[1][0] == D1 and graph.layers[2][0] == D2


def test_a_relation_held_by_no_system_is_left_alone():
    # at the top level the edges of the block are the drawing's edges
    graph = _wrong_side()
    graph.path = [()] * 8
    graph.system_parent, graph.system_rank = [], []
    assert move_chains(graph, 2, count_crossings) == 2
    assert graph.layers[1] == [Q, D1]


def test_a_chain_stays_where_moving_it_gains_nothing():
    graph = _wrong_side()
    graph.layers = [[S, P], [D1, Q], [D2, R], [T, U]]
    assert move_chains(graph, 0, count_crossings) == 0
    assert graph.layers == [[S, P], [D1, Q], [D2, R], [T, U]]


@pytest.mark.parametrize("seed", range(15))
def test_moved_chains_keep_systems_together_and_never_cost_more(seed):
    graph = random_nested_graph(random.Random(seed), least_systems=1, least_nodes=6,
                                top_level=2)
    value = objective(graph, graph.positions())
    found = move_chains(graph, value, objective)
    assert found <= value
    assert found == objective(graph, graph.positions())
    for layer in graph.layers:  # every system's nodes still contiguous in each layer
        for system in range(len(graph.system_parent)):
            at = [i for i, n in enumerate(layer) if system in graph.path[n]]
            assert at == list(range(at[0], at[0] + len(at))) if at else True


def test_long_relations_inside_a_system_come_round_in_a_real_architecture():
    # The social network's long relations inside its system (services calling stores
    # several layers on) on the wrong side of the services between: 47 crossings before
    # the chains were moved as a whole, 43 with it.
    text = open("benchmarks/corpus/socialnetwork.arch", encoding="utf-8").read()
    assert ordering_crossings(parse(text)) <= 43


def test_the_tries_stop_when_the_budget_is_spent(monkeypatch):
    """Each try counts the whole objective: with a budget for two tries (one chain, both
    ends) only the first chain is tried, whatever the number of long relations."""
    graph = _wrong_side()
    units = len(graph.path) + sum(len(down) for down in graph.down)
    calls = []

    def counted(g, pos):
        calls.append(1)
        return count_crossings(g, pos)

    monkeypatch.setattr("archstudio.layout.chains.CHAIN_BUDGET", 2 * units + 1)
    assert move_chains(graph, 2, counted) == 0
    assert len(calls) == 2
    graph, calls[:] = _wrong_side(), []
    monkeypatch.setattr("archstudio.layout.chains.CHAIN_BUDGET", units)  # not one try
    assert move_chains(graph, 2, counted) == 2
    assert calls == [] and graph.layers[1] == [Q, D1]
