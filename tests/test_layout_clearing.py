"""Systems moved clear of the relations that pass over them: a system moved to the edge of
its parent leaves nothing to pass over it, the ordering kept is never worse by the
measure that chose it, and TrainTicket's lines follow their plans."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import engine
from archstudio.layout.clearing import (
    clear_passes,
    cleared_objective,
    move_to_edge,
    passing,
    segment_price,
)
from archstudio.layout.labels import estimate_label
from archstudio.layout.layered import LayeredGraph, count_crossings
from archstudio.layout.ordering import _polish
from archstudio.layout.passes import count_passes
from tests.test_layout_crossings import _check_blocks, random_nested_graph

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


def _fan() -> LayeredGraph:
    """A top node d (in system P) calling six services of P in the next layer, three on
    either side of P's sub-system A (a0 over a1 and a2 below it); each service calls the
    one straight below it, so the segments of the last layer pair pass over A."""
    d, s = 0, list(range(1, 7))
    a0, a1, a2 = 7, 8, 9
    below = list(range(10, 16))
    path = [(0,)] * 7 + [(0, 1)] * 3 + [(0,)] * 6
    down: list[list[int]] = [[] for _ in path]
    up: list[list[int]] = [[] for _ in path]
    for service in s:
        down[d].append(service)
        up[service].append(d)
    for service, target in zip(s, reversed(below), strict=True):  # a full cross-over
        down[service].append(target)
        up[target].append(service)
    down[a0].append(a1)
    up[a1].append(a0)
    layers = [[d], [s[0], s[1], s[2], a0, s[3], s[4], s[5]],
              [below[0], below[1], below[2], a1, a2, below[3], below[4], below[5]]]
    return LayeredGraph(layers, path, up, down, [-1, 0], [0.0, 0.0], 16)


def test_a_system_moved_to_the_edge_of_its_parent_is_passed_by_nothing():
    for at_end in (False, True):
        graph = _fan()
        assert passing(graph)[0] == {1: 6}
        move_to_edge(graph, 1, at_end)
        _check_blocks(graph)
        assert passing(graph) == ({}, 0)
        for layer in graph.layers[1:]:
            members = [i for i, n in enumerate(layer) if 1 in graph.path[n]]
            expected = range(len(layer) - len(members), len(layer)) if at_end else \
                range(len(members))
            assert members == list(expected)


@pytest.mark.parametrize("seed", range(30))
def test_clearing_never_makes_its_own_measure_worse(seed):
    graph = random_nested_graph(random.Random(seed), least_systems=1, least_nodes=8,
                                top_level=2)
    nodes = sorted(sorted(layer) for layer in graph.layers)
    price = segment_price(graph)
    before = cleared_objective(graph, price)
    reported = clear_passes(graph, lambda g, value, w: _polish(g, value, 2, w))
    assert reported == count_crossings(graph, graph.positions())
    assert cleared_objective(graph, price) <= before
    assert sorted(sorted(layer) for layer in graph.layers) == nodes
    _check_blocks(graph)


def test_trainticket_keeps_its_lines_off_the_administration_system(qapp):
    """TrainTicket's dashboard calls forty services and five administration services in
    a system of their own: that system goes to the edge of the services instead of the
    middle of the dashboard's fan, and the lines follow the layout's plan."""
    from archstudio.layout import arrange
    from archstudio.render.diagram import compute_drawing

    model = parse((CORPUS / "trainticket.arch").read_text(encoding="utf-8"))
    parts, _ = engine._chosen_parts(model, None, estimate_label, "auto",
                                    engine.DEFAULT_ASPECT)  # the parts drawn
    assert sum(passing(p.graph)[1] for p in parts) <= 8  # 25 segments before
    assert sum(count_passes(p.graph, p.graph.positions()) for p in parts) <= 4  # 14
    assert sum(p.crossings for p in parts) <= 840  # 797 before, for 14 passes
    relations, drawing = compute_drawing(model, arrange(model))
    assert len(drawing.followed) >= len(relations) - 6  # 140 of 154 before
