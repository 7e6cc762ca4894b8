"""The router's inputs of a view are kept across changes (render/routing_memo.py): what
did not change is handed over as the very same objects, what changed is made again, and
the inputs are always those made from scratch."""

from __future__ import annotations

import pytest

from archstudio.dsl import parse
from archstudio.dsl.incremental import IncrementalParser
from archstudio.layout import Box, arrange
from archstudio.render.diagram import routing_inputs
from archstudio.render.routing_memo import RoutingMemo
from archstudio.render.theme import DARK, LIGHT
from benchmarks.models import generate


@pytest.fixture
def gui(qapp):
    """Label sizes are measured with Qt fonts."""


def test_unchanged_shapes_and_label_sizes_are_the_same_objects_and_equal_a_fresh_set(gui):
    parser = IncrementalParser()
    text = generate(60, seed=2)
    model = parser.parse(text)
    boxes = arrange(model)
    memo = RoutingMemo()
    _, shapes, links, sizes, _ = routing_inputs(model, boxes, LIGHT, memo=memo)
    qname = next(q for q, e in model.elements.items() if not e.is_group and e.parent)
    box = boxes[qname]
    moved = {**boxes, qname: Box(box.x + 40, box.y, box.width, box.height)}
    label = next(r for r in model.relations if r.label)
    at = text.index(f'"{label.label}"', label.span.start) + 1
    typed = parser.parse(text[:at] + "more " + text[at:])  # one label longer
    _, again, links_again, sizes_again, _ = routing_inputs(typed, moved, LIGHT, memo=memo)
    _, fresh, fresh_links, fresh_sizes, _ = routing_inputs(typed, moved, LIGHT)
    assert again == fresh and sizes_again == fresh_sizes and links_again == fresh_links
    assert again[qname] is not shapes[qname]
    assert all(again[q] is shapes[q] for q in shapes if q != qname)
    assert sizes_again[label.key] != sizes[label.key]
    kept = [k for k in sizes if k != label.key]
    assert kept and all(sizes_again[k] is sizes[k] for k in kept)
    _, _, _, dark, _ = routing_inputs(typed, moved, DARK, memo=memo)
    assert dark == routing_inputs(typed, moved, DARK)[3]


def test_a_memo_of_another_diagram_gives_that_diagrams_inputs(gui):
    memo = RoutingMemo()
    for seed in (1, 2, 3):
        model = parse(generate(30, seed=seed))
        boxes = arrange(model)
        with_memo = routing_inputs(model, boxes, LIGHT, memo=memo)
        alone = routing_inputs(model, boxes, LIGHT)
        assert with_memo[1:4] == alone[1:4]


def test_a_drag_hands_over_the_last_inputs_with_only_the_moved_shapes_made_again(gui):
    model = parse(generate(60, seed=4))
    boxes = arrange(model)
    memo = RoutingMemo()
    relations, shapes, links, sizes, _ = routing_inputs(model, boxes, LIGHT, memo=memo)
    leaves = [q for q, e in model.elements.items() if not e.is_group and e.parent]
    for step, qname in enumerate(leaves[:4]):
        box = boxes[qname]
        boxes = {**boxes, qname: Box(box.x + 30, box.y + 10 * step, box.width, box.height)}
        again = routing_inputs(model, boxes, LIGHT, memo=memo)
        fresh = routing_inputs(model, boxes, LIGHT)
        assert again[0] == fresh[0] and again[1] == fresh[1]
        assert again[2] == fresh[2] and again[3] == fresh[3]
        assert again[1][qname].box == boxes[qname]
        assert all(again[1][q] is shapes[q] for q in shapes if q not in leaves[:step + 1])
    gone = parse(generate(60, seed=4).replace("element", "element", 1))
    changed = routing_inputs(gone, boxes, LIGHT, memo=memo)  # other objects: made again
    assert changed[2] == routing_inputs(gone, boxes, LIGHT)[2]
