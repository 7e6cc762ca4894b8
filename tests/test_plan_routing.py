"""Lines along the layout's plan at any size: the jogs of a gap ordered as ELK orders its
hyperedge segments (no crossing the order can avoid, no two lines drawn as one), a
drawing of more than a hundred relations whose plans fit drawn along them with no more
crossings than the layout's own count, and a shape dragged onto a planned line costing
only the stretch it blocks."""

from __future__ import annotations

import json

import pytest

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.layout import arrange, routes
from archstudio.layout.engine import ordering_crossings
from archstudio.layout.geometry import Box
from archstudio.layout.quality import measure
from archstudio.layout.slots import slots
from archstudio.render import compute_drawing
from tests.route_checks import all_problems
from tests.test_layered_routing import SHOP


@pytest.fixture(autouse=True)
def gui(qapp):
    routes.forget()
    yield
    routes.forget()


def _crossings(jogs: list[tuple[float, float]], slot: list[int]) -> int:
    """Crossings between jogs placed in these slots (lower slot: nearer the gap's start)."""
    count = 0
    for a, first in enumerate(jogs):
        for b, second in enumerate(jogs):
            if slot[a] >= slot[b]:
                continue
            low, high = sorted(second)
            count += low < first[1] < high  # the earlier one arrives across the later
            low, high = sorted(first)
            count += low < second[0] < high  # the later one leaves across the earlier
    return count


def test_nested_jogs_of_one_gap_cross_nothing():
    # lines from one shape fanning out to the right, as in a gateway's gap
    jogs = [(52.0, 232.0), (44.0, 200.0), (72.0, 430.0), (60.0, 390.0), (36.0, 168.0)]
    slot = slots(jogs)
    assert len(set(slot)) == len(jogs)  # every two overlap: each its own slot
    assert _crossings(jogs, slot) == 0


def test_jogs_that_need_not_be_apart_share_a_slot():
    slot = slots([(0.0, 50.0), (100.0, 160.0), (10.0, 40.0)])
    assert slot[0] == slot[1]  # far apart across the flow
    assert slot[0] != slot[2]


def test_a_line_leaves_a_place_before_another_arrives_there():
    # the second jog arrives where the first still runs: the first must turn away first,
    # else the two run on one line between their turns
    arrives, leaves = (20.0, 120.0), (120.0, 200.0)
    slot = slots([arrives, leaves])
    assert slot[1] < slot[0]


def _grid(layers: int, width: int) -> str:
    lines = ['architecture "Grid" {']
    for k in range(layers):
        lines += [f'  service s{k}_{i} "Service {k}.{i}"' for i in range(width)]
    for k in range(layers - 1):
        for i in range(width):
            lines.append(f"  s{k}_{i} -> s{k + 1}_{i}")
            lines.append(f"  s{k}_{i} -> s{k + 1}_{(i * 7 + 3) % width}")
    return "\n".join([*lines, "}"])


def test_a_drawing_of_more_than_a_hundred_relations_follows_its_plans(tmp_path):
    text = _grid(5, 16)
    model = parse(text)
    assert len(model.relations) > 100
    _, drawing = compute_drawing(model, arrange(model))
    assert drawing.followed == {r.key for r in model.relations}
    source = tmp_path / "grid.arch"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "grid.json"
    assert main(["export", str(source), "-o", str(out)]) == 0
    quality = measure(json.loads(out.read_text(encoding="utf-8")))
    assert quality.crossings <= ordering_crossings(model)
    assert quality.through_shapes == 0
    assert quality.shared_segments == 0


def test_a_shape_dragged_onto_a_planned_line_costs_only_the_stretch_it_blocks():
    """Routed around the shape (nothing through it, no shared segment), off its plan
    only where the shape stands."""
    model = parse(SHOP)
    boxes = arrange(model)
    relations, before = compute_drawing(model, boxes)
    audits = next(r.key for r in relations if r.label == "audits")
    points = before.routes[audits]
    a, b = max(zip(points, points[1:], strict=False),
               key=lambda p: abs(p[1][0] - p[0][0]) + abs(p[1][1] - p[0][1]))
    archive = boxes["archive"]  # connected to nothing: only in the way
    moved = dict(boxes)
    moved["archive"] = Box((a[0] + b[0]) / 2 - archive.width / 2,
                           (a[1] + b[1]) / 2 - archive.height / 2, archive.width,
                           archive.height)
    _, drawing = compute_drawing(model, moved)
    assert audits in before.followed
    assert audits in drawing.detoured and audits not in drawing.followed
    after = drawing.routes[audits]
    assert after[0] == points[0] and after[-1] == points[-1]  # the plan's ports
    assert after[-2][0] == points[-2][0]  # and its last stretch into the database
    problems = all_problems(drawing)
    assert problems["through"] == [] and problems["shared"] == []
