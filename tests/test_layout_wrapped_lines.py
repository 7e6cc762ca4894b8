"""Lines through a crowded layer that wrapped: a relation to a member of a system the
wrapping cut in two runs through the earlier sub-layer inside that system (not round its
block), which the ordering compares with the lines kept round it; and the direction
``auto`` keeps when no direction shows names at Fit."""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.layout import engine
from archstudio.layout.labels import estimate_label


def _wrapped_storage() -> str:
    """Five services, each reading two of ten stores in one system: the stores' layer is
    crowded, and the system does not fit in one sub-layer, so the wrapping cuts it."""
    lines = ['architecture "Wrapped" {', '  system Shop "Shop" {']
    lines += [f'    container s{i} "service {i}"' for i in range(5)]
    lines.append('    system Storage "Storage" {')
    lines += [f'      datastore d{i} "store {i}"' for i in range(10)]
    lines += ["    }", "  }"]
    for i in range(5):
        lines.append(f'  Shop.s{i} -> Shop.Storage.d{2 * i} "reads"')
        lines.append(f'  Shop.s{i} -> Shop.Storage.d{2 * i + 1} "reads"')
    lines.append("}")
    return "\n".join(lines)


def _model(text: str):
    parsed = parse(text)
    return getattr(parsed, "model", parsed)


def test_lines_to_the_second_sub_layer_run_inside_the_cut_system():
    model = _model(_wrapped_storage())
    part = engine._build_parts(model, None, estimate_label)[0]
    graph = part.graph
    storage = part.systems.index("Shop.Storage")
    stores = [len(layer) for layer in graph.layers]
    assert len(graph.layers) == 3, stores  # services, then the stores in two sub-layers
    first, second = graph.layers[1], graph.layers[2]
    assert all(node < graph.elements for node in second)
    passing = [node for node in first if node >= graph.elements]
    assert len(passing) == len(second)  # one point per line into the second sub-layer
    assert all(storage in graph.path[node] for node in passing)
    assert part.crossings == 0


def test_lines_held_inside_make_the_drawing_shorter(monkeypatch):
    model = _model(_wrapped_storage())

    def height(boxes):
        return (max(b.y + b.height for b in boxes.values())
                - min(b.y for b in boxes.values()))

    held = engine.layout_model(model, "LR")
    monkeypatch.setattr(engine, "_within_wrap", lambda common, *_: common)
    round_the_block = engine.layout_model(model, "LR")
    assert height(held) < height(round_the_block)
    assert set(held) == set(round_the_block)


def test_auto_keeps_left_to_right_when_no_direction_shows_names_at_fit():
    aspect = engine.DEFAULT_ASPECT
    # top to bottom fits 10 % larger, but both are far too big to show names at Fit
    big = {"LR": (4000.0 * aspect, 4000.0), "TB": (3600.0 * aspect, 3600.0)}
    assert engine._better(lambda d: big[d], aspect) == "LR"
    # small enough that top to bottom shows names: the larger fit wins as before
    small = {"LR": (1000.0 * aspect, 1000.0), "TB": (900.0 * aspect, 900.0)}
    assert engine._better(lambda d: small[d], aspect) == "TB"
