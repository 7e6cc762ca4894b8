"""The canvas's item index fits the items it shows (canvas/scene.py, ``_fit_index``):
Qt sets its BSP tree's depth once, from the items of the first index (the shapes alone
when the lines come later) and keeps it, which left a diagram's long lines in thousands
of leaves, each move of one walking them all. The scene keeps about 16 items to a leaf
as the diagram grows or shrinks, and what it finds is what the items are."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from archstudio.canvas.items import RelationItem
from archstudio.canvas.scene import DiagramScene
from archstudio.dsl import parse
from archstudio.layout import arrange
from benchmarks.models import generate


def _per_leaf(scene: DiagramScene) -> float:
    return len(scene.items()) / 2 ** scene.bspTreeDepth()


@pytest.mark.parametrize("size", [60, 400])
def test_the_index_keeps_about_sixteen_items_to_a_leaf(qapp, size):
    model = parse(generate(size, seed=3))
    scene = DiagramScene()
    scene.background_from = 10 ** 6  # routed here, at once
    scene.show_model(model, arrange(model))
    assert scene.relation_items()
    assert 6 <= _per_leaf(scene) <= 48


def test_the_index_follows_a_diagram_that_grows_and_finds_what_is_there(qapp):
    scene = DiagramScene()
    scene.background_from = 10 ** 6
    small = parse(generate(20, seed=3))
    scene.show_model(small, arrange(small))
    small_depth = scene.bspTreeDepth()
    big = parse(generate(400, seed=3))
    scene.show_model(big, arrange(big))
    assert scene.bspTreeDepth() > small_depth
    assert 6 <= _per_leaf(scene) <= 48
    for key, item in list(scene.relation_items().items())[::25]:
        rect = item.sceneBoundingRect()
        found = scene.items(QRectF(rect.center().x() - 1, rect.top(), 2, rect.height()))
        assert any(isinstance(i, RelationItem) and i.key == key for i in found)
