"""A crowded layer dealt into sub-layers in the order of the unwrapped layers, its lines
into a later sub-layer held inside the system the deal cut (so the sub-layers cross as
the unwrapped layer did); and ``auto`` comparing the directions at the size their labels
need side by side."""

from __future__ import annotations

import random

import pytest

from archstudio.dsl import parse
from archstudio.io import geometry
from archstudio.layout import engine
from archstudio.layout.labels import estimate_label
from archstudio.layout.quality import measure


def _scrambled_storage() -> str:
    """Eight services, each writing two of sixteen stores in one system, the stores
    written in the file in a shuffled order: their layer is crowded (more than eight)
    and one system, so it is dealt evenly into two sub-layers."""
    stores = list(range(16))
    random.Random(7).shuffle(stores)
    lines = ['architecture "Scrambled" {', '  system Shop "Shop" {']
    lines += [f'    container s{i} "service {i}"' for i in range(8)]
    lines.append('    system Storage "Storage" {')
    lines += [f'      datastore d{i} "store {i}"' for i in stores]
    lines += ["    }", "  }"]
    for i in range(8):
        for store in (2 * i, 2 * i + 1):
            lines.append(f'  Shop.s{i} -> Shop.Storage.d{store} "writes"')
    lines.append("}")
    return "\n".join(lines)


def _plain_deal_only(monkeypatch) -> None:
    dealt = engine._deals

    def plain(*args):
        return dealt(*args)[-1:]  # the even deal in the file's order, lines round it

    monkeypatch.setattr(engine, "_deals", plain)
    # nor the layout whose lines enter a system early (``layered_graph``): it holds these lines
    # in the cut system too
    monkeypatch.setattr(engine, "INSIDE_LEAVES", 0)


def test_the_dealt_layer_crosses_as_the_unwrapped_one():
    model = parse(_scrambled_storage())
    part = engine._build_parts(model, None, estimate_label)[0]
    graph = part.graph
    storage = part.systems.index("Shop.Storage")
    assert [len([n for n in layer if n < graph.elements]) for layer in graph.layers] == [
        8, 8, 8]  # the services, then the stores in two sub-layers of eight
    passing = [node for node in graph.layers[1] if node >= graph.elements]
    assert len(passing) == 8  # one point per line into the second sub-layer...
    assert all(storage in graph.path[node] for node in passing)  # ...inside Storage
    assert part.crossings == 0
    assert engine.ordering_crossings(model) == 0


def test_the_plain_deal_crosses_more(monkeypatch):
    model = parse(_scrambled_storage())
    dealt_in_order = engine.ordering_crossings(model)
    _plain_deal_only(monkeypatch)
    assert engine.ordering_crossings(model) > dealt_in_order


def test_the_drawing_crosses_as_its_ordering(qapp):
    model = parse(_scrambled_storage())
    quality = measure(geometry(model, engine.layout_model(model, "auto")))
    assert quality.crossings == 0
    assert quality.through_shapes == 0 and quality.shape_overlaps == 0


def _fan(label: str) -> str:
    lines = ['architecture "Fan" {', '  container gw "gateway"']
    lines += [f'  container s{i} "service {i}"' for i in range(10)]
    lines += [f'  gw -> s{i} "{label}{i}"' for i in range(10)]
    lines.append("}")
    return "\n".join(lines)


def _direction(boxes) -> str:
    return "LR" if boxes["s0"].x > boxes["gw"].right else "TB"


@pytest.mark.parametrize("aspect", [2.0, 2.5])
def test_auto_keeps_labels_beside_their_lines(aspect, monkeypatch):
    """Ten long labels from one gateway stand side by side top to bottom (about 1,800 px
    across, more than that drawing is wide): ``auto`` compares the directions with each
    grown to that room, and keeps left to right, where they stack."""
    model = parse(_fan("/api/v1/orders-and-payments-"))
    assert _direction(engine.layout_model(model, "auto", aspect=aspect)) == "LR"
    monkeypatch.setattr(engine, "labelled_extent", lambda part, direction, size: size)
    assert _direction(engine.layout_model(model, "auto", aspect=aspect)) == "TB"


def test_auto_without_crowded_labels_still_fits_the_window():
    model = parse(_fan("get "))  # short labels: top to bottom has room for them
    assert _direction(engine.layout_model(model, "auto", aspect=2.0)) == "TB"
