"""After a drag only layout entries change: the boxes are then worked out from the last
ones in proportion to the change (layout/arrange.py: rearranged, refit_systems), and
they are always the boxes a whole arrange gives."""

from __future__ import annotations

import random

from archstudio.dsl.incremental import IncrementalParser
from archstudio.edit.layout import set_positions, set_size
from archstudio.layout import arrange
from archstudio.layout.arrange import rearranged, refit_systems
from benchmarks.models import generate


def test_moves_resizes_and_their_undo_give_the_boxes_of_a_whole_arrange():
    parser = IncrementalParser()
    texts = [generate(80, seed=7)]
    model = parser.parse(texts[0])
    placed = arrange(model)  # a new layout: the document arranges from it after that
    boxes = arrange(model, placed)
    rng = random.Random(11)
    leaves = [q for q, e in model.elements.items() if not e.is_group and e.parent]
    systems = [q for q, e in model.elements.items() if e.is_group and e.children]
    steps = 0
    for step in range(14):
        text = texts[-1]
        if step % 5 == 4:  # an undo: back to an earlier text
            text = texts[-3]
        elif step % 5 == 3:
            qname = rng.choice(systems)
            if qname not in model.layout:
                box = boxes[qname]
                text = set_positions(text, {qname: (box.x, box.y)}, model=model).text
            else:
                box = boxes[qname]
                text = set_size(text, qname, box.width + 40, box.height + 30, model=model).text
        else:
            moved = rng.sample(leaves, 1 + step % 3)
            text = set_positions(text, {q: (boxes[q].x + rng.choice((-60, 30, 90)),
                                            boxes[q].y + rng.choice((-40, 0, 50)))
                                        for q in moved}, model=model).text
        after = parser.parse(text)
        quick = rearranged(after, model, boxes, placed)
        whole = arrange(after, placed)
        assert quick is not None, step
        assert quick == whole, step
        assert list(quick) == list(whole)  # in the same order, too
        assert sum(quick[q] is not boxes[q] for q in quick) < len(quick) // 4
        steps += 1
        texts.append(text)
        model, boxes = after, quick
        placed.update({q: b for q, b in boxes.items() if q not in after.layout})
    assert steps == 14


def test_a_change_beyond_the_layout_is_arranged_whole():
    parser = IncrementalParser()
    text = generate(40, seed=3)
    model = parser.parse(text)
    boxes = arrange(model)
    leaf = next(q for q, e in model.elements.items() if not e.is_group and e.parent)
    renamed = parser.parse(text.replace(f" {leaf.split('.')[-1]} ", " Renamed ", 1))
    assert rearranged(renamed, model, boxes, boxes) is None


def test_a_dropped_element_grows_its_system_and_a_given_system_keeps_its_box():
    model = IncrementalParser().parse(generate(60, seed=2))
    boxes = arrange(model, arrange(model))
    leaf = next(q for q, e in model.elements.items() if not e.is_group and e.parent)
    system = model.elements[leaf].parent
    box = boxes[leaf]
    far = type(box)(boxes[system].right + 200, box.y, box.width, box.height)
    out = refit_systems(model, {**boxes, leaf: far}, [leaf])
    assert out[system].right > far.right and out[system].contains_box(far)
    kept = refit_systems(model, {**boxes, leaf: far}, [leaf], {system})
    assert kept[system] == boxes[system]
