"""The outline follows a drag into or out of a system by moving that one row: the tree
is the one built from scratch, and every other row (with its expanded state) stays."""

from __future__ import annotations

from archstudio import edit
from archstudio.app.panels.outline import OutlineTree
from archstudio.dsl import parse
from benchmarks.models import generate


def _rows(tree: OutlineTree) -> list[tuple]:
    out = []

    def walk(item, depth):
        out.append((depth, item.text(0), item.text(1), item.data(0, 256)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i), 0)
    return out


def test_moves_into_and_out_of_systems_change_only_the_moved_rows(qapp):
    text = generate(60, seed=4)
    model = parse(text)
    tree = OutlineTree()
    tree.show_model(model)
    systems = [q for q, e in model.elements.items() if e.is_group]
    kept = tree.item_for(systems[-1])
    kept.setExpanded(False)
    leaf = next(q for q, e in model.elements.items() if e.parent == systems[0])
    for into in (None, systems[2], systems[1]):  # out to the top, then into two systems
        step = edit.move_element(text, leaf, into, model=model)
        text, leaf = step.text, str(step.subject)
        model = parse(text)
        tree.show_model(model)
        fresh = OutlineTree()
        fresh.show_model(model)
        assert _rows(tree) == _rows(fresh)
        assert tree.item_for(systems[-1]) is kept and not kept.isExpanded()
    moved_system = edit.move_element(text, systems[3], systems[4], model=model)
    model = parse(moved_system.text)  # a whole system with its members
    tree.show_model(model)
    fresh = OutlineTree()
    fresh.show_model(model)
    assert _rows(tree) == _rows(fresh)
