"""A202 groups services that reach each other (strongly connected components) with its
own walk instead of importing networkx (a second or more before the first check after
opening a file): the same groups as networkx finds, on random call graphs."""

from __future__ import annotations

import random

import networkx as nx

from archstudio.app.parsing import rule_diagnostics
from archstudio.dsl import parse
from archstudio.rules.patterns import _groups


def _as_sets(group_of: dict[str, int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for node, number in group_of.items():
        groups.setdefault(number, set()).add(node)
    return {frozenset(g) for g in groups.values()}


def test_the_groups_are_networkx_strongly_connected_components():
    rng = random.Random(5)
    for trial in range(300):
        nodes = [f"s{i}" for i in range(rng.randint(1, 25))]
        edges = list(dict.fromkeys(
            (rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 60))))
        edges = [(a, b) for a, b in edges if a != b]
        expected = {frozenset(c) for c in nx.strongly_connected_components(nx.DiGraph(edges))
                    if len(c) > 1}
        assert _as_sets(_groups(edges)) == expected, trial


def test_a_long_chain_back_to_its_start_is_one_group_without_recursion():
    nodes = [f"s{i}" for i in range(5000)]
    edges = [*zip(nodes, nodes[1:], strict=False), (nodes[-1], nodes[0])]
    assert _as_sets(_groups(edges)) == {frozenset(nodes)}


def test_a_cycle_of_calls_is_reported():
    model = parse('architecture "C" {\n  container a "A"\n  container b "B"\n'
                  '  container c "C"\n  a -> b "calls"\n  b -> c "calls"\n  c -> a "calls"\n}\n')
    codes = [d.code for d in rule_diagnostics(model)]
    assert codes.count("A202") == 1
