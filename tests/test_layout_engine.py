"""The compound layered engine: directions, nesting, labels, budgets, determinism."""

from __future__ import annotations

import pytest

from archstudio.dsl import parse
from archstudio.layout import auto_arrange, engine
from archstudio.layout.layering import acyclic_edges, assign_layers
from archstudio.layout.metrics import overlapping_pairs
from benchmarks.models import generate

NESTED = """architecture "Nested" {
  person User "User"
  system Shop "Shop" {
    system Front "Front" {
      container Web "Web"
    }
    system Back "Back" {
      container Api "API"
      datastore Db "Orders"
    }
  }
  system Pay "Payments" {
    container Gate "Gateway"
  }
  User -> Shop.Front.Web
  Shop.Front.Web -> Shop.Back.Api
  Shop.Back.Api -> Shop.Back.Db
  Shop.Back.Api -> Pay.Gate
}
"""

AFTER = {
    "LR": lambda s, t: t.x >= s.right,
    "RL": lambda s, t: t.right <= s.x,
    "TB": lambda s, t: t.y >= s.bottom,
    "BT": lambda s, t: t.bottom <= s.y,
}


def _well_formed(model, boxes) -> None:
    assert set(boxes) == set(model.elements)
    assert overlapping_pairs(boxes) == []
    for qname, element in model.elements.items():
        if element.parent is not None:
            assert boxes[element.parent].contains_box(boxes[qname]), qname


@pytest.mark.parametrize("direction", ["LR", "RL", "TB", "BT"])
def test_relations_between_nested_elements_flow_in_the_direction(direction):
    model = parse(NESTED)
    boxes = auto_arrange(model, direction)
    _well_formed(model, boxes)
    for relation in model.relations:
        source, target = boxes[relation.source], boxes[relation.target]
        assert AFTER[direction](source, target), (relation.source, relation.target)


@pytest.mark.parametrize("direction", ["LR", "TB", "RL", "BT", "auto"])
def test_generated_models_have_no_overlaps_and_systems_hold_their_members(direction):
    for size, seed in ((20, 1), (45, 2), (70, 3)):
        model = parse(generate(size, seed=seed))
        _well_formed(model, auto_arrange(model, direction))


def test_the_same_file_gives_the_same_picture():
    text = generate(60, seed=5)
    assert auto_arrange(parse(text), "auto") == auto_arrange(parse(text), "auto")


def test_a_long_label_widens_the_channel_it_runs_through():
    def gap(label: str, direction: str) -> float:
        model = parse(f'architecture "x" {{\n  container A "A"\n  container B "B"\n'
                      f'  A -> B "{label}"\n}}\n')
        boxes = auto_arrange(model, direction)
        a, b = boxes["A"], boxes["B"]
        return b.x - a.right if direction == "LR" else b.y - a.bottom

    assert gap("reads and writes the customer records", "LR") > gap("uses", "LR") + 60
    assert gap("uses", "TB") >= 40  # room for the arrow and a line of text


def test_a_system_that_is_too_big_for_one_compound_graph_is_laid_out_level_by_level(
        monkeypatch):
    model = parse(generate(60, seed=4))
    compound = auto_arrange(model)
    monkeypatch.setattr(engine, "COMPOUND_BUDGET", 10)
    by_level = auto_arrange(model)
    _well_formed(model, by_level)
    assert by_level != compound


def test_cycles_are_broken_and_every_edge_points_down_a_layer():
    edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 1)]
    oriented = acyclic_edges(4, edges)
    assert len(oriented) == len(edges)
    layer = assign_layers(4, oriented)
    assert all(layer[t] > layer[s] for s, t in oriented)
    assert sum(1 for e in oriented if e not in edges) <= 2  # a small feedback arc set


def test_the_window_shape_picks_the_direction():
    steps = "\n".join(f'  container S{i} "Step {i}"' for i in range(6))
    links = "\n".join(f"  S{i} -> S{i + 1}" for i in range(5))
    model = parse(f'architecture "Pipe" {{\n{steps}\n{links}\n}}\n')
    wide = auto_arrange(model, "auto", aspect=3.0)
    tall = auto_arrange(model, "auto", aspect=0.4)
    assert wide["S1"].x > wide["S0"].right
    assert tall["S1"].y > tall["S0"].bottom


def test_a_variant_with_fewer_crossings_must_be_as_large_at_fit_as_the_best_so_far(
        monkeypatch):
    """A variant that won by the margin is compared, for the crossings' rule, by its own
    scale at Fit, not by the scale less the margin it had to win by."""
    from types import SimpleNamespace

    monkeypatch.setattr(engine, "_size", lambda parts, direction, aspect: parts[0].size)
    first = [SimpleNamespace(size=(100.0, 100.0), crossings=5)]  # scale 1 / 100
    larger = [SimpleNamespace(size=(90.0, 90.0), crossings=5)]  # wins by the margin
    smaller = [SimpleNamespace(size=(94.0, 94.0), crossings=1)]  # fewer, but smaller
    parts, _ = engine._pick([first, larger, smaller], "LR", 1.0)
    assert parts is larger
    parts, _ = engine._pick([first, smaller], "LR", 1.0)
    assert parts is smaller  # as large as the first would need: fewer crossings win
