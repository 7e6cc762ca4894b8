"""An element whose kind is typed into a system, or back, is drawn as one shown that way
from the start: a system lies below the lines (its fill would hide the lines across it)
with its big zoomed-out name, any other element above them without one."""

from __future__ import annotations

from archstudio.canvas import DiagramScene
from archstudio.dsl import parse
from archstudio.layout import arrange

TEXT = 'architecture "x" {{\n  {kind} a "A"\n  container b "B"\n  a -> b "calls"\n}}\n'


def _look(scene: DiagramScene) -> tuple:
    item = scene.element_item("a")
    name = item.name_item
    return item.zValue(), name is not None and name.scene() is scene


def test_a_kind_typed_into_a_system_and_back_draws_like_a_fresh_one(qapp):
    container, system = parse(TEXT.format(kind="container")), parse(TEXT.format(kind="system"))
    boxes = arrange(container)
    fresh = {}
    for name, model in (("container", container), ("system", system)):
        scene = DiagramScene()
        scene.show_model(model, boxes)
        fresh[name] = _look(scene)
    assert fresh["container"] != fresh["system"]
    typed = DiagramScene()
    typed.show_model(container, boxes)
    typed.show_model(system, boxes)
    assert _look(typed) == fresh["system"]
    typed.show_model(container, dict(boxes))
    assert _look(typed) == fresh["container"]
