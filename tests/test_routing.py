"""Relation routing and label placement, checked on the computed drawing through
``render.plan`` (what canvas and export draw): no line through a shape, a title band or a
foreign system, no shared segments, labels off shapes and off each other, sibling lines
inside their system, ends on the outlines, the same result every time."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render import plan
from archstudio.render.drawing import Drawing
from archstudio.render.scope import Shape, title_rect
from benchmarks.models import generate
from tests.route_checks import (
    all_problems,
    label_problems,
    loose_ends,
    outside_frame,
    shared_segments,
    through_shapes,
)

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.arch"))


@pytest.fixture(autouse=True)
def gui(qapp):
    """Label sizes are measured with Qt fonts."""


def _assert_clean(drawing: Drawing) -> None:
    problems = all_problems(drawing)
    assert problems["through"] == []
    assert problems["shared"] == []
    assert problems["frame"] == []
    assert problems["ends"] == []
    # a label on a shape or another label happens only where no free spot exists, and is
    # then reported
    crowded = set(drawing.crowded)
    for problem in problems["labels"]:
        label, _, other = problem.partition(" on ")
        assert label in crowded or other in crowded, problem
    assert drawing.blocked == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_route_cleanly(path):
    model = parse(path.read_text())
    diagram = plan(model, arrange(model))
    _assert_clean(diagram.drawing)
    assert [e.points for e in diagram.edges] == [
        diagram.drawing.routes[r.key] for r in model.relations
        if r.key in diagram.drawing.routes]
    assert all(e.label_box == diagram.drawing.labels.get(key)
               for e, (key, _, _) in zip(diagram.edges, diagram.drawing.links, strict=True))


@pytest.mark.parametrize("size", [30, 60, 100])
def test_generated_models_route_cleanly(size):
    model = parse(generate(size, seed=size))
    _assert_clean(plan(model, arrange(model)).drawing)


def _random_boxes(rng: random.Random, count: int) -> dict[str, Shape]:
    """Leaves on a jittered grid, never overlapping, some grouped in a system."""
    cells = [(i, j) for i in range(8) for j in range(8)]
    rng.shuffle(cells)
    shapes: dict[str, Shape] = {}
    for n, (i, j) in enumerate(cells[:count]):
        shapes[f"n{n}"] = Shape(Box(i * 320 + rng.uniform(0, 100), j * 220 + rng.uniform(0, 90),
                                    rng.choice((140, 180, 200)), rng.choice((64, 90, 120))),
                                None, False)
    return shapes


@pytest.mark.parametrize("seed", range(6))
def test_random_boxes_route_cleanly(seed):
    rng = random.Random(seed)
    shapes = _random_boxes(rng, 24)
    names = sorted(shapes)
    links = []
    for n in range(40):
        a, b = rng.sample(names, 2)
        links.append((f"{a}->{b}#{n}", a, b))
    sizes = {key: (rng.uniform(40, 120), 16.0) for key, _, _ in links[::2]}
    drawing = Drawing.compute(shapes, links, sizes)
    assert through_shapes(drawing) == []
    assert shared_segments(drawing) == []
    assert loose_ends(drawing) == []
    assert Drawing.compute(shapes, links, sizes).routes == drawing.routes  # deterministic


def test_siblings_stay_inside_their_system_and_lines_avoid_title_tabs():
    text = ('architecture "T" {\n system S "Shop" {\n  container A\n  container B\n'
            '  container C\n }\n container X\n S.A -> S.C "one"\n S.C -> S.A "two"\n'
            ' X -> S.B "in"\n S.B -> X "out"\n}\n')
    model = parse(text)
    boxes = arrange(model)
    drawing = plan(model, boxes).drawing
    assert outside_frame(drawing) == [] and through_shapes(drawing) == []
    tab = title_rect(drawing.shapes["S"])
    assert drawing.shapes["S"].box.x + 60 < tab[2] < drawing.shapes["S"].box.right
    for key in ("X->S.B#2", "S.B->X#3"):
        for a, b in pairwise(drawing.routes[key]):  # never across the title tab
            x0, x1 = sorted((a[0], b[0]))
            y0, y1 = sorted((a[1], b[1]))
            assert not (x0 < tab[2] and x1 > tab[0] and y0 < tab[3] and y1 > tab[1])


def test_a_member_reaches_what_lies_above_its_system_across_the_free_top_border():
    """The title is a tab at the top left: a line from a member to an element above the
    system crosses the top border beside the tab instead of going round the system."""
    shapes = {"S": Shape(Box(0, 200, 700, 300), None, True, 150.0),
              "S.A": Shape(Box(400, 300, 160, 80), "S", False),
              "S.B": Shape(Box(40, 300, 160, 80), "S", False),
              "T": Shape(Box(400, 0, 160, 80), None, False)}
    links = [("a", "S.A", "T"), ("b", "S.B", "T")]
    drawing = Drawing.compute(shapes, links, {})
    assert through_shapes(drawing) == []
    for key in ("a", "b"):
        points = drawing.routes[key]
        ys = [y for _, y in points]
        assert min(ys) <= 80 and max(ys) <= 300  # up out of the top, not round a side
        crossing = [a for a, b in pairwise(points) if a[0] == b[0]
                    and min(a[1], b[1]) < 200 < max(a[1], b[1])]
        assert crossing and all(x > 150 for x, _ in crossing)
    assert len(drawing.routes["a"]) == 2  # straight up


def test_a_shape_in_the_way_is_gone_around_and_a_blocked_side_is_left_by_another():
    shapes = {"A": Shape(Box(0, 0, 180, 90), None, False),
              "M": Shape(Box(300, -40, 180, 170), None, False),
              "B": Shape(Box(600, 0, 180, 90), None, False),
              "W": Shape(Box(180, 0, 60, 90), None, False)}  # pressed against A's right side
    drawing = Drawing.compute(shapes, [("r", "A", "B")], {"r": (60.0, 16.0)})
    assert through_shapes(drawing) == [] and drawing.blocked == []
    points = drawing.routes["r"]
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(points))
    assert label_problems(drawing) == [] and drawing.crowded == []


def test_labels_sit_beside_their_own_line_off_other_lines():
    model = parse(EXAMPLES[0].read_text())
    drawing = plan(model, arrange(model)).drawing
    for key, box in drawing.labels.items():
        if key in drawing.crowded:
            continue
        near = any(min(a[0], b[0]) - 8 <= box.right and box.x <= max(a[0], b[0]) + 8
                   and min(a[1], b[1]) - 8 <= box.bottom and box.y <= max(a[1], b[1]) + 8
                   for a, b in pairwise(drawing.routes[key]))
        assert near, key


def test_huge_coordinates_and_a_huge_system_cost_nothing_special():
    """A coordinate of 1e12 and a 1,000,000-px system route like small ones (nothing walks
    cells by coordinate)."""
    far = 1e12
    shapes = {"S": Shape(Box(far, far, 1_000_000, 1_000_000), None, True),
              "S.A": Shape(Box(far + 100, far + 100, 180, 90), "S", False),
              "S.B": Shape(Box(far + 900_000, far + 900_000, 180, 90), "S", False),
              "S.M": Shape(Box(far + 450_000, far + 100, 180, 90), "S", False),
              "X": Shape(Box(far - 5_000_000, far, 180, 90), None, False)}
    links = [("a", "S.A", "S.B"), ("b", "X", "S.M"), ("c", "S.M", "S.A")]
    drawing = Drawing.compute(shapes, links, {"a": (60.0, 16.0), "b": (50.0, 16.0)})
    assert through_shapes(drawing) == [] and outside_frame(drawing) == []
    assert set(drawing.labels) == {"a", "b"}


def test_report_counts_what_could_not_be_done_cleanly():
    shapes = {"A": Shape(Box(0, 0, 100, 60), None, False),
              "B": Shape(Box(300, 0, 100, 60), None, False),
              # a wall around B: no way in
              "T": Shape(Box(250, -60, 200, 40), None, False),
              "D": Shape(Box(250, 80, 200, 40), None, False),
              "L": Shape(Box(250, -20, 30, 100), None, False),
              "R": Shape(Box(420, -20, 30, 100), None, False)}
    drawing = Drawing.compute(shapes, [("r", "A", "B")], {})
    assert drawing.blocked == ["r"]
    assert drawing.report() == {"relations": 1, "blocked_routes": 1, "crowded_labels": 0}


def test_a_line_into_a_system_from_above_goes_straight_down_beside_its_title_tab():
    """The web shop sits above the payment system, its API right under the system's
    title tab: both ports move past the tab, so the line is one straight segment."""
    model = parse('architecture Shop {\n system Pay "Payments" {\n  container Api "Payment API"'
                  '\n  datastore Db "Ledger"\n }\n container Web "Web shop"\n'
                  ' Web -> Pay.Api "pays"\n Pay.Api -> Pay.Db "books"\n}\n')
    boxes = arrange(model)
    drawing = plan(model, boxes).drawing
    points = drawing.routes["Web->Pay.Api#0"]
    tab = title_rect(drawing.shapes["Pay"])
    assert boxes["Web"].bottom < boxes["Pay"].y and boxes["Pay.Api"].x < tab[2]
    assert len(points) == 2 and abs(points[0][0] - points[1][0]) < 1e-6
    assert points[0][0] > tab[2]  # beside the tab, not through it
    assert through_shapes(drawing) == []
